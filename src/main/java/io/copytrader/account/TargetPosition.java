package io.copytrader.account;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Set;

/**
 * The position a {@link TradeAction#POSITION} request asks the account to hold in its market (README "Target
 * positions"): exactly one of {@code ratio} (a signed fraction of equity, sized as {@code /api/trade} sizes) and
 * {@code base} (signed base units); {@code follow} is set, with {@code base}, when a leader's change produced it.
 */
public record TargetPosition(BigDecimal ratio, BigDecimal base, FollowFigures follow) {

  static final long MAX_ACCOUNT_INDEX = (1L << 48) - 2;
  static final int MAX_MARKET_ID = 4094;
  static final int MAX_SYMBOL = 32;
  /** A follow key holds the leader's name, the follower, the market and the leader's event. */
  static final int MAX_CLIENT_REQUEST_ID = 256;
  private static final long MAX_SIGNAL_TIMESTAMP = 253_402_300_799_999L;
  private static final long MAX_LAG_MS = 86_400_000L;
  private static final Set<String> FIELDS = Set.of("account_index", "market_id", "symbol", "action", "target_ratio",
    "target_base", "follow", "client_request_id", "signal_timestamp", "max_lag_ms");

  public TargetPosition {
    if ((ratio == null) == (base == null)) {
      throw new IllegalArgumentException("a target has exactly one of target_ratio and target_base");
    }
    if (ratio != null && ratio.abs().compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("target_ratio must be between -1 and 1");
    }
    if (follow != null && base == null) {
      throw new IllegalArgumentException("follow goes with target_base");
    }
  }

  public static TargetPosition ofRatio(BigDecimal ratio) {
    return new TargetPosition(ratio, null, null);
  }

  public static TargetPosition ofBase(BigDecimal base, FollowFigures follow) {
    return new TargetPosition(null, base, follow);
  }

  void writeTo(JsonObject json) {
    if (ratio != null) {
      json.put("target_ratio", ratio.toPlainString());
    } else {
      json.put("target_base", base.toPlainString());
    }
    if (follow != null) {
      json.put("follow", follow.toJson());
    }
  }

  /**
   * A position request as the contract spells it (README "Target positions"), every field bounded: the HTTP API's
   * resolved request, or one another part of the service submitted on the bus, which must name its market by id.
   */
  static TradeRequest request(JsonObject json) {
    BoundedJson fields = new BoundedJson(json, "", FIELDS);
    TargetPosition target = new TargetPosition(fields.optionalDecimal("target_ratio"),
      fields.optionalDecimal("target_base"), fields.has("follow") ? FollowFigures.fromJson(fields.object("follow")) : null);
    Long signalTimestamp = fields.optionalInteger("signal_timestamp", 1, MAX_SIGNAL_TIMESTAMP);
    Long maxLag = fields.optionalInteger("max_lag_ms", 1, MAX_LAG_MS);
    if (maxLag != null && signalTimestamp == null) {
      throw new IllegalArgumentException("max_lag_ms needs signal_timestamp");
    }
    return new TradeRequest(fields.integer("account_index", 0, MAX_ACCOUNT_INDEX),
      (int) fields.integer("market_id", 0, MAX_MARKET_ID), fields.optionalText("symbol", MAX_SYMBOL),
      TradeAction.POSITION, null, null, fields.optionalText("client_request_id", MAX_CLIENT_REQUEST_ID),
      signalTimestamp, maxLag, target);
  }
}
