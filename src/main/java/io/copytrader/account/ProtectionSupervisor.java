package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.config.AccountConfig;
import io.copytrader.config.ExternalPositions;
import io.copytrader.journal.Journal;
import io.copytrader.journal.LeverageJournal;
import io.copytrader.journal.NewRequest;
import io.copytrader.journal.RequestKind;
import io.copytrader.journal.RequestState;
import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.DetailedAccount;
import io.copytrader.lighter.Order;
import io.copytrader.lighter.OrderPage;
import io.copytrader.lighter.TradingApi;
import io.copytrader.lighter.budget.CallPriority;
import io.copytrader.market.Market;
import io.copytrader.notify.Notice;
import io.copytrader.notify.Notices;
import io.copytrader.notify.TradeContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every position of one account protected between trades: at start, after each stream reconnect and every
 * {@code PROTECTION_INTERVAL}, it reads the positions from REST and all live orders in one
 * {@code accountActiveOrders} call, then places, fixes, renews or cancels the service's own stop-losses as
 * {@link ProtectionPlan} says, through the same {@link StopLossKeeper} a trade uses. Every run that acts is
 * journaled as a protection request holding the orders it sent; a position left without protection raises an
 * urgent notice on every run until it has one, and a run that failed is repeated after {@code RETRY_INTERVAL}.
 * Each run's reading of the account also feeds the loss rails' alarms ({@link LossAlarm}); the first one after
 * start also has the {@link LeverageKeeper} set the configured leverage where a position is held, before the stops.
 *
 * <p>It never runs by itself: {@link #start} only says when a run is due, and the account's queue runs it when no
 * request runs, so its transactions never share the API key's nonces with a trade's. The runs of a start and of a
 * reconnect, and those an operator or the journal's return asks for, are said due only once the node's
 * {@link ProtectionTurns} has a turn for them. Used from the account's context only.
 */
public final class ProtectionSupervisor {

  private static final Logger LOG = LoggerFactory.getLogger(ProtectionSupervisor.class);
  /** A stop-loss expiring sooner than this is replaced (28-day orders are renewed after three weeks). */
  static final Duration RENEW_WITHIN = Duration.ofDays(7);

  private final Vertx vertx;
  private final AccountConfig account;
  private final ExecutionSettings settings;
  private final ExchangeSession session;
  private final Journal journal;
  private final StopLossKeeper keeper;
  private final PairKeeper pairs;
  private final ProtectionPlan planner;
  private final Duration interval;
  private final LossAlarm lossAlarm;
  private final LeverageKeeper leverage;
  /** This account's claim on a turn of the node's {@link ProtectionTurns}: a start's, a reconnect's, an asked run. */
  private final ProtectionTurns.Turn turn;
  private final ExternalReports externals = new ExternalReports();
  private final ProtectionSteps steps;
  private Runnable due = () -> { };
  private String nextReason = "start";
  private boolean abandonedSettled;
  private MessageConsumer<Object> reconnects;
  private final List<Long> timers = new ArrayList<>();
  private Long retryTimer;
  private boolean awaitingRoom;
  /** A run has started and its reads are not in yet. */
  private boolean reading;

  public ProtectionSupervisor(Vertx vertx, AccountConfig account, ExecutionSettings settings, ExchangeSession session,
                              ExchangeView view, Journal journal, ClientOrderIndexAllocator orderIndexes,
                              Duration interval, ExternalPositions external, LossAlarm lossAlarm,
                              ProtectionTurns turns) {
    this.vertx = vertx;
    this.account = account;
    this.settings = settings;
    this.session = session;
    this.journal = journal;
    OrderWatcher watcher = new OrderWatcher(vertx, session, view);
    this.keeper = new StopLossKeeper(vertx, settings, session, view, watcher, journal, orderIndexes);
    this.pairs = new PairKeeper(vertx, settings, session, view, watcher, journal, orderIndexes, keeper,
      new HashSet<>());
    this.planner = new ProtectionPlan(new StopLossPolicy(settings.trading()), settings.trading().takeProfitOn()
      ? Optional.of(new TakeProfitPolicy(settings.trading())) : Optional.empty(), external, RENEW_WITHIN);
    this.interval = interval;
    this.lossAlarm = lossAlarm;
    this.leverage = new LeverageKeeper(vertx, account, session, new LeverageJournal(journal), () -> false);
    this.turn = turns.turn();
    this.steps = new ProtectionSteps(vertx, account, keeper, pairs);
  }

  /** Starts saying when a run is due: {@code due} runs on the caller's context, periodically and after reconnects. */
  void start(Runnable due) {
    this.due = due;
    timers.add(vertx.setPeriodic(interval.toMillis(), id -> whenRoomToRead(due)));
    // Registered on the account's context, so the run is asked for there.
    reconnects = vertx.eventBus().localConsumer(Addresses.STREAM_RECONNECTED, reconnected -> {
      nextReason = "reconnect";
      inTurn(due);
    });
    inTurn(due);
  }

  /**
   * A run holds the account's queue while its reads run, so it waits for room first, out of the queue. A start's or
   * a reconnect's run waits for its turn ({@link ProtectionTurns}) before, and covers the rounds due on the timer.
   */
  private void inTurn(Runnable due) {
    turn.ask(vertx.getOrCreateContext(), granted(due));
  }

  private Runnable granted(Runnable due) {
    return () -> session.lighter().roomToRead(CallPriority.PROTECT).onComplete(room -> {
      due.run();
      // The account is busy (a run starts at once when it is not): its run comes after, the turn goes on now.
      if (!reading) {
        turn.ended();
      }
    });
  }

  /**
   * A run asked for by an operator or by the journal's return: like a start's, it waits for a turn and for room out
   * of the account's queue, ahead of the start's runs still waiting. Taking the queue at once, a crowd of such runs
   * held every trade of their accounts while their reads waited for room.
   */
  void runSoon(String reason) {
    nextReason = reason;
    turn.askFirst(vertx.getOrCreateContext(), granted(due));
  }

  private void whenRoomToRead(Runnable due) {
    if (awaitingRoom) {
      return;
    }
    awaitingRoom = true;
    session.lighter().roomToRead(CallPriority.PERIODIC).onComplete(room -> {
      awaitingRoom = false;
      if (!timers.isEmpty() && !turn.awaited()) {
        due.run();
      }
    });
  }

  void stop() {
    turn.stop();
    timers.forEach(vertx::cancelTimer);
    timers.clear();
    if (reconnects != null) {
      reconnects.unregister();
      reconnects = null;
    }
    if (retryTimer != null) {
      vertx.cancelTimer(retryTimer);
      retryTimer = null;
    }
  }

  /** One run; never fails (what went wrong is logged, journaled and notified). */
  Future<Void> run() {
    String reason = nextReason;
    nextReason = "periodic";
    if ("periodic".equals(reason) && !session.lighter().roomToRead(CallPriority.PERIODIC).isComplete()) {
      // Let go by the same room as other accounts' rounds, it finds none left: it waits for room again out of the
      // queue rather than hold a trade behind reads waiting for the minute to roll (LighterBudgetTest).
      whenRoomToRead(due);
      return Future.succeededFuture();
    }
    reading = true;
    long accountIndex = account.accountIndex();
    Future<Void> settled = abandonedSettled ? Future.succeededFuture()
      : journal.abandonProtection(accountIndex).onSuccess(count -> abandonedSettled = true).mapEmpty();
    // A round on the timer may wait for room in the rate budget; one after a start or a reconnect may not.
    TradingApi reads = session.lighter().at("periodic".equals(reason) ? CallPriority.PERIODIC : CallPriority.PROTECT);
    return settled
      .compose(ready -> {
        Future<DetailedAccount> account = reads.account(accountIndex);
        Future<OrderPage> orders = reads.accountActiveOrders(accountIndex, null, session::authToken);
        // Once, in the start's run (after any resumed request), right behind its reads in the rate budget's queue,
        // so that the first signal after a start signs without first reading the nonce. Paced with those reads:
        // at a send's priority a thousand accounts' reads left at once, and a slow exchange timed them out.
        session.learnNonceAhead(reads);
        // The reads have taken their room, or wait first in the budget's queue: the next account may look for room.
        // Held until their answers, a slow exchange paced the runs instead of the budget.
        turn.ended();
        return Future.all(account, orders).onComplete(read -> readsIn());
      })
      .compose(read -> lossAlarm.observe(read.resultAt(0))
        .compose(watched -> leverage.corrected(read.resultAt(0)))
        .compose(current -> inspect(reason, current, read.<OrderPage>resultAt(1).orders())))
      .recover(failure -> {
        LOG.warn("Account {}: protection run ({}) failed before acting: {}", accountIndex, reason,
          failure.toString());
        retrySoon(reason);
        return Future.succeededFuture();
      })
      .onComplete(ended -> readsIn());
  }

  private Future<Void> inspect(String reason, DetailedAccount read, List<Order> orders) {
    session.marginFractions().recordFromRest(read);
    Map<Integer, Position> positions = new HashMap<>();
    Map<Integer, String> symbols = new HashMap<>();
    for (AccountPosition row : read.openPositions()) {
      Position.fromLighter(row.sign(), row.position(), row.avgEntryPrice(), row.initialMarginFraction())
        .ifPresent(position -> positions.put((int) row.marketId(), position));
      symbols.put((int) row.marketId(), row.symbol());
    }
    // Take-profits are the service's concern only with take-profit on; otherwise they are left as they are.
    Future<List<Order>> takeProfits = settings.trading().takeProfitOn() ? keeper.own(orders, Order::takeProfit)
      : Future.succeededFuture(List.of());
    return Future.all(keeper.own(orders), takeProfits).compose(owned -> {
      List<Order> own = owned.resultAt(0);
      List<Order> ownTakeProfits = owned.resultAt(1);
      Set<Integer> marketIds = new TreeSet<>(positions.keySet());
      own.forEach(order -> marketIds.add((int) order.marketIndex()));
      ownTakeProfits.forEach(order -> marketIds.add((int) order.marketIndex()));
      return Future.all(journal.marketsEntered(account.accountIndex(), positions.keySet()),
          MarketLookup.known(vertx, marketIds))
        .compose(known -> {
          Set<Integer> entered = known.resultAt(0);
          Map<Integer, Market> markets = known.resultAt(1);
          Map<String, Position> unknown = new HashMap<>();
          for (Integer marketId : List.copyOf(positions.keySet())) {
            if (!markets.containsKey(marketId)) {
              unknown.put(symbols.getOrDefault(marketId, "market " + marketId), positions.remove(marketId));
            }
          }
          List<Order> planned = own.stream().filter(order -> markets.containsKey((int) order.marketIndex())).toList();
          List<ProtectionAction> actions = planner.plan(markets, positions, planned, ownTakeProfits.stream()
            .filter(order -> markets.containsKey((int) order.marketIndex())).toList(), entered, pairs.unpaired(),
            System.currentTimeMillis());
          return act(reason, actions, unknown);
        });
    });
  }

  /** @param unknownMarkets positions in markets the service does not know, by symbol: they cannot be protected */
  private Future<Void> act(String reason, List<ProtectionAction> all, Map<String, Position> unknownMarkets) {
    List<ProtectionAction> actions = externals.worthARecord(all);
    if (actions.isEmpty() && unknownMarkets.isEmpty()) {
      return Future.succeededFuture();
    }
    String requestId = RequestIds.next(System.currentTimeMillis());
    JsonArray described = new JsonArray();
    actions.forEach(action -> described.add(action.describe()));
    unknownMarkets.keySet().forEach(symbol -> described.add("unprotectable " + symbol + ": market not known"));
    NewRequest request = NewRequest.of(requestId, account.accountIndex(), RequestKind.PROTECTION,
      new JsonObject().put("reason", reason).put("actions", described), null, null, null);
    RequestLog log = new RequestLog(LOG, account.accountIndex(), requestId);
    log.info("protection run ({}): {}", reason, described.encode());
    AtomicInteger ordinals = new AtomicInteger();
    StopLossKeeper.Journaling journaling = new StopLossKeeper.Journaling(requestId, ordinals::getAndIncrement);
    List<String> problems = new ArrayList<>();
    // Only a failed send is tried again soon; what no send can fix waits for the next run, alerting on each.
    List<String> sendFailures = new ArrayList<>();
    unknownMarkets.keySet().forEach(symbol -> problems.add(symbol + ": market not known, position unprotected"));
    Future<Void> chain = journal.insertRequest(request).compose(inserted -> journal.markExecuting(requestId))
      .mapEmpty();
    for (ProtectionAction action : actions) {
      chain = chain.compose(previous -> steps.step(requestId, journaling, action)
        .recover(failure -> Future.succeededFuture(Optional.of(failure.getMessage())))
        .map(problem -> {
          problem.ifPresent(text -> {
            problems.add(action.market().symbol() + ": " + text);
            if (action.sends()) {
              sendFailures.add(text);
              log.error("{}: {}", action.describe(), text);
            } else {
              log.error("{}", action.describe());
            }
          });
          return null;
        }));
    }
    return chain
      .compose(done -> journal.finish(requestId, problems.isEmpty() ? RequestState.COMPLETED : RequestState.FAILED,
        problems.isEmpty() ? null : "UNPROTECTED", problems.isEmpty() ? null : String.join("; ", problems)))
      .onSuccess(finished -> {
        RequestEvents.publish(vertx.eventBus(), requestId, account.accountIndex(), problems.isEmpty()
          ? RequestState.COMPLETED : RequestState.FAILED);
        unknownMarkets.forEach((symbol, position) -> publish(Notices.stopLossFailed(new TradeContext(requestId,
          account.accountIndex(), account.name(), null, symbol), position.side(), position.size(), null,
          "the market is not known to the service; the position has no stop-loss of the service's")));
        if (!sendFailures.isEmpty()) {
          retrySoon(reason);
        }
      })
      .<Void>mapEmpty()
      .recover(failure -> {
        log.error("protection run failed: {}", failure.toString());
        retrySoon(reason);
        return Future.succeededFuture();
      });
  }

  /** The run's reads are in, or it ended before them: the turn, if it held one, goes on. */
  private void readsIn() {
    reading = false;
    turn.ended();
  }

  /**
   * One more run after {@code RETRY_INTERVAL}, however many fail meanwhile; it waits for room out of the queue. A
   * round on the timer's is one more round on the timer. Any other run's comes first in {@link ProtectionTurns} and
   * reads at the protection's priority: at the periodic one, a start's failed run waited behind the start's other
   * runs, the account's protection unknown for as long as they read (minutes at a thousand accounts).
   */
  private void retrySoon(String failedReason) {
    if (retryTimer == null) {
      retryTimer = vertx.setTimer(settings.retryInterval().toMillis(), id -> {
        retryTimer = null;
        if ("periodic".equals(failedReason)) {
          whenRoomToRead(due);
        } else {
          runSoon(failedReason);
        }
      });
    }
  }

  private void publish(Notice notice) {
    vertx.eventBus().publish(Addresses.NOTIFY, notice.toJson());
  }
}
