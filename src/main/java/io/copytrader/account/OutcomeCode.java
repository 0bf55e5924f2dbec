package io.copytrader.account;

/**
 * The service's own codes in a request's {@code error_code} (beside the sizing refusals of {@link RejectionCode}
 * and Lighter's codes as {@code LIGHTER_<code>}); the README's table lists them.
 */
public enum OutcomeCode {
  /** An opening request waited longer than its age limit before it started; nothing was sent. */
  SIGNAL_EXPIRED,
  /** The entry order reached the exchange and ended without any fill. */
  NOT_FILLED,
  /** The entry order filled only in part; the request is {@code partially_filled}. */
  PARTIALLY_FILLED,
  /** The entry order is on the exchange but did not reach a final state in time; the stop-loss follows the account. */
  FILL_UNCONFIRMED,
  /** The trade executed but the stop-loss could not be put in line; operators were alerted. */
  STOP_LOSS_FAILED,
  /** No evidence settled whether the entry order executed; nothing more was sent, operators were alerted. */
  OUTCOME_UNKNOWN,
  /** The exchange did not answer and then proved the order never executed, on every attempt. */
  EXCHANGE_NO_ANSWER,
  /** The market could not be resolved. */
  MARKET_UNAVAILABLE,
  /** A read from the exchange failed on every attempt; nothing was sent. */
  EXCHANGE_ERROR,
  /** A fault in the service itself; the log has the details. */
  INTERNAL
}
