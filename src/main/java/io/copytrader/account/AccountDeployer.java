package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.cluster.LeaseBook;
import io.copytrader.config.AccountConfig;
import io.copytrader.config.AccountPolicy;
import io.copytrader.config.ConfigException;
import io.copytrader.config.LighterEndpoint;
import io.copytrader.journal.Journal;
import io.copytrader.lighter.ExchangeClock;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.LighterStream;
import io.copytrader.lighter.LighterStreamOptions;
import io.copytrader.lighter.budget.CallPriority;
import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.lighter.signer.TxSigner;
import io.copytrader.market.Market;
import io.copytrader.market.MarketJson;
import io.copytrader.metrics.ServiceMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * Builds what a configured account trades with and deploys its {@link AccountVerticle}: the
 * {@link ExchangeSession} (key, nonces, signer), the view of the exchange (the streams while fresh, REST
 * otherwise), the {@link TradeExecutor}, the {@link ProtectionSupervisor} and the {@link AccountView}. Also builds
 * the exchange stream the accounts read, which is deployed before them.
 */
public final class AccountDeployer {

  /** How long an accepted order may take to reach its final state before the request is reported unconfirmed. */
  private static final Duration FILL_TIMEOUT = Duration.ofSeconds(15);
  /** Lifetime of the auth tokens the private streams subscribe with; they are checked at subscription only. */
  private static final long STREAM_TOKEN_SECONDS = 600;

  private final Vertx vertx;
  private final LighterEndpoint endpoint;
  private final List<AccountConfig> accounts;
  private final AccountPolicy policy;
  private final Duration shutdownGrace;
  private final LighterClient lighter;
  private final ExchangeClock exchangeClock;
  private final Journal journal;
  private final ServiceMetrics metrics;
  private final LighterStream stream;
  private final LeaseBook leases;
  private final TxSigner signer;
  private final ProtectionTurns protectionTurns = new ProtectionTurns(ProtectionTurns.AT_ONCE);

  /**
   * @param shutdownGrace how long an account may drain its queue when the service stops
   * @param exchangeClock how far this host's clock may be from the exchange's, as the health checks read it
   * @param leases the accounts this node holds, whose send gates the accounts' sessions check
   */
  public AccountDeployer(Vertx vertx, LighterEndpoint endpoint, List<AccountConfig> accounts, AccountPolicy policy,
                         Duration shutdownGrace, LighterClient lighter, ExchangeClock exchangeClock, Journal journal,
                         ServiceMetrics metrics, LeaseBook leases) {
    this.vertx = vertx;
    this.endpoint = endpoint;
    this.accounts = accounts;
    this.policy = policy;
    this.shutdownGrace = shutdownGrace;
    this.lighter = lighter;
    this.exchangeClock = exchangeClock;
    this.journal = journal;
    this.metrics = metrics;
    this.leases = leases;
    this.signer = new TxSigner(endpoint.chainId());
    this.stream = followingStream();
  }

  /**
   * Order books of the active markets and each account's positions, orders and equity, kept current over
   * Lighter's WebSocket so a warm trade reads nothing over REST before its order is sent; every node follows every
   * account, so a takeover trades on live streams. Deploy it before {@link #deploy(long)}.
   */
  public LighterStream stream() {
    return stream;
  }

  /**
   * Fails with the {@link ConfigException} of every leverage setting the market list refutes (a symbol no market has,
   * a leverage above its market's maximum); passes when the market list could not be loaded, the settings being
   * checked in each market at first use then.
   */
  public Future<Void> checkLeverage() {
    return vertx.eventBus().<JsonObject>request(Addresses.MARKET_LIST, new JsonObject())
      .compose(reply -> {
        List<Market> markets = reply.body().getJsonArray("markets").stream()
          .map(market -> MarketJson.fromJson((JsonObject) market)).toList();
        List<String> problems = markets.isEmpty() ? List.of() : LeverageTarget.problems(accounts, markets);
        return problems.isEmpty() ? Future.succeededFuture() : Future.failedFuture(new ConfigException(problems));
      });
  }

  /**
   * Deploys the account's verticle once its journal position is known, which resumes its unfinished requests (a
   * start, or a takeover from another node); its deployment id. Deploy only an account whose lease is held.
   */
  public Future<String> deploy(long accountIndex) {
    AccountConfig account = accounts.stream().filter(candidate -> candidate.accountIndex() == accountIndex)
      .findFirst().orElseThrow(() -> new IllegalArgumentException("account " + accountIndex + " is not configured"));
    return journal.lastClientOrderIndex(accountIndex)
      .compose(lastIndex -> vertx.deployVerticle(account(account, lastIndex.orElse(0))));
  }

  private AccountVerticle account(AccountConfig account, long lastClientOrderIndex) {
    // The epoch just acquired: the account's inserts and claims carry it, and should the account be lost and
    // acquired again, this session never sends again.
    long epoch = leases.epoch(account.accountIndex()).orElseThrow();
    ExchangeSession session = new ExchangeSession(lighter, exchangeClock, account, ApiKey.parse(account.privateKey().reveal()),
      signer, leases, epoch);
    ExecutionSettings settings = new ExecutionSettings(account.effective(policy.trading()), 1 + policy.maxRetries(),
      policy.retryInterval(), policy.maxSignalAge(), FILL_TIMEOUT);
    ClientOrderIndexAllocator orderIndexes = new ClientOrderIndexAllocator(lastClientOrderIndex);
    StreamExchangeView view = new StreamExchangeView(stream, new RestExchangeView(lighter, session::authToken));
    AccountKillSwitch killSwitch = new AccountKillSwitch(account.accountIndex());
    TradeExecutor executor = new TradeExecutor(vertx, account, settings, session, view, journal, orderIndexes,
      killSwitch, metrics);
    return new AccountVerticle(account, policy.maxQueuePerAccount(), journal, lighter, executor,
      new AccountView(lighter.at(CallPriority.PERIODIC), account.accountIndex(), session::authToken), shutdownGrace,
      killSwitch, metrics, () -> epoch)
      .protectedBy(new ProtectionSupervisor(vertx, account, settings, session, view, journal, orderIndexes,
        policy.protectionInterval(), policy.protectExternalPositions(),
        new LossAlarm(vertx, account, journal, killSwitch), protectionTurns));
  }

  private LighterStream followingStream() {
    List<LighterStream.StreamAccount> followed = accounts.stream().map(account -> {
      ApiKey key = ApiKey.parse(account.privateKey().reveal());
      return new LighterStream.StreamAccount(account.accountIndex(), () -> AuthToken.create(key,
        account.accountIndex(), account.apiKeyIndex(), System.currentTimeMillis() / 1000 + STREAM_TOKEN_SECONDS));
    }).toList();
    return new LighterStream(LighterStreamOptions.forStreamUrl(endpoint.streamUrl()), () -> vertx.eventBus()
      .<JsonObject>request(Addresses.MARKET_LIST, new JsonObject())
      .map(reply -> reply.body().getJsonArray("markets").stream()
        .map(market -> (JsonObject) market)
        .filter(market -> market.getBoolean("active", false))
        .map(market -> market.getInteger("market_id"))
        .toList()), followed, metrics);
  }
}
