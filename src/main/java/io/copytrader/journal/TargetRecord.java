package io.copytrader.journal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A target position request's plan as journaled when it was first planned: the target in base units, the position
 * before and the price it was planned at, with every step planned since.
 */
public record TargetRecord(BigDecimal targetBase, BigDecimal positionBefore, BigDecimal price,
                           List<TargetStepRecord> steps) {

  public TargetRecord {
    Objects.requireNonNull(targetBase, "targetBase");
    Objects.requireNonNull(positionBefore, "positionBefore");
    Objects.requireNonNull(price, "price");
    steps = List.copyOf(steps);
  }

  /** The HTTP shape; each step lists the journal ordinals of the orders signed for it. */
  JsonObject toJson(List<OrderRecord> orders) {
    JsonArray stepJson = new JsonArray();
    for (TargetStepRecord step : steps) {
      JsonArray ordinals = new JsonArray();
      orders.stream().filter(order -> step.clientOrderIndex() != null && order.order().purpose().isEntry()
          && order.order().clientOrderIndex() == step.clientOrderIndex())
        .forEach(order -> ordinals.add(order.order().ordinal()));
      stepJson.add(new JsonObject()
        .put("step", step.step())
        .put("action", step.kind())
        .put("side", step.side().wire())
        .put("base_amount", step.base().toPlainString())
        .put("client_order_index", step.clientOrderIndex())
        .put("outcome", step.outcome().wire())
        .put("detail", step.detail())
        .put("orders", ordinals));
    }
    return new JsonObject()
      .put("target_base", targetBase.toPlainString())
      .put("position_before", positionBefore.toPlainString())
      .put("price", price.toPlainString())
      .put("steps", stepJson);
  }
}
