package io.copytrader.journal;

/** What {@link Journal#insertRequest} did: stored a new request, or found the one its key already names. */
public sealed interface InsertOutcome {

  /** The request as it is now stored (or, for a duplicate, the original one). */
  RequestRecord request();

  record Inserted(RequestRecord request) implements InsertOutcome {
  }

  /**
   * The idempotency key was already used for this account within the window.
   *
   * @param request the original request
   * @param sameBody whether the repeat's body fingerprint equals the original's (false means a conflict)
   */
  record Duplicate(RequestRecord request, boolean sameBody) implements InsertOutcome {
  }
}
