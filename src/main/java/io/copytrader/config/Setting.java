package io.copytrader.config;

/** Every configuration variable the service reads, by its environment name. */
public enum Setting {
  MODE,
  NETWORK,
  BASE_URL,
  STREAM_URL,
  CHAIN_ID,
  L1_ADDRESS,
  ACCOUNTS,
  ACCOUNTS_FILE,
  MAX_SLIPPAGE,
  STOP_LOSS_RATIO,
  TAKE_PROFIT_RATIO,
  LEVERAGE,
  SCALING_FACTOR,
  MAX_RETRIES,
  RETRY_INTERVAL,
  TELEGRAM_BOT_API_KEY,
  TELEGRAM_GROUP_ID,
  TELEGRAM_THREAD_ID,
  TELEGRAM_API_URL,
  API_KEY,
  HTTP_HOST,
  HTTP_PORT,
  DATA_DIR,
  JOURNAL_URL,
  NODE_ID,
  CLUSTER_PORT,
  CLUSTER_MEMBERS,
  LEASE_TTL_MS,
  MAX_QUEUE_PER_ACCOUNT,
  PAPER_PORT,
  PAPER_BALANCE,
  PAPER_SEQUENCER_DELAY_MS,
  PAPER_RATE_LIMITS,
  PAPER_ACCOUNT_TIER,
  MAX_SIGNAL_AGE,
  SHUTDOWN_GRACE,
  PROTECTION_INTERVAL,
  PROTECT_EXTERNAL_POSITIONS,
  SYMBOL_ALLOWLIST,
  MAX_POSITION_USD,
  MAX_LEVERAGE,
  MAX_DAILY_LOSS_USD,
  MAX_DRAWDOWN_PCT,
  MAX_ORDERS_PER_DAY,
  COOLDOWN_SECONDS,
  DEDUPE_WINDOW_SECONDS,
  MIN_AVAILABLE_MARGIN_PCT,
  LOSS_TRIP_MODE,
  SIGNAL_SOURCES,
  WEBHOOK_TRUSTED_PROXIES,
  LEADERS,
  LEADER_POLL_INTERVAL_MS,
  LEADER_RECONCILE_INTERVAL_MS,
  LEADER_STALE_AFTER_MS,
  LEADER_DEBOUNCE_MS,
  PAPER_DEMO_LEADER,
  LIGHTER_ACCOUNT_TIER,
  LOG_FORMAT;

  /** Variables whose values are secrets: never echoed in a problem or a log line. */
  public boolean secret() {
    return this == ACCOUNTS || this == TELEGRAM_BOT_API_KEY || this == API_KEY || this == SIGNAL_SOURCES
      || this == JOURNAL_URL;
  }

  public static Setting byName(String name) {
    for (Setting setting : values()) {
      if (setting.name().equals(name)) {
        return setting;
      }
    }
    return null;
  }
}
