package io.copytrader;

import io.copytrader.account.RemoteAccounts;
import io.copytrader.account.AccountDeployer;
import io.copytrader.account.RemoteIntake;
import io.copytrader.cluster.NodeHeartbeats;
import io.copytrader.cluster.LeaseBook;
import io.copytrader.cluster.LeaseKeeper;
import io.copytrader.config.AppConfig;
import io.copytrader.config.RailSettings;
import io.copytrader.config.LoadedConfig;
import io.copytrader.health.HealthVerticle;
import io.copytrader.http.HttpVerticle;
import io.copytrader.intake.JournalListener;
import io.copytrader.journal.FollowStore;
import io.copytrader.journal.Journal;
import io.copytrader.journal.LeaseJournal;
import io.copytrader.leader.LeadersVerticle;
import io.copytrader.killswitch.RailsVerticle;
import io.copytrader.lighter.ExchangeClock;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.AccountChannel;
import io.copytrader.lighter.LighterClientOptions;
import io.copytrader.lighter.LighterStreamOptions;
import io.copytrader.lighter.budget.CallPriority;
import io.copytrader.lighter.signer.SignerWarmUpVerticle;
import io.copytrader.market.MarketCacheVerticle;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.notify.NotifierVerticle;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads nothing itself: takes the validated configuration, opens the journal and the exchange client, and
 * deploys, in order, the paper exchange (in paper mode), the market cache, the exchange streams, the notifier,
 * health, the kill switch ({@link RailsVerticle}, before the accounts whose loss watch may engage it), the lease
 * keeper ({@link LeaseKeeper}, which deploys the verticle of each account this node acquires, through
 * {@link AccountDeployer}), the HTTP API (so nothing is accepted before every account owned can take it), the
 * graceful stop ({@link DrainVerticle}), the node's heartbeats ({@link NodeHeartbeats}), the leaders' watchers
 * ({@link LeadersVerticle}, which submit to the accounts) and the signer warm-up, failing fast if any of them cannot
 * start. Vert.x undeploys them before {@link #stop()} closes the journal and the client.
 */
public final class MainVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);

  private final LoadedConfig loaded;
  private final Vertx cluster;
  private final ServiceMetrics metrics = ServiceMetrics.forVertx();
  private final ExchangeClock exchangeClock = new ExchangeClock();
  private AppConfig config;
  private PaperMode paper;
  private Journal journal;
  private LighterClient lighter;
  private AccountDeployer accounts;
  private LeaseBook leases;
  private HttpVerticle http;

  public MainVerticle(LoadedConfig loaded) {
    this(loaded, null);
  }

  /** @param cluster the Vert.x instance clustered by the cluster manager, carrying the node heartbeats only */
  public MainVerticle(LoadedConfig loaded, Vertx cluster) {
    this.loaded = loaded;
    this.cluster = cluster;
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
        lighter = new LighterClient(vertx, LighterClientOptions.defaults(config.lighter().baseUrl())
          .withSendConnectionsFor(config.accounts().list().size()), config.accountTier());
        leases = new LeaseBook(config.cluster().nodeId(), config.cluster().sendWithin());
        return Journal.open(vertx, config.journal(), config.dataDir(), Clock.systemUTC(), leases);
      })
      .compose(opened -> {
        journal = opened;
        accounts = new AccountDeployer(vertx, config.lighter(), config.accounts().list(), config.policy(),
          config.shutdownGrace(), lighter, exchangeClock, journal, metrics, leases);
        return vertx.deployVerticle(new MarketCacheVerticle(lighter));
      })
      .compose(deployed -> vertx.deployVerticle(accounts.stream()))
      .compose(deployed -> vertx.deployVerticle(new NotifierVerticle(config.telegram(), metrics)))
      .compose(deployed -> vertx.deployVerticle(new HealthVerticle(lighter, config.accounts().indexes(),
        index -> accounts.stream().fresh(index, AccountChannel.values()), leases, metrics)
        .journal(journal::reachable, journal::writes).clock(exchangeClock)))
      .compose(deployed -> vertx.deployVerticle(new RailsVerticle(journal, config.accounts().indexes())))
      .compose(deployed -> vertx.deployVerticle(new RemoteIntake(journal, config.accounts().indexes(),
        config.policy().maxQueuePerAccount(), lighter.at(CallPriority.PERIODIC))))
      .compose(deployed -> vertx.deployVerticle(new RemoteAccounts(config.accounts().list(), journal,
        lighter.at(CallPriority.PERIODIC))))
      .compose(deployed -> vertx.deployVerticle(new JournalListener(config.journal(), journal)))
      .compose(deployed -> accounts.checkLeverage())
      .compose(deployed -> vertx.deployVerticle(new LeaseKeeper(new LeaseJournal(journal,
        config.cluster().leaseTtl()), leases, config.cluster(), config.accounts().indexes(), accounts::deploy,
        metrics)))
      .compose(deployed -> {
        http = new HttpVerticle(config.http(), config.accounts().indexes(), journal, metrics);
        return vertx.deployVerticle(http)
          .recover(failure -> Future.failedFuture("the HTTP API cannot listen on " + config.http().host() + ":"
            + config.http().port() + " (HTTP_PORT): " + failure.getMessage()))
          .compose(listening -> vertx.deployVerticle(new DrainVerticle(config.shutdownGrace())));
      })
      .compose(deployed -> vertx.deployVerticle(new NodeHeartbeats(config.cluster().nodeId(), httpPort(),
        leases::owned, metrics, cluster)))
      .compose(deployed -> vertx.deployVerticle(new LeadersVerticle(config.leaders(),
        LighterStreamOptions.forStreamUrl(config.lighter().streamUrl()), lighter.at(CallPriority.PERIODIC),
        new FollowStore(journal, Clock.systemUTC()), metrics)))
      .compose(deployed -> vertx.deployVerticle(new SignerWarmUpVerticle(config.lighter().chainId())))
      .onSuccess(ready -> announce());
  }

  @Override
  public Future<?> stop() {
    if (lighter != null) {
      lighter.close();
    }
    return journal == null ? Future.succeededFuture() : journal.close();
  }

  private void announce() {
    LOG.info("Ready: {} mode, {} account(s), Lighter at {} (network {}, chain id {}), API on http://{}:{}",
      config.mode().name().toLowerCase(), config.accounts().list().size(), config.lighter().baseUrl(),
      config.lighter().networkName(), config.lighter().chainId(), config.http().host(), httpPort());
    config.accounts().list().forEach(account -> LOG.info("Account {} rails: {}", account.label(),
      RailSettings.summary(account.rails())));
    config.http().signalSources().sources().forEach(source -> LOG.info("Webhook signal source {}", source.summary()));
    paper.announce(config, httpPort());
    StartupNotice.publish(vertx, config);
  }
}
