package io.copytrader.account;

import io.copytrader.journal.LeaseLostException;
import io.copytrader.lighter.LighterException;

/** A failure worth another attempt: nothing was executed, or the in-doubt order is proven never to execute. */
final class RetryableFailure extends RuntimeException {

  private final String code;

  RetryableFailure(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  String code() {
    return code;
  }

  /** A failed read from the exchange: retried unless Lighter refused it for good. */
  static RuntimeException of(Throwable failure) {
    if (failure instanceof LighterException error && !error.retryable()) {
      return error;
    }
    if (failure instanceof LeaseLostException lost) {
      return lost;
    }
    return new RetryableFailure(failure instanceof LighterException error ? OrderSender.errorCode(error)
      : OutcomeCode.EXCHANGE_ERROR.name(), failure.getMessage());
  }

  /**
   * Whether {@code failure} or one of its causes says this node lost the account's lease: the request is then the
   * new owner's, and nothing more is written or reported of it here.
   */
  static boolean leaseLost(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof LeaseLostException) {
        return true;
      }
    }
    return false;
  }

  /** The code a failure ends a request with. */
  static String codeOf(Throwable failure) {
    return failure instanceof RetryableFailure known ? known.code()
      : failure instanceof LighterException error ? OrderSender.errorCode(error) : OutcomeCode.INTERNAL.name();
  }
}
