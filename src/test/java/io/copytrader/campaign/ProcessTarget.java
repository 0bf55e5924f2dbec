package io.copytrader.campaign;

import io.copytrader.paper.PaperAccount;
import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperExchange;
import io.copytrader.testing.FakeTelegram;
import io.copytrader.testing.ServiceProcess;
import io.copytrader.testing.TestLimits;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Tier 2: the built jar as a child process (testing/ServiceProcess) trading on a paper exchange that lives in the
 * test JVM and outlives it, restarted by SIGKILL, the closest thing to pulling the plug, and a fresh start on the
 * same journal and port.
 */
final class ProcessTarget implements CampaignTarget {

  private final Vertx vertx = Vertx.vertx();
  private final PaperExchange exchange;
  private final FakeTelegram telegram;
  private final Map<String, String> env;
  private final Path dir;
  private final int port;
  private ServiceProcess process;

  ProcessTarget(Path dir, Schedule schedule) {
    this.dir = dir;
    List<PaperAccount> paperAccounts = ACCOUNTS.stream().map(account -> new PaperAccount(account.index(),
      String.format("0x%040x", account.index()), InProcessTarget.COLLATERAL,
      Map.of(0, account.apiKey().publicKeyHex()))).toList();
    exchange = new PaperExchange(TestLimits.unlimited(PaperConfig.defaults().withAccounts(paperAccounts)));
    vertx.deployVerticle(exchange).await();
    telegram = new FakeTelegram(vertx, InProcessTarget.BOT_TOKEN).start();
    port = freePort();
    env = InProcessTarget.serviceEnvironment(exchange.baseUrl(), telegram.url(), dir.resolve("data"), schedule);
    env.put("HTTP_PORT", String.valueOf(port));
    start();
  }

  private void start() {
    process = ServiceProcess.start(dir, env);
    process.awaitReady();
  }

  @Override
  public String serviceUrl() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public String exchangeUrl() {
    return exchange.baseUrl();
  }

  /** SIGKILL, then a new process on the same journal and port. */
  @Override
  public void restart() {
    process.kill();
    start();
  }

  @Override
  public List<String> telegramTexts() {
    return telegram.texts();
  }

  @Override
  public void close() {
    try {
      process.close();
    } finally {
      vertx.close().await();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
