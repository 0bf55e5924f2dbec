package io.copytrader.journal;

/** An order as the exchange names it for one account: its market and its client order index. */
public record ClientOrderRef(int marketId, long clientOrderIndex) {
}
