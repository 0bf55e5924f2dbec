package io.copytrader.account;

import java.util.Objects;

/** An expected outcome that produces no order, with a message fit for a person. */
public record Rejection(RejectionCode code, String message) implements SizingResult, StopLossResult, TakeProfitResult {

  public Rejection {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public boolean retryable() {
    return code.retryable();
  }
}
