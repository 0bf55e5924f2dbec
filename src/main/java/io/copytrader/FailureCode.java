package io.copytrader;

/**
 * Failure codes carried by {@code msg.fail(code, text)} on the event bus. The HTTP layer maps each to a
 * status in one place; {@link #name()} is the {@code code} field of the error body.
 */
public enum FailureCode {
  INVALID_REQUEST(1),
  UNAUTHORIZED(2),
  UNKNOWN_ACCOUNT(3),
  UNKNOWN_MARKET(4),
  UNKNOWN_SYMBOL(5),
  MARKET_INACTIVE(6),
  NO_POSITION(7),
  QUEUE_FULL(8),
  EXCHANGE_UNAVAILABLE(9),
  IDEMPOTENCY_CONFLICT(10),
  NOT_FOUND(11),
  SHUTTING_DOWN(12),
  MARKET_REDUCE_ONLY(13),
  /**
   * A webhook from an address its signal source does not allow, or a browser request from another origin to a
   * route that changes something (http/BrowserSecurity).
   */
  FORBIDDEN(14),
  /** The configured leverage could not be set in the market; the request's {@code error_code}. */
  LEVERAGE_REFUSED(15),
  /** Only the account's owner can do it, and another node owns the account (docs/ARCHITECTURE.md "Several nodes"). */
  NOT_OWNER(16),
  INTERNAL(99);

  private final int code;

  FailureCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static FailureCode of(int code) {
    for (FailureCode failure : values()) {
      if (failure.code == code) {
        return failure;
      }
    }
    return INTERNAL;
  }
}
