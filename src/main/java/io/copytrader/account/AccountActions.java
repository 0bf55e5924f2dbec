package io.copytrader.account;

/** The {@code action} header of messages to an account's address. */
public final class AccountActions {

  public static final String HEADER = "action";
  /** Queue a trade request; replies {@code {"request_id": …}} or fails with QUEUE_FULL. */
  public static final String SUBMIT = "submit";
  /** Header of a submit: {@link System#nanoTime()} when the HTTP API received the signal. */
  public static final String RECEIVED_NANOS = "received_nanos";
  /** The account as the API shows it (balances, positions, stop-loss orders). */
  public static final String VIEW = "view";

  private AccountActions() {
  }
}
