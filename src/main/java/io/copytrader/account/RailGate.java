package io.copytrader.account;

import io.copytrader.config.AccountConfig;
import io.copytrader.journal.CanonicalJson;
import io.copytrader.journal.Journal;
import io.copytrader.journal.OpeningActivity;
import io.copytrader.lighter.DetailedAccount;
import io.copytrader.market.Market;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.rails.AccountState;
import io.copytrader.rails.Rail;
import io.copytrader.rails.RailEvaluator;
import io.copytrader.rails.RailLimits;
import io.copytrader.rails.RailOutcome;
import io.copytrader.rails.RailRequest;
import io.copytrader.rails.RailVerdict;
import io.copytrader.rails.TradeIntent;
import io.copytrader.rails.Verdict;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rails between a planned order and its send: checks the order against the account's limits and kill switch
 * with the account read the order was sized from, and records every rail's verdict in the journal. It is asked
 * only where an attempt is about to sign a new entry order (nothing of the request can be on the exchange), so a
 * retried or recovered request is checked again against the figures of that moment, and a request whose order may
 * already be on the exchange is never checked again (it is settled or followed instead). Used from the account's
 * context only.
 */
final class RailGate {

  /** At most one refusal notice per rail and account in this time. */
  static final Duration NOTICE_INTERVAL = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(RailGate.class);

  private final AccountConfig account;
  private final ExchangeSession session;
  private final Journal journal;
  private final AccountKillSwitch killSwitch;
  /** {@code copytrade_rail_refusals_total{rail}}: one counter per rail, shared by every account. */
  private final Map<Rail, Runnable> refusals = new EnumMap<>(Rail.class);
  /** When each rail's refusal was last notified, and how many it refused since without a notice. */
  private final Map<Rail, Instant> notifiedAt = new EnumMap<>(Rail.class);
  private final Map<Rail, Integer> unnotified = new EnumMap<>(Rail.class);

  RailGate(AccountConfig account, ExchangeSession session, Journal journal, AccountKillSwitch killSwitch,
           ServiceMetrics metrics) {
    this.account = account;
    this.session = session;
    this.journal = journal;
    this.killSwitch = killSwitch;
    for (Rail rail : Rail.values()) {
      refusals.put(rail, metrics.railRefusalCounter(rail.wire()));
    }
  }

  /**
   * The rails' outcome for {@code plan}: the size to send (the plan's, or a cap's cut), or the refusing rail. The
   * verdicts of a passed order are journaled ahead of the order itself (the journal writes in order); a refused
   * one is left to {@link RequestReport#refuse}, which ends the request with them.
   */
  Future<RailOutcome> check(QueuedRequest queued, Market market, DetailedAccount before, OrderPlan plan) {
    return check(queued, market, before, plan, intent(queued.request().action()));
  }

  /** {@link #check} for an order whose intent is not its request's action: a step of a target position. */
  Future<RailOutcome> check(QueuedRequest queued, Market market, DetailedAccount before, OrderPlan plan,
                            TradeIntent intent) {
    RailLimits limits = account.rails();
    RailRequest request = request(queued, market, plan, intent);
    Future<AccountState> state = request.isExit() ? Future.succeededFuture(exitState())
      : state(queued, before, limits);
    return state.map(known -> sendable(market, request, RailEvaluator.evaluate(limits, killSwitch.mode(), request,
        known, Instant.now())))
      .onSuccess(outcome -> {
        if (outcome.refused()) {
          refusals.get(outcome.refusedBy()).run();
        } else {
          // Not awaited, like markExecuting: the entry order's insert, which must succeed before the send,
          // commits with or after the verdicts.
          journal.recordRailVerdicts(queued.requestId(), outcome.verdicts()).onFailure(failure -> LOG.warn(
            "Account {}: request {}: the rails' verdicts were not journaled: {}", account.accountIndex(),
            queued.requestId(), failure.toString()));
        }
      })
      .recover(failure -> Future.failedFuture(RetryableFailure.of(failure)));
  }

  /**
   * A cap's cut that falls below the market's smallest order could only be rejected by the exchange: the rail
   * that cut it refuses it instead.
   */
  private static RailOutcome sendable(Market market, RailRequest request, RailOutcome outcome) {
    if (outcome.refused() || outcome.size().compareTo(request.size()) == 0
      || (outcome.size().compareTo(market.minBaseAmount()) >= 0
        && outcome.size().multiply(request.worstPrice()).compareTo(market.minQuoteAmount()) >= 0)) {
      return outcome;
    }
    List<RailVerdict> verdicts = new ArrayList<>(outcome.verdicts());
    int last = verdicts.size() - 1;
    while (verdicts.get(last).verdict() != Verdict.CUT) {
      last--;
    }
    RailVerdict cut = verdicts.get(last);
    verdicts.set(last, new RailVerdict(cut.rail(), Verdict.REFUSE, cut.detail() + ", below the market's smallest"
      + " order (" + market.minBaseAmount().toPlainString() + " " + market.symbol() + ", "
      + market.minQuoteAmount().stripTrailingZeros().toPlainString() + " USD)"));
    return new RailOutcome(verdicts, null, cut.rail());
  }

  /**
   * Whether a refusal by {@code rail} is notified: the first in {@link #NOTICE_INTERVAL} is, the others are only
   * journaled and counted, so a runaway source does not bury every other notice under its refusals. Returns how
   * many refusals by the rail went unnotified before this one, or -1 when this one is not notified either.
   */
  int refusalNotice(Rail rail, Instant now) {
    Instant last = notifiedAt.get(rail);
    if (last != null && now.isBefore(last.plus(NOTICE_INTERVAL))) {
      unnotified.merge(rail, 1, Integer::sum);
      return -1;
    }
    notifiedAt.put(rail, now);
    Integer skipped = unnotified.remove(rail);
    return skipped == null ? 0 : skipped;
  }

  /** {@code plan} at the size the rails let through: the same order, or one cut to fit a cap. */
  static OrderPlan sized(Market market, OrderPlan plan, BigDecimal size) {
    if (size.compareTo(plan.baseAmount()) == 0) {
      return plan;
    }
    long ticks = market.baseTicks(size, RoundingMode.DOWN);
    return new OrderPlan(plan.side(), market.base(ticks), ticks, plan.worstPrice(), plan.worstPriceTicks(),
      plan.reduceOnly(), plan.closesPosition());
  }

  private static TradeIntent intent(TradeAction action) {
    return switch (action) {
      case LONG, SHORT -> TradeIntent.OPEN;
      case INCREASE -> TradeIntent.INCREASE;
      case DECREASE -> TradeIntent.DECREASE;
      case CLOSE -> TradeIntent.CLOSE;
      case POSITION -> throw new IllegalArgumentException("each step of a target position has its own intent");
    };
  }

  private RailRequest request(QueuedRequest queued, Market market, OrderPlan plan, TradeIntent intent) {
    // The margin an opening takes: the position's own fraction when REST reported one, else the market's.
    BigDecimal marginFraction = session.marginFractions().percent(market.marketId())
      .map(percent -> percent.movePointLeft(2)).orElse(market.defaultInitialMarginFraction());
    return new RailRequest(intent, plan.reduceOnly() || plan.closesPosition(), market.marketId(), market.symbol(),
      plan.side(), plan.baseAmount(), plan.worstPrice(), market.base(1), marginFraction,
      fingerprint(queued), Instant.ofEpochMilli(queued.acceptedAtMillis()));
  }

  /** The account's figures, the day's openings and the last identical signal, read side by side. */
  private Future<AccountState> state(QueuedRequest queued, DetailedAccount before, RailLimits limits) {
    long accountIndex = account.accountIndex();
    Future<RailFigures> figures = RailFigures.observe(journal, accountIndex, before);
    Future<OpeningActivity> activity = journal.openingActivity(accountIndex);
    Duration window = limits.dedupeWindow();
    Future<Optional<Instant>> previous = window.isZero() ? Future.succeededFuture(Optional.empty())
      : journal.previousIdenticalSignal(queued.requestId(), window);
    return Future.all(figures, activity, previous).map(read -> figures.result().state(activity.result(),
      previous.result().map(at -> Map.of(fingerprint(queued), at)).orElse(Map.of())));
  }

  /** What makes two signals identical: the journal's fingerprint of the request body. */
  private static String fingerprint(QueuedRequest queued) {
    return CanonicalJson.fingerprint(CanonicalJson.normalize(queued.request().toJson()));
  }

  /** Exits pass every rail without the account's figures, so nothing is read for them. */
  private static AccountState exitState() {
    return new AccountState(Map.of(), null, null, null, null, null, 0, Map.of(), Map.of());
  }
}
