package io.copytrader.account;

/** Why a request produced no order; {@link #retryable()} says whether a later attempt may succeed. */
public enum RejectionCode {
  /** The order book has neither a bid nor an ask. */
  NO_PRICE(true),
  /** The order would be smaller than the market's minimum base or quote amount (ratio 0 lands here too). */
  SIZE_BELOW_MINIMUM(false),
  /** The order would be larger than a Lighter order can be (2^48 − 1 base ticks). */
  SIZE_ABOVE_MAXIMUM(false),
  /** A price would fall outside Lighter's 1 .. 2^32 − 1 ticks. */
  PRICE_OUT_OF_RANGE(false),
  /** Close or adjust with no open position in the market. */
  NO_POSITION(false),
  /** No usable stop-loss price: no entry price, no margin fraction, or a trigger at or below zero. */
  STOP_LOSS_PRICE_INVALID(false),
  /**
   * The stop-loss would assume an initial margin fraction outside the market's limits (below its minimum or above
   * 1): a unit mistake that would put it far too close to or far from the entry.
   */
  STOP_LOSS_IMPLAUSIBLE(false),
  /** No usable take-profit price: no entry price, or a short's trigger at or below zero. */
  TAKE_PROFIT_PRICE_INVALID(false),
  /**
   * The order would open or increase a position in a market that takes only exits now: reduce-only, hidden, with
   * trading hours, or with a multiplier other than 1 ({@link io.copytrader.market.MarketAccess}).
   */
  MARKET_REDUCE_ONLY(false);

  private final boolean retryable;

  RejectionCode(boolean retryable) {
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
