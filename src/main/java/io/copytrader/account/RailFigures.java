package io.copytrader.account;

import io.copytrader.journal.Journal;
import io.copytrader.journal.OpeningActivity;
import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.DetailedAccount;
import io.copytrader.rails.AccountState;
import io.copytrader.rails.EquityMarks;
import io.copytrader.rails.MarketExposure;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The figures of an account the rails measure, taken from one reading of the account (the one an order is sized
 * from, or a protection run's) and folded into the journal's equity marks, so the peak and the day's start
 * survive restarts.
 *
 * @param equity Lighter's {@code total_asset_value}, or null when the reading lacks it
 * @param unrealizedPnl the sum of the open positions' unrealized PnL, or null when one of them lacks it
 * @param marks the equity marks after this reading, or null when equity or unrealized PnL is missing
 */
record RailFigures(Map<Integer, MarketExposure> positions, BigDecimal equity, BigDecimal availableMargin,
                   BigDecimal unrealizedPnl, EquityMarks marks) {

  /** Reads {@code account}'s figures and records them in the journal's equity marks. */
  static Future<RailFigures> observe(Journal journal, long accountIndex, DetailedAccount account) {
    Map<Integer, MarketExposure> positions = new HashMap<>();
    BigDecimal unrealized = BigDecimal.ZERO;
    for (AccountPosition row : account.openPositions()) {
      positions.put((int) row.marketId(), new MarketExposure(row.signedPosition(), markPrice(row)));
      unrealized = unrealized == null || row.unrealizedPnl() == null ? null : unrealized.add(row.unrealizedPnl());
    }
    BigDecimal equity = account.totalAssetValue();
    BigDecimal unrealizedPnl = unrealized;
    Future<EquityMarks> marks = equity == null || unrealizedPnl == null ? Future.succeededFuture()
      // Applied, not yet durable, is enough: the rails decide on the marks and what they let through is an order,
      // whose own insert commits with or after them (the journal writes in order), so nothing leaves on marks the
      // journal could still lose. A commit failing after the fold ran loses only this reading's part in the marks.
      : journal.observeEquity(accountIndex, equity, unrealizedPnl).applied();
    return marks.map(observed -> new RailFigures(positions, equity, account.availableBalance(), unrealizedPnl,
      observed));
  }

  /** Lighter values a position at the mark price: its position value over its size. */
  private static BigDecimal markPrice(AccountPosition row) {
    return row.positionValue() == null || row.positionValue().signum() <= 0 ? null
      : row.positionValue().divide(row.position().abs(), MathContext.DECIMAL64);
  }

  BigDecimal equityPeak() {
    return marks == null ? null : marks.peakEquity();
  }

  BigDecimal realizedPnlToday() {
    return marks == null ? null : marks.realizedPnlToday(equity, unrealizedPnl);
  }

  BigDecimal unrealizedPnlToday() {
    return marks == null ? null : marks.unrealizedPnlToday(unrealizedPnl);
  }

  /** The account as the rails see it, with the day's openings and the signals received before the checked one. */
  AccountState state(OpeningActivity activity, Map<String, Instant> recentSignals) {
    return new AccountState(positions, equity, availableMargin, equityPeak(), realizedPnlToday(),
      unrealizedPnlToday(), activity.today(), activity.lastByMarket(), recentSignals);
  }
}
