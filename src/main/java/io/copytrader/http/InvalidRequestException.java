package io.copytrader.http;

/** A request body that breaks the contract; the message names the field and the rule. */
final class InvalidRequestException extends Exception {

  InvalidRequestException(String message) {
    super(message, null, false, false);
  }
}
