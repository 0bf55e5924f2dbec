package io.copytrader.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One message for operators, published on {@code Addresses.NOTIFY}. Producers say what happened as
 * labelled lines; the notifier owns rendering, escaping and delivery.
 *
 * @param fanout the signal this notice's request was one of several of, or null when it stands alone
 */
public record Notice(Severity severity, String title, List<Line> lines, Fanout fanout) {

  public enum Severity { INFO, WARNING, URGENT }

  public record Line(String label, String value) {
  }

  public Notice {
    lines = List.copyOf(lines);
  }

  public Notice(Severity severity, String title, List<Line> lines) {
    this(severity, title, lines, null);
  }

  /** The value of the first line labelled {@code label}, or null when there is none. */
  public String value(String label) {
    return lines.stream().filter(line -> label.equals(line.label())).map(Line::value).findFirst().orElse(null);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    lines.forEach(line -> array.add(new JsonObject().put("label", line.label()).put("value", line.value())));
    JsonObject json = new JsonObject().put("severity", severity.name()).put("title", title).put("lines", array);
    return fanout == null ? json : json.put("fanout", fanout.toJson());
  }

  public static Notice fromJson(JsonObject json) {
    List<Line> lines = json.getJsonArray("lines", new JsonArray()).stream()
      .map(JsonObject.class::cast)
      .map(line -> new Line(line.getString("label"), line.getString("value")))
      .toList();
    return new Notice(Severity.valueOf(json.getString("severity")), json.getString("title"), lines,
      Fanout.fromJson(json.getValue("fanout")));
  }
}
