package io.copytrader.rails;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The equity figures the loss rails measure from, kept in the journal so a restart does not reset them: the
 * highest equity seen, and the equity and unrealized PnL at the first reading of the current UTC day.
 *
 * <p>Lighter reports equity ({@code total_asset_value}) and each position's unrealized PnL, not a day's
 * realized PnL, so the day's figures are differences: unrealized today is the change of the sum of unrealized
 * PnL, realized today is the rest of the change of equity (closed trades, fees and funding; a deposit or a
 * withdrawal counts too, which is why it is best made while the account is halted). When the service starts
 * mid-day, the day is counted from its first reading.
 */
public record EquityMarks(
  BigDecimal peakEquity,
  Instant peakAt,
  LocalDate day,
  BigDecimal dayStartEquity,
  BigDecimal dayStartUnrealizedPnl) {

  public EquityMarks {
    if (peakEquity == null || peakAt == null || day == null || dayStartEquity == null
      || dayStartUnrealizedPnl == null) {
      throw new NullPointerException("equity marks need a peak, its time, a day and the day's starting figures");
    }
  }

  /** The marks of an account read for the first time. */
  public static EquityMarks first(BigDecimal equity, BigDecimal unrealizedPnl, Instant now) {
    return new EquityMarks(equity, now, utcDay(now), equity, unrealizedPnl);
  }

  /** These marks after a reading: a higher peak is kept, a new UTC day starts from this reading. */
  public EquityMarks observe(BigDecimal equity, BigDecimal unrealizedPnl, Instant now) {
    boolean higher = equity.compareTo(peakEquity) > 0;
    boolean newDay = utcDay(now).isAfter(day);
    if (!higher && !newDay) {
      return this;
    }
    return new EquityMarks(higher ? equity : peakEquity, higher ? now : peakAt,
      newDay ? utcDay(now) : day, newDay ? equity : dayStartEquity, newDay ? unrealizedPnl : dayStartUnrealizedPnl);
  }

  public BigDecimal unrealizedPnlToday(BigDecimal unrealizedPnl) {
    return unrealizedPnl.subtract(dayStartUnrealizedPnl);
  }

  public BigDecimal realizedPnlToday(BigDecimal equity, BigDecimal unrealizedPnl) {
    return equity.subtract(dayStartEquity).subtract(unrealizedPnlToday(unrealizedPnl));
  }

  public static LocalDate utcDay(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  /** 00:00 UTC of the day {@code instant} falls in: where the day's counters start. */
  public static Instant startOfUtcDay(Instant instant) {
    return utcDay(instant).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
