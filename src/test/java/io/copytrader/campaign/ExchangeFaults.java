package io.copytrader.campaign;

import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The client of the paper exchange's fault controls for one exchange: injects a scheduled {@link Fault}, heals
 * everything (clears {@code /paper/faults}, releases held account updates), and counts what it injected by kind.
 */
final class ExchangeFaults {

  /** One scheduled injection: the kind and the body drawn for it. */
  record Fault(FaultKind kind, JsonObject body) {

    @Override
    public String toString() {
      return kind + body.encode();
    }
  }

  private final CampaignHttp http = new CampaignHttp(null);
  private final String baseUrl;
  private final Set<FaultKind> supported = EnumSet.noneOf(FaultKind.class);
  private final Map<FaultKind, Integer> injected = new EnumMap<>(FaultKind.class);
  private final Map<FaultKind, Integer> skipped = new EnumMap<>(FaultKind.class);

  /** Learns which {@code /paper/faults} fields this exchange has; stream controls are assumed present. */
  ExchangeFaults(String exchangeBaseUrl) {
    this.baseUrl = exchangeBaseUrl;
    CampaignHttp.Reply current = http.get(baseUrl + "/paper/faults");
    if (!current.ok()) {
      throw new IllegalStateException("GET /paper/faults -> " + current.status() + " " + current.body());
    }
    JsonObject fields = current.json();
    for (FaultKind kind : FaultKind.values()) {
      if (kind.control.requiredField() == null || fields.containsKey(kind.control.requiredField())) {
        supported.add(kind);
      }
    }
  }

  /** Injects {@code fault}, or counts it skipped when this exchange lacks the control. */
  void inject(Fault fault) {
    if (!supported.contains(fault.kind())) {
      skipped.merge(fault.kind(), 1, Integer::sum);
      return;
    }
    CampaignHttp.Reply reply = http.post(baseUrl + fault.kind().control.path(), fault.body());
    if (reply.status() == 404) {
      supported.remove(fault.kind());
      skipped.merge(fault.kind(), 1, Integer::sum);
      return;
    }
    if (!reply.ok()) {
      throw new IllegalStateException("injecting " + fault + " -> " + reply.status() + " " + reply.body());
    }
    injected.merge(fault.kind(), 1, Integer::sum);
  }

  /** Back to a healthy exchange: no faults in force, account updates flowing, grouped orders as by default. */
  void heal() {
    CampaignHttp.Reply cleared = http.delete(baseUrl + "/paper/faults");
    CampaignHttp.Reply released = http.post(baseUrl + "/paper/streams/hold-account-updates",
      new JsonObject().put("held", false));
    CampaignHttp.Reply grouped = http.post(baseUrl + "/paper/grouped-orders",
      new JsonObject().put("children_armed", "full-fill").putNull("refuse"));
    if (!cleared.ok() || !released.ok() || !grouped.ok()) {
      throw new IllegalStateException("healing the exchange -> " + cleared.status() + "/" + released.status() + "/"
        + grouped.status());
    }
  }

  /** Moves a market's mid (and with it the mark that triggers stop-losses). */
  void setPrice(int marketId, String price) {
    CampaignHttp.Reply reply = http.post(baseUrl + "/paper/markets/" + marketId + "/price",
      new JsonObject().put("price", price));
    if (!reply.ok()) {
      throw new IllegalStateException("price of market " + marketId + " -> " + reply.status() + " " + reply.body());
    }
  }

  Map<FaultKind, Integer> injected() {
    return Map.copyOf(injected);
  }

  Map<FaultKind, Integer> skipped() {
    return Map.copyOf(skipped);
  }
}
