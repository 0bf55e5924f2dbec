package io.copytrader.paper;

import java.math.BigDecimal;

/**
 * A market of the paper exchange.
 *
 * @param defaultInitialMarginFraction in Lighter's units of 1/10000 (500 = 5% = 20x)
 * @param midPrice where the synthetic book is centred at start
 */
public record PaperMarket(int marketId, String symbol, boolean active, int sizeDecimals, int priceDecimals,
                          BigDecimal minBaseAmount, BigDecimal minQuoteAmount, int defaultInitialMarginFraction,
                          BigDecimal midPrice) {
}
