package io.copytrader.account;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/**
 * A validated signal for one account and market ({@code marketId} is null until a symbol is resolved).
 * {@code ratio} is set for long/short,
 * {@code percentage} for increase/decrease, {@code target} for position; the optional fields bound how late it
 * may start.
 *
 * @param clientRequestId the caller's idempotency key (header or body), or null
 * @param signalTimestamp when the signal was produced, epoch ms, or null
 * @param maxLagMs how long after {@code signalTimestamp} it may still start, or null
 */
public record TradeRequest(
  long accountIndex,
  Integer marketId,
  String symbol,
  TradeAction action,
  BigDecimal ratio,
  BigDecimal percentage,
  String clientRequestId,
  Long signalTimestamp,
  Long maxLagMs,
  TargetPosition target) {

  public TradeRequest(long accountIndex, Integer marketId, String symbol, TradeAction action, BigDecimal ratio,
                      BigDecimal percentage, String clientRequestId, Long signalTimestamp, Long maxLagMs) {
    this(accountIndex, marketId, symbol, action, ratio, percentage, clientRequestId, signalTimestamp, maxLagMs, null);
  }

  public TradeRequest withMarket(int resolvedMarketId, String resolvedSymbol) {
    return new TradeRequest(accountIndex, resolvedMarketId, resolvedSymbol, action, ratio, percentage,
      clientRequestId, signalTimestamp, maxLagMs, target);
  }

  /** The same request for another account (one signal fanned out to several). */
  public TradeRequest withAccount(long otherAccountIndex) {
    return new TradeRequest(otherAccountIndex, marketId, symbol, action, ratio, percentage, clientRequestId,
      signalTimestamp, maxLagMs, target);
  }

  /** A target position request ({@link TradeAction#POSITION}) for {@code wanted}. */
  public TradeRequest withTarget(TargetPosition wanted) {
    return new TradeRequest(accountIndex, marketId, symbol, TradeAction.POSITION, null, null, clientRequestId,
      signalTimestamp, maxLagMs, wanted);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("account_index", accountIndex)
      .put("market_id", marketId)
      .put("symbol", symbol)
      .put("action", action.wireName());
    if (ratio != null) {
      json.put("reference_position_ratio", ratio.toPlainString());
    }
    if (percentage != null) {
      json.put("percentage", percentage.toPlainString());
    }
    if (clientRequestId != null) {
      json.put("client_request_id", clientRequestId);
    }
    if (signalTimestamp != null) {
      json.put("signal_timestamp", signalTimestamp);
    }
    if (maxLagMs != null) {
      json.put("max_lag_ms", maxLagMs);
    }
    if (target != null) {
      target.writeTo(json);
    }
    return json;
  }

  /**
   * The request {@link #toJson} wrote, or one submitted on the bus; a target position's fields are checked
   * ({@link TargetPosition#request}), with an {@link IllegalArgumentException} naming the first bad one.
   */
  public static TradeRequest fromJson(JsonObject json) {
    String ratio = json.getString("reference_position_ratio");
    String percentage = json.getString("percentage");
    TradeAction action = TradeAction.fromWireName(json.getString("action"));
    if (action == TradeAction.POSITION) {
      return TargetPosition.request(json);
    }
    return new TradeRequest(
      json.getLong("account_index"),
      json.getInteger("market_id"),
      json.getString("symbol"),
      action,
      ratio == null ? null : new BigDecimal(ratio),
      percentage == null ? null : new BigDecimal(percentage),
      json.getString("client_request_id"),
      json.getLong("signal_timestamp"),
      json.getLong("max_lag_ms"));
  }
}
