package io.copytrader.campaign;

import io.copytrader.testing.Configs;
import io.copytrader.MainVerticle;
import io.copytrader.config.ConfigException;
import io.copytrader.paper.PaperAccount;
import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperExchange;
import io.copytrader.testing.FakeTelegram;
import io.copytrader.testing.TestLimits;
import io.copytrader.testing.TestRails;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tier 1: the paper exchange as a real server and the whole service deployed by {@link MainVerticle} in this
 * JVM, as e2e/TradingHarness does, and restarted on the same journal file as e2e/RestartRecoveryTest does.
 * Each service instance runs on a Vert.x of its own, and a restart closes it wherever the service is
 * (SHUTDOWN_GRACE 0: no drain): its timers never fire again and its event bus is gone, as in a crashed
 * process. Undeploying alone would leave the old instance's retry timers running and publishing notices on the
 * event bus the next instance shares, which no real restart does.
 */
final class InProcessTarget implements CampaignTarget {

  static final BigDecimal COLLATERAL = new BigDecimal("10000");
  static final String BOT_TOKEN = "123456789:campaign-bot-token";
  static final String CHAT_ID = "-1001234567890";
  /** The position cap GuaranteeChecker holds the service to: below what two or three opens pile up. */
  static final BigDecimal MAX_POSITION_USD = new BigDecimal("1500");
  /** The openings per account per day GuaranteeChecker holds the service to: fewer than many schedules ask for. */
  static final int MAX_ORDERS_PER_DAY = 3;
  /** Laid over {@link TestRails#WIDE}: these two bite, the other rails stay wide so schedules keep their meaning. */
  static final Map<String, String> RAILS = Map.of("MAX_POSITION_USD", MAX_POSITION_USD.toPlainString(),
    "MAX_ORDERS_PER_DAY", String.valueOf(MAX_ORDERS_PER_DAY));
  /** Retries after a retryable failure, one second apart: short, so that a seed takes about a second. */
  static final int MAX_RETRIES = 2;
  /** Seconds between the protection supervisor's runs: short, so that the protection bound is too. */
  static final int PROTECTION_INTERVAL_SECONDS = 2;

  private final Vertx vertx;
  private final PaperExchange exchange;
  private final String exchangeDeployment;
  private final FakeTelegram telegram;
  private final Map<String, String> env = new HashMap<>();
  private final Path dir;
  private MainVerticle service;
  private Vertx serviceVertx;

  InProcessTarget(Vertx vertx, Path dir, Schedule schedule) {
    this(vertx, dir, schedule, Map.of());
  }

  /** {@code overrides} replace or add service environment variables. */
  InProcessTarget(Vertx vertx, Path dir, Schedule schedule, Map<String, String> overrides) {
    this.vertx = vertx;
    this.dir = dir;
    List<PaperAccount> paperAccounts = ACCOUNTS.stream().map(account -> new PaperAccount(account.index(),
      String.format("0x%040x", account.index()), COLLATERAL, Map.of(0, account.apiKey().publicKeyHex()))).toList();
    exchange = new PaperExchange(TestLimits.unlimited(PaperConfig.defaults().withAccounts(paperAccounts)));
    exchangeDeployment = vertx.deployVerticle(exchange).await();
    telegram = new FakeTelegram(vertx, BOT_TOKEN).start();
    env.putAll(serviceEnvironment(exchange.baseUrl(), telegram.url(), dir.resolve("data"), schedule));
    env.put("HTTP_PORT", "0");
    env.putAll(overrides);
    deploy();
  }

  /** The service's environment shared by both tiers: short retries so that a seed takes about a second. */
  static Map<String, String> serviceEnvironment(String exchangeUrl, String telegramUrl, Path dataDir,
                                                Schedule schedule) {
    Map<String, String> env = new HashMap<>();
    env.put("MODE", "live");
    env.put("BASE_URL", exchangeUrl);
    env.put("CHAIN_ID", String.valueOf(PaperConfig.defaults().chainId()));
    env.put("ACCOUNTS", Account.accountsJson(ACCOUNTS));
    env.put("LIGHTER_ACCOUNT_TIER", TestLimits.SERVICE_TIER);
    env.put("API_KEY", API_KEY);
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("DATA_DIR", dataDir.toString());
    env.put("TELEGRAM_BOT_API_KEY", BOT_TOKEN);
    env.put("TELEGRAM_GROUP_ID", CHAT_ID);
    env.put("TELEGRAM_API_URL", telegramUrl);
    env.put("RETRY_INTERVAL", "1");
    env.put("MAX_RETRIES", String.valueOf(MAX_RETRIES));
    env.put("PROTECTION_INTERVAL", String.valueOf(PROTECTION_INTERVAL_SECONDS));
    env.put("SHUTDOWN_GRACE", "0");
    env.put("MAX_SIGNAL_AGE", String.valueOf(schedule.maxSignalAgeSeconds()));
    env.putAll(TestRails.WIDE);
    env.putAll(RAILS);
    return env;
  }

  private void deploy() {
    try {
      service = new MainVerticle(Configs.load(env, dir));
    } catch (ConfigException e) {
      throw new IllegalStateException("the campaign's service configuration is invalid", e);
    }
    serviceVertx = Vertx.vertx();
    serviceVertx.deployVerticle(service).await();
  }

  @Override
  public String serviceUrl() {
    return "http://127.0.0.1:" + service.httpPort();
  }

  @Override
  public String exchangeUrl() {
    return exchange.baseUrl();
  }

  @Override
  public void restart() {
    serviceVertx.close().await();
    deploy();
  }

  @Override
  public List<String> telegramTexts() {
    return telegram.texts();
  }

  @Override
  public void close() {
    try {
      serviceVertx.close().await();
    } finally {
      vertx.undeploy(exchangeDeployment).await();
      telegram.close();
    }
  }
}
