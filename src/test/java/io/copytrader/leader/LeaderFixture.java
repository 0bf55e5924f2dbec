package io.copytrader.leader;

import io.copytrader.testing.HeldJournal;
import io.copytrader.Addresses;
import io.copytrader.config.FollowerConfig;
import io.copytrader.config.LeaderConfig;
import io.copytrader.config.LeaderFeedSettings;
import io.copytrader.config.Sizing;
import io.copytrader.journal.FollowStore;
import io.copytrader.journal.Journal;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.LighterClientOptions;
import io.copytrader.lighter.LighterNetwork;
import io.copytrader.lighter.LighterStreamOptions;
import io.copytrader.market.MarketCacheVerticle;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.paper.PaperAccount;
import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperFixture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

/**
 * Copying leaders against the paper exchange as a real server: leader accounts {@link #FIRST_LEADER} onwards funded
 * with 10,000 USDC (each test takes its own), the market cache, the notices published, and watchers deployed with a
 * journal of their own. Shared by a test class; closed with it.
 */
final class LeaderFixture implements AutoCloseable {

  static final long FIRST_LEADER = 5000;
  static final int LEADERS = 20;
  static final int ETH = 0;
  static final int RESOLV = 51;

  final Vertx vertx = Vertx.vertx();
  final PaperFixture paper;
  final LighterClient lighter;
  final ServiceMetrics metrics = new ServiceMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  final List<JsonObject> notices = new CopyOnWriteArrayList<>();

  LeaderFixture() {
    List<PaperAccount> leaders = LongStream.range(FIRST_LEADER, FIRST_LEADER + LEADERS)
      .mapToObj(index -> new PaperAccount(index, "0x000000000000000000000000000000000000dEaD",
        new BigDecimal("10000"), Map.of()))
      .toList();
    paper = PaperFixture.start(vertx, PaperConfig.defaults().withAccounts(leaders));
    lighter = new LighterClient(vertx, LighterClientOptions.defaults(paper.baseUrl()));
    vertx.deployVerticle(new MarketCacheVerticle(lighter)).await();
    vertx.eventBus().<JsonObject>consumer(Addresses.NOTIFY, msg -> notices.add(msg.body())).completion().await();
  }

  static LeaderFeedSettings feed(long reconcileMs) {
    return new LeaderFeedSettings(Duration.ofMillis(200), Duration.ofMillis(reconcileMs), Duration.ofSeconds(30),
      Duration.ofMillis(50));
  }

  static FollowerConfig follower(long index, Sizing sizing, String copyRatio, boolean copyExisting,
                                 Set<String> markets) {
    return new FollowerConfig(index, "lead", sizing, new BigDecimal(copyRatio), null, markets, copyExisting,
      new BigDecimal("0.01"), new BigDecimal("0.005"));
  }

  Journal journal(Path dir) {
    return HeldJournal.open(vertx, dir).await();
  }

  LighterStreamOptions stream() {
    return LighterStreamOptions.forStreamUrl(LighterNetwork.streamUrlFor(paper.baseUrl()));
  }

  /** Deploys a watcher of {@code leaderIndex}, named "lead", over the paper exchange's stream and REST. */
  String watch(long leaderIndex, List<FollowerConfig> followers, LeaderFeedSettings settings, Journal journal) {
    return vertx.deployVerticle(new LeaderWatcher(new LeaderConfig("lead", leaderIndex), followers, settings,
      stream(), lighter, new FollowStore(journal, Clock.systemUTC()), metrics)).await();
  }

  void stop(String deployment) {
    vertx.undeploy(deployment).await();
  }

  /** The titles of the notices published so far. */
  List<String> noticeTitles() {
    return notices.stream().map(notice -> notice.getString("title")).toList();
  }

  @Override
  public void close() {
    lighter.close();
    paper.close();
    vertx.close().await();
  }
}
