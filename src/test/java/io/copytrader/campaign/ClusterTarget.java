package io.copytrader.campaign;

import io.copytrader.paper.PaperAccount;
import io.copytrader.paper.PaperConfig;
import io.copytrader.testing.ClusterHarness;
import io.copytrader.testing.ClusterNode;
import io.copytrader.testing.FakeTelegram;
import io.copytrader.testing.TestLimits;
import io.copytrader.testing.TestRails;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Three service nodes on one PostgreSQL journal ({@link ClusterHarness}) trading {@link #CLUSTER_ACCOUNTS} on one
 * paper exchange, with one fake Telegram for all of them: the failure tests' target. The exchange's limits are off
 * (the checks read its ledger back to back) while each node budgets the builder tier, as {@link TestLimits} says; the
 * rails are wide; a lease lasts {@link #LEASE_TTL}, so that a takeover takes seconds.
 */
final class ClusterTarget implements CampaignTarget {

  /** Four accounts, so that each of three nodes can own some. */
  static final List<Account> CLUSTER_ACCOUNTS = List.of(Account.of(8201, 0x61), Account.of(8202, 0x62),
    Account.of(8203, 0x63), Account.of(8204, 0x64));
  static final Duration LEASE_TTL = Duration.ofMillis(3000);
  static final int NODES = 3;
  /** How long every account may take to have one owner once the nodes are up. */
  static final Duration OWNERSHIP = Duration.ofSeconds(40);

  private final Vertx vertx = Vertx.vertx();
  private final FakeTelegram telegram;
  private final ClusterHarness cluster;

  ClusterTarget(String name) {
    telegram = new FakeTelegram(vertx, InProcessTarget.BOT_TOKEN).start();
    try {
      List<PaperAccount> paperAccounts = CLUSTER_ACCOUNTS.stream().map(account -> new PaperAccount(account.index(),
        String.format("0x%040x", account.index()), InProcessTarget.COLLATERAL,
        Map.of(0, account.apiKey().publicKeyHex()))).toList();
      cluster = ClusterHarness.start(name, TestLimits.unlimited(PaperConfig.defaults().withAccounts(paperAccounts)),
        environment(telegram.url()), NODES, LEASE_TTL);
    } catch (RuntimeException failed) {
      telegram.close();
      vertx.close().await();
      throw failed;
    }
  }

  private static Map<String, String> environment(String telegramUrl) {
    Map<String, String> env = new HashMap<>(TestRails.WIDE);
    env.put("MODE", "live");
    env.put("CHAIN_ID", String.valueOf(PaperConfig.defaults().chainId()));
    env.put("ACCOUNTS", Account.accountsJson(CLUSTER_ACCOUNTS));
    env.put("LIGHTER_ACCOUNT_TIER", TestLimits.SERVICE_TIER);
    env.put("API_KEY", API_KEY);
    env.put("TELEGRAM_BOT_API_KEY", InProcessTarget.BOT_TOKEN);
    env.put("TELEGRAM_GROUP_ID", InProcessTarget.CHAT_ID);
    env.put("TELEGRAM_API_URL", telegramUrl);
    env.put("RETRY_INTERVAL", "1");
    env.put("MAX_RETRIES", String.valueOf(InProcessTarget.MAX_RETRIES));
    env.put("PROTECTION_INTERVAL", String.valueOf(InProcessTarget.PROTECTION_INTERVAL_SECONDS));
    env.put("SHUTDOWN_GRACE", "5");
    return env;
  }

  static List<Long> accountIndexes() {
    return CLUSTER_ACCOUNTS.stream().map(Account::index).toList();
  }

  ClusterHarness cluster() {
    return cluster;
  }

  /** Waits until each account has one owner among the live nodes; answers them. */
  Map<Long, ClusterNode> awaitOwners() {
    return cluster.awaitOwners(accountIndexes(), OWNERSHIP);
  }

  /** The first live node's API: every node answers for every request (README.md "Running in production"). */
  @Override
  public String serviceUrl() {
    List<ClusterNode> live = cluster.liveNodes();
    if (live.isEmpty()) {
      throw new IllegalStateException("no live node");
    }
    return live.get(0).url();
  }

  @Override
  public String exchangeUrl() {
    return cluster.exchange().baseUrl();
  }

  /** SIGKILL of the first live node, then a new process of it. */
  @Override
  public void restart() {
    ClusterNode node = cluster.liveNodes().get(0);
    node.kill();
    node.start();
    node.awaitReady(ClusterHarness.STARTUP);
  }

  @Override
  public List<String> telegramTexts() {
    return telegram.texts();
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } finally {
      telegram.close();
      vertx.close().await();
    }
  }
}
