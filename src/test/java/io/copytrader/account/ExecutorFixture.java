package io.copytrader.account;

import java.time.Clock;
import io.copytrader.cluster.LeaseBook;
import io.copytrader.config.JournalSettings;
import io.copytrader.testing.HeldJournal;
import io.copytrader.Addresses;
import io.copytrader.config.AccountConfig;
import io.copytrader.config.LeverageSetting;
import io.copytrader.rails.RailLimits;
import io.copytrader.rails.RailOverrides;
import io.copytrader.config.Secret;
import io.copytrader.config.TradingParameters;
import io.copytrader.journal.Journal;
import io.copytrader.journal.NewOrder;
import io.copytrader.journal.OrderPurpose;
import io.copytrader.Side;
import io.copytrader.journal.NewRequest;
import io.copytrader.journal.RequestDetail;
import io.copytrader.journal.RequestKind;
import io.copytrader.lighter.ExchangeClock;
import io.copytrader.lighter.InMemoryExchange;
import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.OrderInfo;
import io.copytrader.lighter.signer.CreateGroupedOrdersTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.lighter.signer.TxSigner;
import io.copytrader.market.Market;
import io.copytrader.market.MarketJson;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.notify.Notice;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link TradeExecutor} for one account trading ETH on an {@link InMemoryExchange}, with a real journal in a
 * temporary directory: fast tests of how requests execute under the exchange's faults.
 */
final class ExecutorFixture {

  static final long ACCOUNT = 42;
  /** The default rails without cooldown and dedupe window: these tests trade one market back to back. */
  static final RailLimits UNTIMED_RAILS = RailLimits.merge(RailLimits.DEFAULTS, new RailOverrides(null, null, null,
    null, null, null, Duration.ZERO, Duration.ZERO, null, null));
  static final Market ETH = new Market(0, "ETH", true, 4, 2, new BigDecimal("0.0050"), BigDecimal.TEN,
    new BigDecimal("0.05"));

  final InMemoryExchange exchange = new InMemoryExchange(ACCOUNT, new BigDecimal("10000"),
    new BigDecimal("2999.00"), new BigDecimal("3001.00"));
  final Journal journal;
  /** The test node's leases: the account is held from the start. */
  final LeaseBook leases = HeldJournal.book();
  final List<Notice> notices = new CopyOnWriteArrayList<>();
  private final TradeExecutor executor;
  private final ExchangeSession session;
  private final AccountKillSwitch killSwitch = new AccountKillSwitch(ACCOUNT);
  private final AccountConfig account;
  private final ApiKey key;
  /** The account's context: an account executes on one. */
  private final Context context;
  private int requests;

  ExecutorFixture(Vertx vertx, Path dir) {
    this.context = vertx.getOrCreateContext();
    this.journal = HeldJournal.open(vertx, JournalSettings.SQLITE, dir, Clock.systemUTC(), leases, ACCOUNT).await();
    vertx.eventBus().consumer(Addresses.MARKET_RESOLVE, msg -> msg.reply(MarketJson.toJson(ETH)))
      .completion().await();
    vertx.eventBus().<JsonObject>consumer(Addresses.NOTIFY, msg -> notices.add(Notice.fromJson(msg.body())))
      .completion().await();
    byte[] secret = new byte[40];
    new SecureRandom().nextBytes(secret);
    String privateKey = HexFormat.of().formatHex(secret);
    account = new AccountConfig(ACCOUNT, 0, Secret.of(privateKey), "test", null, null, null,
      UNTIMED_RAILS, LeverageSetting.NONE, null);
    key = ApiKey.parse(privateKey);
    TradingParameters trading = new TradingParameters(new BigDecimal("0.8"), new BigDecimal("0.01"),
      new BigDecimal("0.05"));
    ExecutionSettings settings = new ExecutionSettings(trading, 3, Duration.ofMillis(10), Duration.ofSeconds(10),
      Duration.ofSeconds(2));
    session = new ExchangeSession(exchange, new ExchangeClock(), account, key, new TxSigner(304), leases,
      leases.epoch(ACCOUNT).orElseThrow());
    executor = new TradeExecutor(vertx, account, settings, session, new RestExchangeView(exchange,
      session::authToken), journal, new ClientOrderIndexAllocator(0), killSwitch,
      new ServiceMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
  }

  /** Journals the request as intake does, executes it to its end and returns what the journal holds of it. */
  RequestDetail execute(TradeAction action, String amount) {
    TradeRequest request = request(action, amount);
    String id = accept(request);
    Promise<Void> executed = Promise.promise();
    context.runOnContext(start -> executor.execute(QueuedRequest.fresh(id, request, System.currentTimeMillis()))
      .onComplete(executed));
    executed.future().await();
    return journal.getRequest(id).await().orElseThrow();
  }

  /** Has the account's session read its next nonce ahead, on the account's context, as a start's protection does. */
  Future<Void> learnNonceAhead() {
    Promise<Void> learnt = Promise.promise();
    context.runOnContext(ask -> session.learnNonceAhead(exchange).onComplete(learnt));
    return learnt.future();
  }

  /** Journals the request as intake does; returns its id. */
  String accept(TradeRequest request) {
    String id = "r-" + ++requests;
    journal.insertRequest(NewRequest.of(id, ACCOUNT, request.action().isAdjust() ? RequestKind.ADJUST
      : RequestKind.TRADE, request.toJson(), null, null, null)).await();
    return id;
  }

  static TradeRequest request(TradeAction action, String amount) {
    return request(action, amount, null);
  }

  /** @param signalTimestamp when the signal was sent, epoch ms, with a lag limit of 1 s; null for none */
  static TradeRequest request(TradeAction action, String amount, Long signalTimestamp) {
    BigDecimal value = new BigDecimal(amount);
    return new TradeRequest(ACCOUNT, ETH.marketId(), ETH.symbol(), action, action.isAdjust() ? null : value,
      action.isAdjust() ? value : null, null, signalTimestamp, signalTimestamp == null ? null : 1_000L);
  }

  /**
   * What a service stopped mid-send leaves: the request executing and its entry order journaled as signed with
   * nonce 0, buying 1.3333 ETH; the signed transaction, for the test to deliver or not.
   */
  SignedTx interruptedEntry(String requestId, long clientOrderIndex) {
    return interruptedEntry(requestId, clientOrderIndex, System.currentTimeMillis() + 10_000);
  }

  /** {@link #interruptedEntry(String, long)} with the transaction's own expiry. */
  SignedTx interruptedEntry(String requestId, long clientOrderIndex, long expiredAt) {
    journal.markExecuting(requestId).await();
    CreateOrderTx order = new CreateOrderTx(ACCOUNT, 0, ETH.marketId(), clientOrderIndex, 13_333, 303_101, 0,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0,
      expiredAt, 0, TxAttributes.none());
    SignedTx signed = new TxSigner(304).sign(key, order);
    journal.insertOrder(new NewOrder(requestId, 0, OrderPurpose.ENTRY, ETH.marketId(), clientOrderIndex, 0, 0,
      signed.txType(), signed.txHashHex(), signed.txInfo(), Side.BUY, new BigDecimal("1.3333"),
      new BigDecimal("3031.01"), null)).await();
    return signed;
  }

  /**
   * {@link #interruptedEntry(String, long)} for an entry sent with its stop-loss attached: one OTO group journaled
   * as its two rows, the entry (ordinal 0) and the attached stop-loss (ordinal 1, client order index
   * {@code stopClientOrderIndex}), both signed with nonce 0.
   */
  SignedTx interruptedGroupedEntry(String requestId, long clientOrderIndex, long stopClientOrderIndex) {
    journal.markExecuting(requestId).await();
    long expiredAt = System.currentTimeMillis() + 10_000;
    CreateGroupedOrdersTx group = new CreateGroupedOrdersTx(ACCOUNT, 0, CreateGroupedOrdersTx.GROUPING_OTO, List.of(
      new OrderInfo(ETH.marketId(), clientOrderIndex, 13_333, 303_101, 0, CreateOrderTx.TYPE_MARKET,
        CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0),
      new OrderInfo(ETH.marketId(), stopClientOrderIndex, 0, 296_000, 1, CreateOrderTx.TYPE_STOP_LOSS_LIMIT,
        CreateOrderTx.TIF_GOOD_TILL_TIME, 1, 299_000, expiredAt + Duration.ofDays(28).toMillis())),
      expiredAt, 0, TxAttributes.none());
    SignedTx signed = new TxSigner(304).sign(key, group);
    journal.insertOrder(new NewOrder(requestId, 0, OrderPurpose.ENTRY, ETH.marketId(), clientOrderIndex, 0, 0,
      signed.txType(), signed.txHashHex(), signed.txInfo(), Side.BUY, new BigDecimal("1.3333"),
      new BigDecimal("3031.01"), null)).await();
    journal.insertOrder(new NewOrder(requestId, 1, OrderPurpose.STOP_LOSS_PLACE, ETH.marketId(), stopClientOrderIndex,
      0, 0, signed.txType(), signed.txHashHex(), signed.txInfo(), Side.SELL, BigDecimal.ZERO,
      new BigDecimal("2960.00"), new BigDecimal("2990.00"))).await();
    return signed;
  }

  /** The account's verticle over this fixture's executor, as the service deploys it. */
  AccountVerticle accountVerticle() {
    return new AccountVerticle(account, 10, journal, exchange, executor, () -> Future.succeededFuture(
      new JsonObject()), Duration.ofSeconds(1), killSwitch, ServiceMetrics.forVertx(), () -> 1L);
  }

  long urgentNotices() {
    return notices.stream().filter(notice -> notice.severity() == Notice.Severity.URGENT).count();
  }
}
