package io.copytrader.paper;

import java.math.BigDecimal;

/**
 * One fill of an account's order against one level of the synthetic book (the maker side, which belongs to no
 * account and has no position), as {@code trades} and {@code recentTrades} list it.
 *
 * @param txHash the transaction whose execution made the fill; empty for a stop triggered by a price move, which
 *   no transaction of the account's made
 * @param makerOrderIndex the synthetic book order the level shows in {@code orderBookOrders}
 * @param takerPositionBefore the taker's signed position in the market before the fill
 * @param takerEntryQuoteBefore the taker's entry value (size times average entry) before the fill
 * @param takerPnl what the fill realized for the taker
 * @param timestamp epoch ms
 */
record PaperTrade(long tradeId, String txHash, int marketId, BigDecimal size, BigDecimal price, long takerAccount,
                  long takerOrderIndex, long takerClientOrderIndex, boolean takerIsAsk, long makerOrderIndex,
                  BigDecimal takerPositionBefore, BigDecimal takerEntryQuoteBefore, int takerImfBefore,
                  boolean takerSignChanged, BigDecimal takerPnl, long timestamp) {
}
