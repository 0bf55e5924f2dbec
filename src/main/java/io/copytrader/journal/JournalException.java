package io.copytrader.journal;

/** The journal cannot open, or cannot do what was asked; the message says which and why. */
public class JournalException extends RuntimeException {

  private final boolean unavailable;

  public JournalException(String message) {
    this(message, null, false);
  }

  public JournalException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private JournalException(String message, Throwable cause, boolean unavailable) {
    super(message, cause);
    this.unavailable = unavailable;
  }

  /**
   * The journal's database could not be reached: nothing of the operation was written, unless the connection was
   * lost while its COMMIT was answered, in which case it may have been. The journal reconnects by itself.
   */
  static JournalException unavailable(String message, Throwable cause) {
    return new JournalException(message, cause, true);
  }

  /**
   * The journal was closed, as the service closes it when it stops, before the operation ran: nothing of it was
   * written. Out of reach like a lost database, so a request it interrupts is taken up again from the journal at the
   * next start rather than reported failed by a write that cannot happen.
   */
  static JournalException closed() {
    return new JournalException("journal is closed", null, true);
  }

  /** Whether this failure is the database being out of reach rather than the operation being refused. */
  public boolean unavailable() {
    return unavailable;
  }

  /**
   * Whether {@code failure}, or what it wraps, is the journal out of reach: whatever failed with it is to be taken up
   * again from the journal once it is back, never reported as the operation's own outcome.
   */
  public static boolean outOfReach(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof JournalException journal && journal.unavailable) {
        return true;
      }
    }
    return false;
  }
}
