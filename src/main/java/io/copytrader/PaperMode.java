package io.copytrader;

import java.util.stream.LongStream;
import io.copytrader.config.AccountConfig;
import io.copytrader.rails.RailLimits;
import io.copytrader.config.Accounts;
import io.copytrader.config.LeverageSetting;
import io.copytrader.config.FollowerConfig;
import io.copytrader.config.LeaderConfig;
import io.copytrader.config.Leaders;
import io.copytrader.config.Sizing;
import io.copytrader.config.AppConfig;
import io.copytrader.config.Mode;
import io.copytrader.config.PaperSettings;
import io.copytrader.config.Secret;
import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.paper.DemoLeader;
import io.copytrader.paper.PaperAccount;
import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperExchange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paper mode: the service trades on a paper exchange it runs itself on loopback, either with two demo
 * accounts (when none is configured) or with the configured accounts, registered under the public keys
 * derived from their private keys and funded with {@code PAPER_BALANCE}.
 */
public final class PaperMode {

  private static final Logger LOG = LoggerFactory.getLogger(PaperMode.class);
  static final long FIRST_DEMO_ACCOUNT = 1001;
  private static final int DEMO_ACCOUNTS = 2;
  private static final String DEMO_L1_ADDRESS = "0x000000000000000000000000000000000000dEaD";

  private final Vertx vertx;
  private final AppConfig config;
  private PaperExchange exchange;

  PaperMode(Vertx vertx, AppConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  /** Starts the paper exchange in paper mode and returns the configuration pointed at it. */
  Future<AppConfig> start() {
    if (config.mode() != Mode.PAPER) {
      return Future.succeededFuture(config);
    }
    Accounts accounts = config.accounts().isEmpty()
      ? new Accounts(demoAccounts(config.policy().rails(), config.policy().leverage()), config.accounts().l1Address())
      : config.accounts();
    boolean demoLeader = config.leaders().paperDemoLeader() && config.accounts().isEmpty();
    if (config.leaders().paperDemoLeader() && !demoLeader) {
      LOG.warn("PAPER_DEMO_LEADER applies to the demo accounts only; with ACCOUNTS configured it is ignored");
    }
    AppConfig leading = demoLeader ? config.withLeaders(withDemoLeader(config.leaders())) : config;
    exchange = new PaperExchange(paperConfig(leading, accounts, "127.0.0.1"));
    return vertx.deployVerticle(exchange)
      .recover(failure -> Future.failedFuture(cannotListen(config.paper(), failure)))
      .compose(deployed -> demoLeader ? vertx.deployVerticle(new DemoLeader(exchange.port())) : Future.succeededFuture())
      .map(deployed -> leading.tradingOn(exchange.baseUrl(), accounts));
  }

  /** The demo leader, followed by the second demo account with the default follower settings. */
  private static Leaders withDemoLeader(Leaders leaders) {
    List<LeaderConfig> withDemo = new ArrayList<>(leaders.leaders());
    withDemo.add(new LeaderConfig("demo", DemoLeader.ACCOUNT));
    List<FollowerConfig> followers = new ArrayList<>(leaders.followers());
    followers.add(new FollowerConfig(FIRST_DEMO_ACCOUNT + 1, "demo", Sizing.EQUITY_RATIO, BigDecimal.ONE, null, null,
      false, new BigDecimal("0.01"), new BigDecimal("0.005")));
    return new Leaders(withDemo, followers, leaders.feed(), true);
  }

  /** The paper exchange's configuration for these accounts, each funded with {@code PAPER_BALANCE}. */
  public static PaperConfig paperConfig(AppConfig config, Accounts accounts, String host) {
    String owner = accounts.l1Address() != null ? accounts.l1Address() : DEMO_L1_ADDRESS;
    PaperSettings paper = config.paper();
    List<PaperAccount> paperAccounts = new ArrayList<>(accounts.list().stream()
      .map(account -> new PaperAccount(account.accountIndex(), owner, paper.balance(),
        Map.of(account.apiKeyIndex(), ApiKey.parse(account.privateKey().reveal()).publicKeyHex())))
      .toList());
    // Leaders are accounts of the paper exchange too, without keys: its position control trades them.
    config.leaders().leaders().stream().map(LeaderConfig::accountIndex)
      .filter(index -> accounts.account(index).isEmpty())
      .forEach(index -> paperAccounts.add(new PaperAccount(index, owner, paper.balance(), Map.of())));
    PaperConfig defaults = PaperConfig.defaults();
    return new PaperConfig(host, paper.portOrAny(), config.lighter().chainId(), true, defaults.book(),
      defaults.markets(), paperAccounts, paper.sequencerDelay() == null
        ? PaperConfig.DEFAULT_SEQUENCER_DELAY_MS : paper.sequencerDelay().toMillis())
      .withRateLimits(paper.rateLimits());
  }

  /** Names the port, since a taken one is the usual reason and the bind error alone does not say which. */
  public static String cannotListen(PaperSettings paper, Throwable failure) {
    return "the paper exchange cannot listen on 127.0.0.1:" + paper.portOrAny()
      + " (PAPER_PORT): " + failure.getMessage();
  }

  void announce(AppConfig effective, int httpPort) {
    if (exchange == null) {
      return;
    }
    List<Long> indexes = effective.accounts().indexes();
    LOG.info("Paper mode: trading on the paper exchange at {} with accounts {}", exchange.baseUrl(), indexes);
    String key = effective.http().apiKeyRequired() ? " -H 'X-API-Key: <API_KEY>'" : "";
    LOG.info("Try: curl -s -X POST http://127.0.0.1:{}/api/trade -H 'Content-Type: application/json'{} -d "
      + "'{\"account_index\":{},\"symbol\":\"ETH\",\"trade_type\":\"long\",\"reference_position_ratio\":0.5}'",
      httpPort, key, indexes.get(0));
  }

  /** Fresh keys on every start: demo accounts live only as long as the paper exchange that holds them. */
  private static List<AccountConfig> demoAccounts(RailLimits rails, LeverageSetting leverage) {
    SecureRandom random = new SecureRandom();
    return LongStream.range(0, DEMO_ACCOUNTS).mapToObj(n -> {
      byte[] key = new byte[40];
      random.nextBytes(key);
      return new AccountConfig(FIRST_DEMO_ACCOUNT + n, 0, Secret.of(HexFormat.of().formatHex(key)), "demo-" + (n + 1),
        null, null, null, rails, leverage, null);
    }).toList();
  }
}
