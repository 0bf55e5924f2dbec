package io.copytrader.journal;

/**
 * This node no longer owns the account (docs/ARCHITECTURE.md "Account ownership"): its send gate is closed, or the
 * journal's lease row names another owner or a later epoch. Whoever meets it stops without writing an outcome: the
 * request is the new owner's to finish.
 */
public final class LeaseLostException extends JournalException {

  public LeaseLostException(String message) {
    super(message);
  }
}
