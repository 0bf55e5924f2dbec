package io.copytrader.lighter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

/**
 * Full metadata of one perpetual market ({@code orderBookDetails}). Margin fractions are in units of
 * 1/10000 as Lighter sends them ({@code 500} = 5%); {@link #defaultInitialMarginFractionRatio()} gives the ratio.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderBookDetail(
  String symbol,
  long marketId,
  String marketType,
  String status,
  BigDecimal takerFee,
  BigDecimal makerFee,
  BigDecimal minBaseAmount,
  BigDecimal minQuoteAmount,
  int sizeDecimals,
  int priceDecimals,
  long quoteMultiplier,
  BigDecimal multiplier,
  int defaultInitialMarginFraction,
  int minInitialMarginFraction,
  int maintenanceMarginFraction,
  int closeoutMarginFraction,
  BigDecimal lastTradePrice,
  BigDecimal openInterest,
  MarketConfig marketConfig) {

  /**
   * The part of {@code market_config} the service reads. {@code tradingHours} is a string whose format is not
   * established (the live capture shows {@code ""}).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record MarketConfig(boolean forceReduceOnly, boolean hidden, String tradingHours) {
  }

  private static final int MARGIN_FRACTION_DECIMALS = 4;

  public boolean active() {
    return "active".equals(status);
  }

  /** The default initial margin as a ratio: {@code 500} becomes {@code 0.0500}. */
  public BigDecimal defaultInitialMarginFractionRatio() {
    return BigDecimal.valueOf(defaultInitialMarginFraction, MARGIN_FRACTION_DECIMALS);
  }

  /** The smallest initial margin (largest leverage) as a ratio: {@code 200} becomes {@code 0.0200}. */
  public BigDecimal minInitialMarginFractionRatio() {
    return BigDecimal.valueOf(minInitialMarginFraction, MARGIN_FRACTION_DECIMALS);
  }
}
