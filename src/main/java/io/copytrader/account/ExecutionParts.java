package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.config.AccountConfig;
import io.copytrader.journal.Journal;
import io.copytrader.journal.LeverageJournal;
import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.DetailedAccount;
import io.copytrader.lighter.Order;
import io.copytrader.market.BookTop;
import io.copytrader.market.Market;
import io.copytrader.market.MarketJson;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.rails.KillMode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Optional;

/** What one account's requests execute with: its identity and settings, the exchange, the journal. */
record ExecutionParts(Vertx vertx, AccountConfig account, ExecutionSettings settings, ExchangeSession session,
                      ExchangeView view, OrderWatcher watcher, OrderSender sender, DoubtSettler settler,
                      StopLossKeeper stopLosses, Journal journal, ClientOrderIndexAllocator orderIndexes,
                      PositionSizer sizer, Retries retries, RailGate rails, ServiceMetrics metrics,
                      LeverageKeeper leverage, AttachedStopLoss attached, HeldNotices heldNotices) {

  /** The parts for an account that reads through {@code view} and sends through {@code session}. */
  static ExecutionParts of(Vertx vertx, AccountConfig account, ExecutionSettings settings, ExchangeSession session,
                           ExchangeView view, Journal journal, ClientOrderIndexAllocator orderIndexes,
                           AccountKillSwitch killSwitch, ServiceMetrics metrics) {
    OrderWatcher watcher = new OrderWatcher(vertx, session, view);
    return new ExecutionParts(vertx, account, settings, session, view, watcher, new OrderSender(session, journal),
      new DoubtSettler(vertx, session, watcher),
      new StopLossKeeper(vertx, settings, session, view, watcher, journal, orderIndexes), journal, orderIndexes,
      new PositionSizer(settings.trading()), new Retries(vertx, settings.attempts(), settings.retryInterval()),
      new RailGate(account, session, journal, killSwitch, metrics), metrics,
      new LeverageKeeper(vertx, account, session, new LeverageJournal(journal),
        () -> killSwitch.mode() != KillMode.OFF),
      new AttachedStopLoss(new StopLossPolicy(settings.trading()), session.marginFractions(),
        new AttachedTakeProfit(settings.trading())), new HeldNotices());
  }

  /** The market as the market cache knows it; a failure is worth another attempt. */
  Future<Market> market(int marketId) {
    return vertx.eventBus().<JsonObject>request(Addresses.MARKET_RESOLVE, new JsonObject().put("market_id", marketId))
      .map(Message::body)
      .map(MarketJson::fromJson)
      .recover(failure -> Future.failedFuture(new RetryableFailure(OutcomeCode.MARKET_UNAVAILABLE.name(),
        failure.getMessage())));
  }

  /**
   * The market, waited for while an order may be on the exchange (after a restart the market cache may still be
   * loading): the order is followed as soon as it can be, rather than the request failing around it.
   */
  Future<Market> marketWhileOrderOut(int marketId, int tries) {
    return market(marketId).recover(failure -> tries <= 1 ? Future.failedFuture(failure)
      : Pause.of(vertx, 1_000).compose(waited -> marketWhileOrderOut(marketId, tries - 1)));
  }

  Future<BookTop> bookTop(Market market) {
    return view.bookTop(market).recover(failure -> Future.failedFuture(RetryableFailure.of(failure)));
  }

  /** The account from REST, whatever the streams show. */
  Future<DetailedAccount> readAccount() {
    return session.lighter().account(account.accountIndex())
      .recover(failure -> Future.failedFuture(RetryableFailure.of(failure)));
  }

  /**
   * The account once it holds the fill: the position before it plus the fill, as the view shows it; read from
   * REST when the view does not show that within the stream's patience (something else moved the position
   * too, or the stream is behind).
   */
  Future<DetailedAccount> accountAfter(Market market, DetailedAccount before, Order order, BigDecimal filled) {
    BigDecimal expected = signedPosition(before, market.marketId()).add(order.isAsk() ? filled.negate() : filled);
    return view.awaitAccount(account.accountIndex(),
        shown -> signedPosition(shown, market.marketId()).compareTo(expected) == 0, OrderWatcher.STREAM_PATIENCE)
      .recover(streamFailure -> Future.succeededFuture(Optional.empty()))
      .compose(shown -> shown.map(Future::succeededFuture).orElseGet(this::readAccount));
  }

  private static BigDecimal signedPosition(DetailedAccount account, long marketId) {
    return account.position(marketId).map(AccountPosition::signedPosition).orElse(BigDecimal.ZERO);
  }
}
