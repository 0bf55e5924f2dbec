package io.copytrader;

/** Every event-bus address the service uses. */
public final class Addresses {

  public static final String ACCOUNT_PREFIX = "copytrade.account.";
  public static final String MARKET_RESOLVE = "copytrade.market.resolve";
  public static final String MARKET_LIST = "copytrade.market.list";
  public static final String NOTIFY = "copytrade.notify";
  public static final String HEALTH_STATUS = "copytrade.health.status";
  public static final String HEALTH_CHANGED = "copytrade.health.changed";

  private Addresses() {
  }

  public static String account(long accountIndex) {
    return ACCOUNT_PREFIX + accountIndex;
  }
}
