package io.copytrader;

import io.copytrader.account.AccountVerticle;
import io.copytrader.account.AccountView;
import io.copytrader.account.ClientOrderIndexAllocator;
import io.copytrader.account.ExchangeSession;
import io.copytrader.account.ExecutionSettings;
import io.copytrader.account.ProtectionSupervisor;
import io.copytrader.account.RestExchangeView;
import io.copytrader.account.StreamExchangeView;
import io.copytrader.account.TradeExecutor;
import io.copytrader.config.AccountConfig;
import io.copytrader.config.AppConfig;
import io.copytrader.config.LoadedConfig;
import io.copytrader.health.HealthVerticle;
import io.copytrader.http.HttpVerticle;
import io.copytrader.journal.Journal;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.LighterClientOptions;
import io.copytrader.lighter.LighterStream;
import io.copytrader.lighter.LighterStreamOptions;
import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.SignerWarmUp;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.lighter.signer.TxSigner;
import io.copytrader.market.MarketCacheVerticle;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.notify.NotifierVerticle;
import io.copytrader.notify.Notices;
import io.copytrader.notify.StartupSummary;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads nothing itself: takes the validated configuration and deploys, in order, the paper exchange (in
 * paper mode), the market cache, the exchange streams, the notifier, health, one account verticle per account
 * and the HTTP API last, failing fast if any of them cannot start.
 */
public final class MainVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);
  /** How long an accepted order may take to reach its final state before the request is reported unconfirmed. */
  private static final Duration FILL_TIMEOUT = Duration.ofSeconds(15);
  private static final int WARM_UP_SIGNATURES = 300;
  /** Lifetime of the auth tokens the private streams subscribe with; they are checked at subscription only. */
  private static final long STREAM_TOKEN_SECONDS = 600;

  private final LoadedConfig loaded;
  private final List<String> accountDeployments = new ArrayList<>();
  private final List<AccountVerticle> accounts = new ArrayList<>();
  private final ServiceMetrics metrics = ServiceMetrics.forVertx();
  private AppConfig config;
  private PaperMode paper;
  private Journal journal;
  private LighterClient lighter;
  private Future<Void> warmedUp = Future.succeededFuture();
  private volatile boolean stopping;
  private LighterStream stream;
  private HttpVerticle http;

  public MainVerticle(LoadedConfig loaded) {
    this.loaded = loaded;
  }

  public int httpPort() {
    return http.actualPort();
  }

  /** The configuration in force: in paper mode, pointed at the paper exchange and its accounts. */
  public AppConfig effectiveConfig() {
    return config;
  }

  @Override
  public Future<?> start() {
    loaded.warnings().forEach(LOG::warn);
    paper = new PaperMode(vertx, loaded.config());
    return paper.start()
      .compose(effective -> {
        config = effective;
        lighter = new LighterClient(vertx, LighterClientOptions.defaults(config.baseUrl()));
        return Journal.open(vertx, config.dataDir());
      })
      .compose(opened -> {
        journal = opened;
        return vertx.deployVerticle(new MarketCacheVerticle(lighter));
      })
      .compose(deployed -> deployStream())
      .compose(deployed -> {
        NotifierVerticle notifier = new NotifierVerticle(config.telegram());
        registerMetrics(notifier);
        return vertx.deployVerticle(notifier);
      })
      .compose(deployed -> vertx.deployVerticle(new HealthVerticle(lighter, this::accountsHealth)))
      .compose(deployed -> deployAccounts())
      .compose(deployed -> {
        http = new HttpVerticle(config, journal, metrics);
        return vertx.deployVerticle(http).recover(failure -> Future.failedFuture("the HTTP API cannot listen on "
          + config.httpHost() + ":" + config.httpPort() + " (HTTP_PORT): " + failure.getMessage()));
      })
      .onSuccess(ready -> {
        announce();
        warmUp();
      });
  }

  private Future<Void> deployAccounts() {
    Future<Void> chain = Future.succeededFuture();
    TxSigner signer = new TxSigner(config.chainId());
    ExecutionSettings defaults = new ExecutionSettings(config.trading(), 1 + config.maxRetries(),
      config.retryInterval(), config.maxSignalAge(), FILL_TIMEOUT);
    for (AccountConfig account : config.accounts()) {
      chain = chain
        .compose(previous -> journal.lastClientOrderIndex(account.accountIndex()))
        .compose(lastIndex -> {
          ExchangeSession session = new ExchangeSession(lighter, account, ApiKey.parse(account.privateKey().reveal()),
            signer);
          ExecutionSettings settings = new ExecutionSettings(account.effective(config.trading()), defaults.attempts(),
            defaults.retryInterval(), defaults.maxSignalAge(), defaults.fillTimeout());
          ClientOrderIndexAllocator orderIndexes = new ClientOrderIndexAllocator(lastIndex.orElse(0));
          StreamExchangeView view = new StreamExchangeView(stream, new RestExchangeView(lighter, session::authToken));
          TradeExecutor executor = new TradeExecutor(vertx, account, settings, session, view, journal, orderIndexes,
            metrics);
          AccountVerticle verticle = new AccountVerticle(account, config.maxQueuePerAccount(), journal, lighter,
            executor, new AccountView(lighter, account.accountIndex(), session::authToken), config.shutdownGrace())
            .protectedBy(new ProtectionSupervisor(vertx, account, settings, session, view, journal, orderIndexes,
              config.protectionInterval(), config.protectExternalPositions(), stream::connections));
          accounts.add(verticle);
          metrics.gauge("copytrade_queue_depth", "Requests waiting or running per account", "account",
            String.valueOf(account.accountIndex()), verticle::queueDepth);
          return vertx.deployVerticle(verticle);
        })
        .onSuccess(accountDeployments::add)
        .mapEmpty();
    }
    return chain;
  }

  /**
   * Order books of the active markets and each account's positions, orders and equity, kept current over
   * Lighter's WebSocket so a warm trade reads nothing over REST before its order is sent.
   */
  private Future<String> deployStream() {
    List<LighterStream.StreamAccount> followed = config.accounts().stream().map(account -> {
      ApiKey key = ApiKey.parse(account.privateKey().reveal());
      return new LighterStream.StreamAccount(account.accountIndex(), () -> AuthToken.create(key,
        account.accountIndex(), account.apiKeyIndex(), System.currentTimeMillis() / 1000 + STREAM_TOKEN_SECONDS));
    }).toList();
    stream = new LighterStream(LighterStreamOptions.defaults(config.baseUrl()), () -> vertx.eventBus()
      .<JsonObject>request(Addresses.MARKET_LIST, new JsonObject())
      .map(reply -> reply.body().getJsonArray("markets").stream()
        .map(market -> (JsonObject) market)
        .filter(market -> market.getBoolean("active", false))
        .map(market -> market.getInteger("market_id"))
        .toList()), followed);
    metrics.gauge("copytrade_stream_fresh", "1 while the exchange streams are connected and recently heard from",
      () -> stream.fresh() ? 1 : 0);
    metrics.gauge("copytrade_stream_stale_channels", "Subscribed stream channels (order books, accounts' positions,"
      + " orders and equity) not trusted now: awaiting their snapshot or owing a change REST already shows",
      stream::staleChannels);
    metrics.counter("copytrade_stream_connections", "Exchange stream connections established", stream::connections);
    metrics.counter("copytrade_stream_resubscriptions", "Order books resubscribed after a gap in their updates",
      stream::resubscriptions);
    return vertx.deployVerticle(stream);
  }

  private void registerMetrics(NotifierVerticle notifier) {
    lighter.onCall(metrics::lighterCall);
    metrics.gauge("copytrade_breaker_state", "Lighter circuit breaker: 0 closed, 1 half-open, 2 open",
      () -> switch (lighter.breakerState()) {
        case CLOSED -> 0;
        case HALF_OPEN -> 1;
        case OPEN -> 2;
      });
    metrics.counter("copytrade_telegram_sent", "Telegram messages delivered", () -> notifier.counters().sent());
    metrics.counter("copytrade_telegram_failed", "Telegram messages given up", () -> notifier.counters().failed());
    metrics.counter("copytrade_telegram_dropped", "Notices dropped from a full queue",
      () -> notifier.counters().dropped());
  }

  private JsonObject accountsHealth() {
    JsonObject checks = new JsonObject();
    for (AccountVerticle account : accounts) {
      checks.put(String.valueOf(account.accountIndex()), new JsonObject().put("queued", account.queueDepth()));
    }
    return checks;
  }

  /**
   * Graceful stop, run before Vert.x closes: intake answers 503, each account finishes its current
   * request within the grace period, and queued requests stay in the journal for the next start.
   */
  public Future<Void> drain() {
    if (http != null) {
      http.refuseIntake();
    }
    List<Future<Void>> undeployed = accountDeployments.stream().map(vertx::undeploy).toList();
    return Future.join(undeployed).mapEmpty();
  }

  /**
   * Waits for the signer warm-up to notice the stop: a worker task that finished after Vert.x had closed its
   * event loops would fail to hand back its result and die with an uncaught exception on its way out.
   */
  @Override
  public Future<?> stop() {
    stopping = true;
    if (lighter != null) {
      lighter.close();
    }
    return warmedUp.compose(done -> journal == null ? Future.succeededFuture() : journal.close());
  }

  /** Compiles the signing path off the event loop before the first signal arrives. */
  private void warmUp() {
    warmedUp = vertx.executeBlocking(() -> {
      SignerWarmUp.run(config.chainId(), WARM_UP_SIGNATURES, () -> stopping);
      return null;
    }, false)
      .onFailure(failure -> LOG.error("Signer warm-up failed: {}", failure.getMessage()))
      .<Void>mapEmpty()
      .otherwiseEmpty();
  }

  private void announce() {
    LOG.info("Ready: {} mode, {} account(s), Lighter at {}, API on http://{}:{}", config.mode().name().toLowerCase(),
      config.accounts().size(), config.baseUrl(), config.httpHost(), httpPort());
    paper.announce(config, httpPort());
    List<StartupSummary.Account> summary = config.accounts().stream()
      .map(account -> new StartupSummary.Account(account.accountIndex(), account.name())).toList();
    vertx.eventBus().<JsonObject>request(Addresses.MARKET_LIST, new JsonObject())
      .map(reply -> reply.body().getJsonArray("markets").stream()
        .map(market -> ((JsonObject) market).getString("symbol")).toList())
      .otherwise(List.of())
      .onSuccess(symbols -> vertx.eventBus().publish(Addresses.NOTIFY, Notices.startup(
        new StartupSummary(config.mode(), summary, symbols)).toJson()));
  }
}
