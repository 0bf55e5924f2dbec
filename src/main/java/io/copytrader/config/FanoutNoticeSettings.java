package io.copytrader.config;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * How the notices of one signal sent to many accounts are summed up in one Telegram message (README.md,
 * "Notifications"): {@code NOTIFY_FANOUT_WINDOW_MS} and {@code NOTIFY_FANOUT_MIN_ACCOUNTS}.
 *
 * @param window how long the notices of one signal are gathered before their summary is sent; zero sends every
 *     notice on its own
 * @param minAccounts the fewest accounts a signal must go to for its notices to be summed up
 */
public record FanoutNoticeSettings(Duration window, int minAccounts) {

  static final int MAX_WINDOW_MS = 60_000;
  static final int MAX_MIN_ACCOUNTS = 100_000;

  public FanoutNoticeSettings {
    if (window.isNegative() || window.toMillis() > MAX_WINDOW_MS || minAccounts < 2
      || minAccounts > MAX_MIN_ACCOUNTS) {
      throw new IllegalArgumentException("window must be 0 to " + MAX_WINDOW_MS + " ms and minAccounts 2 to "
        + MAX_MIN_ACCOUNTS);
    }
  }

  /** The bundled defaults (conf/config.json): three seconds, three accounts. */
  public static FanoutNoticeSettings defaults() {
    return new FanoutNoticeSettings(Duration.ofSeconds(3), 3);
  }

  /** Whether the notices of a signal to {@code accounts} accounts are summed up. */
  public boolean sumsUp(int accounts) {
    return !window.isZero() && accounts >= minAccounts;
  }

  /** The two settings, each bad one reported; the default stands in for a bad one. */
  static FanoutNoticeSettings parse(Function<Setting, String> text, List<String> problems) {
    FanoutNoticeSettings defaults = defaults();
    long window = whole(text, Setting.NOTIFY_FANOUT_WINDOW_MS, 0, MAX_WINDOW_MS, defaults.window().toMillis(),
      problems);
    long minAccounts = whole(text, Setting.NOTIFY_FANOUT_MIN_ACCOUNTS, 2, MAX_MIN_ACCOUNTS, defaults.minAccounts(),
      problems);
    return new FanoutNoticeSettings(Duration.ofMillis(window), (int) minAccounts);
  }

  private static long whole(Function<Setting, String> text, Setting setting, long min, long max, long unset,
                            List<String> problems) {
    String value = text.apply(setting);
    if (value == null) {
      return unset;
    }
    if (!value.strip().matches("\\d{1,9}")) {
      problems.add(setting.name() + " must be a whole number, got " + ConfigParser.shown(value));
      return unset;
    }
    long parsed = Long.parseLong(value.strip());
    if (parsed < min || parsed > max) {
      problems.add(setting.name() + " must be between " + min + " and " + max + ", got " + parsed);
      return unset;
    }
    return parsed;
  }
}
