package io.copytrader.webhook;

/** A webhook payload that breaks the contract; the message names the field and the rule, never a secret. */
public final class SignalException extends Exception {

  public SignalException(String message) {
    super(message, null, false, false);
  }
}
