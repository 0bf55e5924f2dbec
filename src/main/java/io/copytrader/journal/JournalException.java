package io.copytrader.journal;

/** The journal cannot open, or cannot do what was asked; the message says which and why. */
public final class JournalException extends RuntimeException {

  public JournalException(String message) {
    super(message);
  }

  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
