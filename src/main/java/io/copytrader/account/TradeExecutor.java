package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.config.AccountConfig;
import io.copytrader.journal.Journal;
import io.copytrader.journal.NewOrder;
import io.copytrader.journal.OrderPurpose;
import io.copytrader.journal.OrderSide;
import io.copytrader.journal.OrderState;
import io.copytrader.journal.OrderUpdate;
import io.copytrader.journal.RequestState;
import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.DetailedAccount;
import io.copytrader.lighter.LighterException;
import io.copytrader.lighter.Order;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.market.BookTop;
import io.copytrader.market.Market;
import io.copytrader.market.MarketJson;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.notify.Fill;
import io.copytrader.notify.Notice;
import io.copytrader.notify.Notices;
import io.copytrader.notify.PositionSide;
import io.copytrader.notify.TradeContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries one accepted request from start to final state (DESIGN.md §3): sizes the order from fresh
 * market and account data, signs and sends it exactly once, confirms the fill, keeps the position's
 * stop-loss in line, journals every step and reports the outcome once.
 */
public final class TradeExecutor implements RequestExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(TradeExecutor.class);
  /** The SDK's default: a transaction the sequencer has not taken within ten minutes is void. */
  static final Duration TX_EXPIRY = Duration.ofMinutes(10).minusSeconds(1);
  private static final int ORDER_ALREADY_EXISTS = 21728;

  private final Vertx vertx;
  private final AccountConfig account;
  private final ExecutionSettings settings;
  private final ExchangeSession session;
  private final ExchangeView view;
  private final OrderWatcher watcher;
  private final StopLossKeeper stopLosses;
  private final Journal journal;
  private final ClientOrderIndexAllocator orderIndexes;
  private final PositionSizer sizer;
  private final ServiceMetrics metrics;

  /** Reads everything from REST. */
  public TradeExecutor(Vertx vertx, AccountConfig account, ExecutionSettings settings, ExchangeSession session,
                       Journal journal, ClientOrderIndexAllocator orderIndexes, ServiceMetrics metrics) {
    this(vertx, account, settings, session, new RestExchangeView(session.lighter(), session::authToken), journal,
      orderIndexes, metrics);
  }

  /**
   * Reads the book top and the account before an order, follows the order to its fill, learns the position
   * after it and keeps the stop-loss through {@code view} (the streams while they are fresh).
   */
  public TradeExecutor(Vertx vertx, AccountConfig account, ExecutionSettings settings, ExchangeSession session,
                       ExchangeView view, Journal journal, ClientOrderIndexAllocator orderIndexes,
                       ServiceMetrics metrics) {
    this.vertx = vertx;
    this.view = view;
    this.metrics = metrics;
    this.account = account;
    this.settings = settings;
    this.session = session;
    this.journal = journal;
    this.orderIndexes = orderIndexes;
    this.watcher = new OrderWatcher(vertx, session, view);
    this.sizer = new PositionSizer(settings.trading());
    this.stopLosses = new StopLossKeeper(vertx, settings, session, view, watcher, journal, orderIndexes);
  }

  @Override
  public Future<Void> execute(QueuedRequest queued) {
    return new Execution(queued).run();
  }

  /** A request's final state and, when something was traded or refused, the notice to send. */
  record Outcome(RequestState state, String code, String message) {

    static Outcome success(RequestState state) {
      return new Outcome(state, null, null);
    }
  }

  /** A failure worth another attempt: nothing was executed, or the in-doubt order is known to be absent. */
  static final class RetryableFailure extends RuntimeException {

    private final String code;

    RetryableFailure(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    String code() {
      return code;
    }
  }

  /** One request's state across attempts. Runs on the account's context only. */
  private final class Execution {

    private final QueuedRequest queued;
    private final TradeRequest request;
    private final TradeContext context;
    private int nextOrdinal;
    private Long entryOrderIndex;
    /** The journal ordinal of the latest signed entry order, or -1 before one is signed. */
    private int entryOrdinal = -1;
    private boolean entryInDoubt;
    /** Whether the journal moved the request from queued to executing; set for fresh requests. */
    private Future<Boolean> started = Future.succeededFuture(true);
    /** The entry order is known to be on the exchange: a retry confirms it again and never sends another. */
    private boolean entryReached;
    /** The account as read before the entry order was sent, for the notice and stop-loss of a later attempt. */
    private DetailedAccount entryBefore;
    private long sentAtMillis;
    private final RequestLog log;

    Execution(QueuedRequest queued) {
      this.queued = queued;
      this.request = queued.request();
      this.log = new RequestLog(LOG, account.accountIndex(), queued.requestId());
      this.context = new TradeContext(queued.requestId(), account.accountIndex(), account.name(), request.marketId(),
        request.symbol());
    }

    Future<Void> run() {
      if (queued.recovery() != null) {
        return recover(queued.recovery());
      }
      Optional<Duration> late = settings.lateness(queued, System.currentTimeMillis());
      if (late.isPresent()) {
        return expire(late.get());
      }
      // Not awaited: the journal writes in order, so the entry order's insert (which must succeed before the
      // order is sent, and only can for an executing request) commits with or after this change; planning
      // meanwhile saves a commit on the way to the exchange.
      started = journal.markExecuting(queued.requestId());
      log.info("executing {} {}", request.action().wireName(), request.symbol());
      return attempt(1);
    }

    /** True when the journal refused to start the request: it ran before, so nothing was or may be sent. */
    private boolean refusedToStart() {
      return started.isComplete() && started.succeeded() && !started.result();
    }

    /**
     * A request that was executing when the service stopped: its entry order, if one was signed, is looked up
     * on the exchange first and adopted when it got there; only a request whose order never arrived runs
     * again, and only while it is still fresh.
     */
    private Future<Void> recover(QueuedRequest.Recovery recovery) {
      nextOrdinal = recovery.nextOrdinal();
      entryOrderIndex = recovery.entryClientOrderIndex();
      entryOrdinal = recovery.entryOrdinal();
      entryInDoubt = entryOrderIndex != null;
      log.info("was interrupted; reconciling with the exchange (entry order {})", entryOrderIndex);
      Future<Boolean> reachedExchange = entryInDoubt
        ? watcher.find(entryOrderIndex).map(Optional::isPresent) : Future.succeededFuture(false);
      return reachedExchange.compose(reached -> {
        Optional<Duration> late = settings.lateness(queued, System.currentTimeMillis());
        if (!reached && late.isPresent()) {
          return expire(late.get());
        }
        return attempt(1);
      });
    }

    private Future<Void> expire(Duration late) {
      return finish(new Outcome(RequestState.EXPIRED, "SIGNAL_EXPIRED", "waited " + late.toMillis()
        + " ms, longer than allowed; not executed"), Notices.expired(context, request.action(), late));
    }

    private Future<Void> attempt(int number) {
      // Marking a fresh request executing already counted its first attempt.
      Future<?> counted = number == 1 && queued.recovery() == null ? Future.succeededFuture()
        : journal.recordAttempt(queued.requestId());
      return counted
        .compose(recorded -> once())
        .compose(done -> Future.<Void>succeededFuture())
        .recover(failure -> {
          if (refusedToStart()) {
            log.warn("no longer queued; not executing it again (nothing was sent)");
            return Future.succeededFuture();
          }
          boolean retryable = failure instanceof RetryableFailure;
          String code = failure instanceof RetryableFailure known ? known.code()
            : failure instanceof LighterException error ? errorCode(error) : "INTERNAL";
          if (code.equals("INTERNAL")) {
            log.error("failed unexpectedly", failure);
          }
          if (retryable && number < settings.attempts()) {
            log.warn("attempt {}/{} failed ({}: {}); retrying in {} s", number, settings.attempts(), code,
              failure.getMessage(), settings.retryInterval().toSeconds());
            return Pause.of(vertx, settings.retryInterval().toMillis())
              .compose(waited -> attempt(number + 1));
          }
          return finish(new Outcome(RequestState.FAILED, code, failure.getMessage()),
            Notices.failedAfterRetries(context, request.action(), number, code + ": " + failure.getMessage()));
        });
    }

    /** One attempt: confirm an order known to be on the exchange, reconcile an in-doubt one, else plan and send. */
    private Future<Void> once() {
      return market().compose(market -> {
        if (entryReached) {
          log.info("order {} is on the exchange; confirming it again", entryOrderIndex);
          return confirmReached(market);
        }
        if (entryInDoubt) {
          return watcher.find(entryOrderIndex).compose(found -> {
            if (found.isPresent()) {
              log.info("the unanswered order {} reached the exchange; confirming it", entryOrderIndex);
              entryInDoubt = false;
              entryReached = true;
              return confirmReached(market);
            }
            return planAndSend(market);
          });
        }
        return planAndSend(market);
      });
    }

    /** After a restart the account before the order is not known; the notice then works it out from the fill. */
    private Future<Void> confirmReached(Market market) {
      if (entryBefore != null) {
        return confirm(market, entryBefore, true, null, entryOrdinal);
      }
      return readAccount().compose(read -> confirm(market, read, false, null, entryOrdinal));
    }

    private Future<Void> planAndSend(Market market) {
      Future<BookTop> book = book(market);
      Future<DetailedAccount> before = view.account(account.accountIndex())
        .recover(failure -> Future.failedFuture(exchangeFailure(failure)));
      return Future.all(book, before).compose(read -> {
        Optional<Position> position = position(before.result(), market.marketId());
        SizingResult sizing = sizer.plan(request.withMarket(market.marketId(), market.symbol()), market,
          before.result().totalAssetValue(), book.result(), position);
        if (sizing instanceof Rejection rejection) {
          if (rejection.retryable()) {
            return Future.failedFuture(new RetryableFailure(rejection.code().name(), rejection.message()));
          }
          return finish(new Outcome(RequestState.REJECTED, rejection.code().name(), rejection.message()),
            Notices.rejected(context, request.action(), rejection.code().name(), rejection.message()));
        }
        return send(market, before.result(), (OrderPlan) sizing);
      });
    }

    private Future<Void> send(Market market, DetailedAccount before, OrderPlan plan) {
      entryBefore = before;
      if (entryOrderIndex == null) {
        entryOrderIndex = orderIndexes.next();
      }
      long clientOrderIndex = entryOrderIndex;
      SignedOrderRows rows = new SignedOrderRows(journal, queued.requestId(), () -> nextOrdinal++);
      OrderPurpose purpose = plan.closesPosition() ? OrderPurpose.CLOSE
        : plan.reduceOnly() ? OrderPurpose.REDUCE : OrderPurpose.ENTRY;
      long expiredAt = System.currentTimeMillis() + TX_EXPIRY.toMillis();
      return session.send(
          nonce -> new CreateOrderTx(account.accountIndex(), account.apiKeyIndex(), market.marketId(), clientOrderIndex,
            plan.baseTicks(), plan.worstPriceTicks(), plan.isAsk() ? 1 : 0, CreateOrderTx.TYPE_MARKET,
            CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, plan.reduceOnly() ? 1 : 0, 0, 0, expiredAt, nonce,
            TxAttributes.none()),
          signed -> rows.record(ordinal -> new NewOrder(queued.requestId(), ordinal, purpose, market.marketId(),
            clientOrderIndex, signed.nonce(), account.apiKeyIndex(), signed.tx().txType(), signed.tx().txHashHex(),
            signed.tx().txInfo(), plan.isAsk() ? OrderSide.SELL : OrderSide.BUY, plan.baseAmount(), plan.worstPrice(),
            null))
            // Journaled means the send leaves next: the service's own time from the signal ends here.
            .onSuccess(journaled -> {
              if (queued.signalNanos() != 0) {
                metrics.signalToSend(System.nanoTime() - queued.signalNanos());
              }
            }))
        // A nonce that could not be fetched: nothing was signed or sent, so it is retried like a failed read.
        .recover(failure -> Future.failedFuture(failure instanceof LighterException error
          ? exchangeFailure(error) : failure))
        .compose(outcome -> {
          int ordinal = rows.ordinal();
          entryOrdinal = ordinal;
          if (outcome instanceof SendOutcome.Accepted accepted) {
            entryReached = true;
            sentAtMillis = System.currentTimeMillis();
            metrics.acceptedToSent(Duration.ofMillis(sentAtMillis - queued.acceptedAtMillis()));
            log.info("order {} accepted as tx {}", clientOrderIndex, accepted.tx().txHashHex());
            return journal.updateOrder(queued.requestId(), ordinal, OrderUpdate.sent(accepted.tx().txHashHex()))
              .compose(recorded -> confirm(market, before, true, plan, ordinal));
          }
          if (outcome instanceof SendOutcome.Unknown unknown) {
            entryInDoubt = true;
            return journal.updateOrder(queued.requestId(), ordinal,
                OrderUpdate.unknown(errorCode(unknown.error()), unknown.error().getMessage()))
              .compose(recorded -> Future.failedFuture(new RetryableFailure("EXCHANGE_NO_ANSWER",
                unknown.error().getMessage())));
          }
          if (outcome instanceof SendOutcome.NotSent notSent) {
            return journal.updateOrder(queued.requestId(), ordinal,
                OrderUpdate.rejected(errorCode(notSent.error()), notSent.error().getMessage()))
              .compose(recorded -> Future.failedFuture(new RetryableFailure(errorCode(notSent.error()),
                notSent.error().getMessage())));
          }
          SendOutcome.Rejected rejected = (SendOutcome.Rejected) outcome;
          if (rejected.error().hasCode(ORDER_ALREADY_EXISTS)) {
            entryReached = true;
            log.info("order {} already exists on the exchange; confirming it", clientOrderIndex);
            return confirm(market, before, true, plan, ordinal);
          }
          String code = errorCode(rejected.error());
          return journal.updateOrder(queued.requestId(), ordinal,
              OrderUpdate.rejected(code, rejected.error().getMessage()))
            .compose(recorded -> finish(new Outcome(RequestState.REJECTED, code, rejected.error().getMessage()),
              Notices.rejected(context, request.action(), code, rejected.error().getMessage())));
        });
    }

    /**
     * Waits for the entry order's final state, then records the fill and brings the stop-loss in line.
     *
     * @param beforeIsBefore whether {@code before} was read before the order was sent, not after its fill
     */
    private Future<Void> confirm(Market market, DetailedAccount before, boolean beforeIsBefore, OrderPlan plan,
                                 int ordinal) {
      return watcher.await(entryOrderIndex, OrderWatcher::finished, settings.fillTimeout()).compose(found -> {
        if (found.isEmpty()) {
          String message = "order " + entryOrderIndex + " was accepted but its fill was not confirmed within "
            + settings.fillTimeout().toSeconds() + " s; check the account";
          return finish(new Outcome(RequestState.FAILED, "FILL_UNCONFIRMED", message),
            Notices.failedAfterRetries(context, request.action(), 1, message));
        }
        Order order = found.get();
        if (sentAtMillis > 0) {
          metrics.sentToFilled(Duration.ofMillis(System.currentTimeMillis() - sentAtMillis));
        }
        BigDecimal filled = order.filledBaseAmount() == null ? BigDecimal.ZERO : order.filledBaseAmount();
        if (filled.signum() == 0) {
          String reason = order.status();
          return recordFill(ordinal, OrderState.CANCELLED, filled, null, reason)
            .compose(recorded -> finish(new Outcome(RequestState.REJECTED, "NOT_FILLED", "order not filled: "
              + reason), Notices.rejected(context, request.action(), "NOT_FILLED", reason)));
        }
        BigDecimal averagePrice = order.filledQuoteAmount().divide(filled, market.priceDecimals() + 4,
          RoundingMode.HALF_EVEN).stripTrailingZeros();
        BigDecimal requested = order.initialBaseAmount() != null ? order.initialBaseAmount()
          : plan != null ? plan.baseAmount() : filled;
        boolean complete = filled.compareTo(requested) >= 0;
        RequestState state = complete ? RequestState.FILLED : RequestState.PARTIALLY_FILLED;
        log.info("{} {} {} at {} ({})", order.isAsk() ? "sold" : "bought",
          filled.toPlainString(), market.symbol(), averagePrice.toPlainString(), order.status());
        return recordFill(ordinal, complete ? OrderState.FILLED : OrderState.PARTIALLY_FILLED, filled, averagePrice,
          order.status())
          .compose(recorded -> beforeIsBefore ? accountAfter(market, before, order, filled) : readAccount())
          .compose(after -> {
            view.settled(after);
            publish(beforeIsBefore
              ? tradeNotice(order, filled, averagePrice, before.position(market.marketId()),
                after.position(market.marketId()))
              : tradeNoticeAfterTheFact(order, filled, averagePrice, after.position(market.marketId())));
            return stopLosses.align(context, new StopLossKeeper.Journaling(queued.requestId(), () -> nextOrdinal++),
              market, position(before, market.marketId()), position(after, market.marketId()));
          })
          .compose(stopLossProblem -> {
            String partial = complete ? null : "filled " + filled.toPlainString() + " of " + requested.toPlainString()
              + " (" + order.status() + ")";
            if (stopLossProblem.isPresent()) {
              return complete(new Outcome(state, "STOP_LOSS_FAILED",
                partial == null ? stopLossProblem.get() : partial + "; " + stopLossProblem.get()));
            }
            return complete(new Outcome(state, complete ? null : "PARTIALLY_FILLED", partial));
          });
      });
    }

    /**
     * The account once it holds the fill: the position before it plus the fill, as the view shows it; read from
     * REST when the view does not show that within the stream's patience (something else moved the position
     * too, or the stream is behind).
     */
    private Future<DetailedAccount> accountAfter(Market market, DetailedAccount before, Order order,
                                                 BigDecimal filled) {
      BigDecimal expected = signedPosition(before, market.marketId()).add(order.isAsk() ? filled.negate() : filled);
      return view.awaitAccount(account.accountIndex(),
          shown -> signedPosition(shown, market.marketId()).compareTo(expected) == 0, OrderWatcher.STREAM_PATIENCE)
        .recover(streamFailure -> Future.succeededFuture(Optional.empty()))
        .compose(shown -> shown.map(Future::succeededFuture).orElseGet(this::readAccount));
    }

    private Future<Boolean> recordFill(int ordinal, OrderState state, BigDecimal filled, BigDecimal averagePrice,
                                       String status) {
      if (ordinal < 0) {
        return Future.succeededFuture(true);
      }
      return journal.updateOrder(queued.requestId(), ordinal, OrderUpdate.fill(state, filled, averagePrice, status))
        .onSuccess(recorded -> {
          if (!recorded) {
            log.warn("the journal refused to record order {}'s fill as {}", ordinal, state.wire());
          }
        });
    }

    private Notice tradeNotice(Order order, BigDecimal filled, BigDecimal price, Optional<AccountPosition> before,
                               Optional<AccountPosition> after) {
      BigDecimal realizedBefore = before.map(AccountPosition::realizedPnl).orElse(BigDecimal.ZERO);
      BigDecimal realizedAfter = after.map(AccountPosition::realizedPnl).orElse(realizedBefore);
      BigDecimal realized = realizedAfter == null || realizedBefore == null ? null : realizedAfter.subtract(realizedBefore);
      return tradeNotice(order, filled, price, before.map(AccountPosition::signedPosition).orElse(BigDecimal.ZERO),
        after, realized);
    }

    /**
     * After a restart the account as it was before the order is gone and the one read now already holds the
     * fill: the position before is the position now minus the fill, and the fill's realized PnL is not known.
     */
    private Notice tradeNoticeAfterTheFact(Order order, BigDecimal filled, BigDecimal price,
                                           Optional<AccountPosition> after) {
      BigDecimal signedFill = order.isAsk() ? filled.negate() : filled;
      BigDecimal heldBefore = after.map(AccountPosition::signedPosition).orElse(BigDecimal.ZERO).subtract(signedFill);
      return tradeNotice(order, filled, price, heldBefore, after, null);
    }

    /** @param heldBefore the position before the fill: positive long, negative short, zero flat */
    private Notice tradeNotice(Order order, BigDecimal filled, BigDecimal price, BigDecimal heldBefore,
                               Optional<AccountPosition> after, BigDecimal realized) {
      boolean isOpen = after.map(AccountPosition::open).orElse(false);
      PositionSide fillSide = order.isAsk() ? PositionSide.SHORT : PositionSide.LONG;
      if (heldBefore.signum() == 0) {
        return Notices.opened(context, new Fill(fillSide, filled, price));
      }
      PositionSide held = heldBefore.signum() > 0 ? PositionSide.LONG : PositionSide.SHORT;
      if (held == fillSide) {
        return Notices.increased(context, new Fill(held, filled, price), after.get().position());
      }
      if (!isOpen) {
        return Notices.closed(context, new Fill(held, filled, price), realized);
      }
      return Notices.reduced(context, new Fill(held, filled, price), after.get().position(), realized);
    }

    /**
     * Reports the outcome once the journal has it: execution starts before the request's insert is committed,
     * and a request the journal turns out not to know was never accepted, so nothing may be said of it. A
     * journal that fails does not silence the report of what happened on the exchange.
     */
    private Future<Void> finish(Outcome outcome, Notice notice) {
      return record(outcome)
        .onComplete(recorded -> {
          if (recorded.failed() || recorded.result()) {
            publish(notice);
          }
        })
        .mapEmpty();
    }

    private Future<Void> complete(Outcome outcome) {
      return record(outcome).mapEmpty();
    }

    private Future<Boolean> record(Outcome outcome) {
      log.info("{}{}", outcome.state().wire(),
        outcome.code() == null ? "" : " (" + outcome.code() + ": " + outcome.message() + ")");
      metrics.requestFinished(request.action().wireName(), outcome.state().wire());
      return journal.finish(queued.requestId(), outcome.state(), outcome.code(), outcome.message());
    }

    private void publish(Notice notice) {
      vertx.eventBus().publish(Addresses.NOTIFY, notice.toJson());
    }

    private Future<Market> market() {
      return vertx.eventBus().<JsonObject>request(Addresses.MARKET_RESOLVE,
          new JsonObject().put("market_id", request.marketId()))
        .map(Message::body)
        .map(MarketJson::fromJson)
        .recover(failure -> Future.failedFuture(new RetryableFailure("MARKET_UNAVAILABLE", failure.getMessage())));
    }

    private Future<BookTop> book(Market market) {
      return view.bookTop(market).recover(failure -> Future.failedFuture(exchangeFailure(failure)));
    }

    private Future<DetailedAccount> readAccount() {
      return session.lighter().account(account.accountIndex())
        .recover(failure -> Future.failedFuture(exchangeFailure(failure)));
    }
  }

  private static BigDecimal signedPosition(DetailedAccount account, long marketId) {
    return account.position(marketId).map(AccountPosition::signedPosition).orElse(BigDecimal.ZERO);
  }

  static Optional<Position> position(DetailedAccount account, long marketId) {
    return account.position(marketId).flatMap(row -> Position.fromLighter(row.sign(), row.position(),
      row.avgEntryPrice(), row.initialMarginFraction()));
  }

  static RuntimeException exchangeFailure(Throwable failure) {
    if (failure instanceof LighterException error && !error.retryable()) {
      return error;
    }
    return new RetryableFailure(failure instanceof LighterException error ? errorCode(error) : "EXCHANGE_ERROR",
      failure.getMessage());
  }

  static String errorCode(LighterException error) {
    return error.code() != 0 ? "LIGHTER_" + error.code() : error.kind().name();
  }
}
