package io.copytrader.account;

/** The {@code action} header of messages to an account's address. */
public final class AccountActions {

  public static final String HEADER = "action";
  /** Queue a trade request; replies {@code {"request_id": …}} or fails with QUEUE_FULL. */
  public static final String SUBMIT = "submit";
  /** The account as the API shows it (balances, positions, stop-loss orders). */
  public static final String VIEW = "view";

  private AccountActions() {
  }
}
