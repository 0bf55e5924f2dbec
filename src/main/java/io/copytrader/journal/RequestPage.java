package io.copytrader.journal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One page of requests, newest first.
 *
 * @param next the cursor for the following page, or null when this page is the last
 */
public record RequestPage(List<RequestRecord> requests, RequestCursor next) {

  public RequestPage {
    requests = List.copyOf(requests);
  }

  public JsonObject toJson() {
    JsonArray items = new JsonArray();
    requests.forEach(request -> items.add(request.toJson()));
    return new JsonObject()
      .put("requests", items)
      .put("next", next == null ? null : next.encode());
  }
}
