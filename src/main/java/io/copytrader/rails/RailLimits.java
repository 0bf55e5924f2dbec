package io.copytrader.rails;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * One account's rails: the limits every opening (open or increase) must fit. Exits are never held by them.
 *
 * @param symbolAllowlist the markets openings may trade ({@code SYMBOL_ALLOWLIST})
 * @param maxPositionUsd the largest notional one market's position may reach after the fill, valued at the
 *   order's worst acceptable price ({@code MAX_POSITION_USD})
 * @param maxLeverage the largest total exposure (sum of position notionals) as a multiple of equity after the
 *   fill ({@code MAX_LEVERAGE})
 * @param maxDailyLossUsd the loss (realized and unrealized since 00:00 UTC) at which openings stop and the
 *   kill switch trips ({@code MAX_DAILY_LOSS_USD})
 * @param maxDrawdownPct the fall of equity from its peak, in percent, at which openings stop and the kill switch
 *   trips ({@code MAX_DRAWDOWN_PCT})
 * @param maxOrdersPerDay how many opening orders (open and increase) may execute per UTC day
 *   ({@code MAX_ORDERS_PER_DAY})
 * @param cooldown the least time between two openings in one market; zero disables it ({@code COOLDOWN_SECONDS})
 * @param dedupeWindow how long an identical signal is refused after the first; zero disables it
 *   ({@code DEDUPE_WINDOW_SECONDS})
 * @param minAvailableMarginPct the available margin, in percent of equity, an opening must leave
 *   ({@code MIN_AVAILABLE_MARGIN_PCT})
 * @param lossTripMode what the daily-loss and drawdown rails set the kill switch to when they trip
 */
public record RailLimits(
  SymbolAllowlist symbolAllowlist,
  BigDecimal maxPositionUsd,
  BigDecimal maxLeverage,
  BigDecimal maxDailyLossUsd,
  BigDecimal maxDrawdownPct,
  int maxOrdersPerDay,
  Duration cooldown,
  Duration dedupeWindow,
  BigDecimal minAvailableMarginPct,
  KillMode lossTripMode) {

  static final Duration LONGEST_WINDOW = Duration.ofDays(1);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal MOST_USD = new BigDecimal("1000000000000");

  /**
   * What an account gets when nothing is set. They fit the paper-mode minute (10,000 USDC, an ETH long at ratio
   * 0.5 × scaling 0.8 = 4,000 USD at 0.4× leverage) and bound what a runaway source can do to a new account:
   * <ul>
   *   <li>allowlist {@code *}: the exchange's own market list bounds the symbols, and the caps below bound what
   *       any market can hold, so naming markets is left to whoever wants fewer;</li>
   *   <li>5,000 USD per market: the minute's 4,000 USD fits, a looping alert cannot pile further into it;</li>
   *   <li>leverage 3: several markets together stay far from liquidation at Lighter's 20× to 50×;</li>
   *   <li>500 USD daily loss and 20 % drawdown: 5 % of the paper balance a day, a fifth of the peak overall;</li>
   *   <li>50 openings a day: far above a hand- or bar-driven strategy, far below hundreds a minute;</li>
   *   <li>5 s cooldown per market: unnoticed by people and by alerts on one-minute bars, it holds a loop to 12
   *       openings a minute in a market;</li>
   *   <li>60 s dedupe window: the same as the default signal age, so a repeated alert is refused while it could
   *       still execute;</li>
   *   <li>10 % available margin: an opening never leaves the account without room to absorb a move;</li>
   *   <li>trips halt rather than flatten: positions keep their stop-losses and an operator decides.</li>
   * </ul>
   */
  public static final RailLimits DEFAULTS = new RailLimits(SymbolAllowlist.ANY, new BigDecimal("5000"),
    new BigDecimal("3"), new BigDecimal("500"), new BigDecimal("20"), 50, Duration.ofSeconds(5),
    Duration.ofSeconds(60), new BigDecimal("10"), KillMode.HALT);

  public RailLimits {
    Objects.requireNonNull(symbolAllowlist, "symbolAllowlist");
    positive("max position USD", maxPositionUsd, MOST_USD);
    positive("max leverage", maxLeverage, HUNDRED);
    positive("max daily loss USD", maxDailyLossUsd, MOST_USD);
    positive("max drawdown pct", maxDrawdownPct, HUNDRED);
    if (maxOrdersPerDay < 1 || maxOrdersPerDay > 1_000_000) {
      throw new IllegalArgumentException("max orders per day must be 1 to 1000000, not " + maxOrdersPerDay);
    }
    window("cooldown", cooldown);
    window("dedupe window", dedupeWindow);
    Objects.requireNonNull(minAvailableMarginPct, "minAvailableMarginPct");
    if (minAvailableMarginPct.signum() < 0 || minAvailableMarginPct.compareTo(HUNDRED) >= 0) {
      throw new IllegalArgumentException("min available margin pct must be 0 or more and below 100, not "
        + minAvailableMarginPct.toPlainString());
    }
    if (lossTripMode != KillMode.HALT && lossTripMode != KillMode.FLATTEN) {
      throw new IllegalArgumentException("a loss trip sets the kill switch to halt or flatten, not " + lossTripMode);
    }
  }

  /** The account's rails: each override that is set replaces the global value, the rest keep it. */
  public static RailLimits merge(RailLimits global, RailOverrides account) {
    return new RailLimits(
      or(account.symbolAllowlist(), global.symbolAllowlist()),
      or(account.maxPositionUsd(), global.maxPositionUsd()),
      or(account.maxLeverage(), global.maxLeverage()),
      or(account.maxDailyLossUsd(), global.maxDailyLossUsd()),
      or(account.maxDrawdownPct(), global.maxDrawdownPct()),
      or(account.maxOrdersPerDay(), global.maxOrdersPerDay()),
      or(account.cooldown(), global.cooldown()),
      or(account.dedupeWindow(), global.dedupeWindow()),
      or(account.minAvailableMarginPct(), global.minAvailableMarginPct()),
      or(account.lossTripMode(), global.lossTripMode()));
  }

  private static <T> T or(T override, T global) {
    return override != null ? override : global;
  }

  private static void positive(String name, BigDecimal value, BigDecimal most) {
    Objects.requireNonNull(value, name);
    if (value.signum() <= 0 || value.compareTo(most) > 0) {
      throw new IllegalArgumentException(name + " must be above 0 and at most " + most.toPlainString() + ", not "
        + value.toPlainString());
    }
  }

  private static void window(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.compareTo(LONGEST_WINDOW) > 0) {
      throw new IllegalArgumentException(name + " must be 0 to 86400 seconds, not " + value.toSeconds());
    }
  }
}
