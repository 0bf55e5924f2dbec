package io.copytrader.journal;

import io.copytrader.rails.RailVerdict;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A request with its orders in ordinal order and the rails' verdicts on it in the order they were checked, and a
 * target position's plan and steps (null for any other request): the answer to "what happened to that signal?".
 */
public record RequestDetail(RequestRecord request, List<OrderRecord> orders, List<RailVerdict> rails,
                            TargetRecord target) {

  public RequestDetail {
    orders = List.copyOf(orders);
    rails = List.copyOf(rails);
  }

  public JsonObject toJson() {
    JsonArray orderJson = new JsonArray();
    orders.forEach(order -> orderJson.add(order.toJson()));
    JsonArray railJson = new JsonArray();
    rails.forEach(verdict -> railJson.add(new JsonObject().put("rail", verdict.rail().wire())
      .put("verdict", verdict.verdict().wire()).put("detail", verdict.detail())));
    JsonObject json = request.toJson().put("orders", orderJson).put("rails", railJson);
    return target == null ? json : json.put("target", target.toJson(orders));
  }
}
