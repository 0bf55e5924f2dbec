package io.copytrader;

/** Every event-bus address the service uses, and the one header a message carries. */
public final class Addresses {

  public static final String MARKET_RESOLVE = "copytrade.market.resolve";
  public static final String MARKET_LIST = "copytrade.market.list";
  public static final String NOTIFY = "copytrade.notify";
  public static final String HEALTH_STATUS = "copytrade.health.status";
  public static final String HEALTH_CHANGED = "copytrade.health.changed";
  /** The HTTP API refuses new trade requests from now on; replies once it does. */
  public static final String INTAKE_CLOSE = "copytrade.http.intake.close";
  /** The graceful stop: replies once intake is closed and every account has drained. */
  public static final String SHUTDOWN = "copytrade.shutdown";
  /** Header of a submit: {@link System#nanoTime()} when the HTTP API received the signal. */
  public static final String RECEIVED_NANOS = "received_nanos";

  private static final String ACCOUNT_PREFIX = "copytrade.account.";

  private Addresses() {
  }

  /** Queues a trade request; replies {@code {"request_id": …}} (and {@code "duplicate"}, {@code "state"}). */
  public static String accountSubmit(long accountIndex) {
    return ACCOUNT_PREFIX + accountIndex + ".submit";
  }

  /** The account as the API shows it (balances, positions, stop-loss orders). */
  public static String accountView(long accountIndex) {
    return ACCOUNT_PREFIX + accountIndex + ".view";
  }

  /** The account's state for health: {@code {"queued": requests waiting or running}}. */
  public static String accountStatus(long accountIndex) {
    return ACCOUNT_PREFIX + accountIndex + ".status";
  }
}
