package io.copytrader.lighter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

/** One market as listed by {@code orderBooks}. Fees are percentages. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderBook(
  String symbol,
  long marketId,
  String marketType,
  String status,
  BigDecimal takerFee,
  BigDecimal makerFee,
  BigDecimal liquidationFee,
  BigDecimal minBaseAmount,
  BigDecimal minQuoteAmount,
  BigDecimal orderQuoteLimit,
  int supportedSizeDecimals,
  int supportedPriceDecimals,
  int supportedQuoteDecimals) {

  public boolean active() {
    return "active".equals(status);
  }

  public boolean perp() {
    return "perp".equals(marketType);
  }
}
