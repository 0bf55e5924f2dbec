package io.copytrader.journal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A request with its orders in ordinal order: the answer to "what happened to that signal?". */
public record RequestDetail(RequestRecord request, List<OrderRecord> orders) {

  public RequestDetail {
    orders = List.copyOf(orders);
  }

  public JsonObject toJson() {
    JsonArray orderJson = new JsonArray();
    orders.forEach(order -> orderJson.add(order.toJson()));
    return request.toJson().put("orders", orderJson);
  }
}
