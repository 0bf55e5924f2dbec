package io.copytrader.account;

import io.copytrader.config.AccountConfig;
import io.copytrader.config.RailSettings;
import io.copytrader.journal.Journal;
import io.copytrader.journal.OpeningActivity;
import io.copytrader.lighter.TradingApi;
import io.copytrader.rails.LossWatch;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * One account's rails as {@code GET /api/rails} shows them (answered on {@code Addresses.accountRails}): the
 * limits by their lower-case setting names, today's counters and the account's effective kill switch mode. The
 * money figures come from a fresh REST read of the account, also folded into the equity marks; they are null when
 * the exchange cannot be read, while the limits and the journal's counters are always shown.
 */
final class AccountRails {

  private static final int SHOWN_DECIMALS = 6;

  private final AccountConfig account;
  private final Journal journal;
  private final TradingApi lighter;
  private final AccountKillSwitch killSwitch;

  AccountRails(AccountConfig account, Journal journal, TradingApi lighter, AccountKillSwitch killSwitch) {
    this.account = account;
    this.journal = journal;
    this.lighter = lighter;
    this.killSwitch = killSwitch;
  }

  Future<JsonObject> status() {
    long index = account.accountIndex();
    Future<Optional<RailFigures>> figures = lighter.account(index)
      .compose(read -> RailFigures.observe(journal, index, read))
      .map(Optional::of)
      .otherwise(Optional.empty());
    Future<OpeningActivity> activity = journal.openingActivity(index);
    return Future.all(figures, activity).map(read -> {
      JsonObject limits = new JsonObject();
      RailSettings.byName(account.rails()).forEach(limits::put);
      RailFigures known = figures.result().orElse(null);
      JsonObject today = new JsonObject().put("opening_orders", activity.result().today())
        .put("realized_pnl", known == null ? null : text(known.realizedPnlToday()))
        .put("unrealized_pnl", known == null ? null : text(known.unrealizedPnlToday()))
        .put("drawdown_pct", known == null ? null : text(LossWatch.drawdownPct(known.equity(), known.equityPeak())))
        .put("equity", known == null ? null : text(known.equity()))
        .put("equity_peak", known == null ? null : text(known.equityPeak()));
      return new JsonObject().put("account_index", index).put("limits", limits).put("today", today)
        .put("kill_switch", killSwitch.mode().wire());
    });
  }

  private static String text(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal shown = value.scale() > SHOWN_DECIMALS ? value.setScale(SHOWN_DECIMALS, RoundingMode.HALF_EVEN) : value;
    return shown.signum() == 0 ? "0" : shown.stripTrailingZeros().toPlainString();
  }
}
