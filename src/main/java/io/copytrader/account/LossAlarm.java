package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.config.AccountConfig;
import io.copytrader.journal.Journal;
import io.copytrader.journal.OpeningActivity;
import io.copytrader.lighter.DetailedAccount;
import io.copytrader.notify.Notices;
import io.copytrader.rails.AccountState;
import io.copytrader.rails.EquityMarks;
import io.copytrader.rails.KillMode;
import io.copytrader.rails.LossCheck;
import io.copytrader.rails.LossLevel;
import io.copytrader.rails.LossWatch;
import io.copytrader.rails.Rail;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loss rails as alarms, fed by each protection run's reading of the account: at 80 % of the daily-loss or the
 * drawdown limit it warns once per rail per UTC day; at the limit it asks for the account's kill switch
 * ({@link Addresses#KILL_SWITCH_ENGAGE}, the limits' trip mode), again on every run until the switch holds the
 * account at least that strictly. Used from the account's context only.
 */
final class LossAlarm {

  private static final Logger LOG = LoggerFactory.getLogger(LossAlarm.class);
  private static final OpeningActivity NONE = new OpeningActivity(0, Map.of());
  private static final MathContext SHOWN = new MathContext(4, RoundingMode.HALF_UP);

  private final Vertx vertx;
  private final AccountConfig account;
  private final Journal journal;
  private final AccountKillSwitch killSwitch;
  /** The UTC day each rail last warned on. */
  private final Map<Rail, LocalDate> warned = new EnumMap<>(Rail.class);

  LossAlarm(Vertx vertx, AccountConfig account, Journal journal, AccountKillSwitch killSwitch) {
    this.vertx = vertx;
    this.account = account;
    this.journal = journal;
    this.killSwitch = killSwitch;
  }

  /** Folds {@code read} into the equity marks and warns or trips as the loss rails say; never fails. */
  Future<Void> observe(DetailedAccount read) {
    return RailFigures.observe(journal, account.accountIndex(), read)
      .compose(figures -> assess(figures.state(NONE, Map.of())))
      .recover(failure -> {
        LOG.warn("Account {}: the loss rails could not be assessed: {}", account.accountIndex(), failure.toString());
        return Future.succeededFuture();
      });
  }

  private Future<Void> assess(AccountState state) {
    List<LossCheck> checks = LossWatch.assess(account.rails(), state);
    LocalDate today = EquityMarks.utcDay(Instant.now());
    for (LossCheck check : checks) {
      if (check.level() == LossLevel.WARNING && !today.equals(warned.get(check.rail()))) {
        warned.put(check.rail(), today);
        LOG.warn("Account {}: {} at {} of {}", account.accountIndex(), check.rail().wire(), plain(check.used()),
          plain(check.limit()));
        vertx.eventBus().publish(Addresses.NOTIFY, Notices.lossWarning(account.accountIndex(), account.name(),
          check.rail().wire(), check.used(), check.limit()).toJson());
      }
    }
    Optional<KillMode> trip = LossWatch.trip(account.rails(), checks);
    if (trip.isEmpty() || killSwitch.mode().compareTo(trip.get()) >= 0) {
      return Future.succeededFuture();
    }
    LossCheck tripped = checks.stream().filter(check -> check.level() == LossLevel.TRIPPED).findFirst().orElseThrow();
    String reason = tripped.rail().wire() + " " + plain(tripped.used()) + " of " + plain(tripped.limit());
    LOG.error("Account {}: {}; asking for the kill switch ({})", account.accountIndex(), reason, trip.get().wire());
    return vertx.eventBus().request(Addresses.KILL_SWITCH_ENGAGE, new JsonObject().put("mode", trip.get().wire())
        .put("account_index", account.accountIndex()).put("reason", reason))
      .<Void>mapEmpty()
      .recover(failure -> {
        LOG.error("Account {}: the kill switch did not engage ({}); asking again on the next run",
          account.accountIndex(), failure.getMessage());
        return Future.succeededFuture();
      });
  }

  /** Four significant digits: enough to compare with the limit, whether it is 500 USD or 0.5 %. */
  private static String plain(BigDecimal value) {
    return value.round(SHOWN).stripTrailingZeros().toPlainString();
  }
}
