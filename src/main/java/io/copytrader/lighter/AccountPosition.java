package io.copytrader.lighter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigDecimal;

/**
 * One market row of an account. {@code position} is the absolute size and {@code sign} its direction
 * (1 long, -1 short; also 1 on flat rows). {@code initialMarginFraction} is a percentage ("5.00" = 5%).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccountPosition(
  long marketId,
  String symbol,
  BigDecimal initialMarginFraction,
  int openOrderCount,
  int pendingOrderCount,
  int positionTiedOrderCount,
  int sign,
  BigDecimal position,
  BigDecimal avgEntryPrice,
  BigDecimal positionValue,
  BigDecimal unrealizedPnl,
  BigDecimal realizedPnl,
  BigDecimal liquidationPrice,
  BigDecimal totalFundingPaidOut,
  int marginMode,
  BigDecimal allocatedMargin) {

  /** A row as Lighter's REST answers and stream frames carry it. */
  public static AccountPosition fromJson(String json) throws JsonProcessingException {
    return LighterJson.MAPPER.readValue(json, AccountPosition.class);
  }

  public boolean open() {
    return position != null && position.signum() != 0;
  }

  public boolean isLong() {
    return open() && sign > 0;
  }

  /** The size with its direction: positive long, negative short, zero flat. */
  public BigDecimal signedPosition() {
    if (!open()) {
      return BigDecimal.ZERO;
    }
    return sign < 0 ? position.abs().negate() : position.abs();
  }
}
