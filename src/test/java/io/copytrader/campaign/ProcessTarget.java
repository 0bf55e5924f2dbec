package io.copytrader.campaign;

import io.copytrader.paper.PaperAccount;
import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperExchange;
import io.copytrader.testing.FakeTelegram;
import io.copytrader.testing.ProcessOutput;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Tier 2: the built jar as a child process trading on a paper exchange that lives in the test JVM and outlives
 * it (as paper/PaperFixture's standalone mode does), restarted by SIGKILL, the closest thing to pulling the plug, and a fresh start on
 * the same journal and port. Started as it/ServiceProcess starts the jar ({@code java -jar}, a clean
 * environment); both are private to their package, hence this class.
 */
final class ProcessTarget implements CampaignTarget {

  private static final Duration READY = Duration.ofSeconds(30);
  private static final Pattern READY_LINE = Pattern.compile("Ready:");

  private final Vertx vertx = Vertx.vertx();
  private final PaperExchange exchange;
  private final FakeTelegram telegram;
  private final Map<String, String> env;
  private final Path dir;
  private final int port;
  private Process process;

  ProcessTarget(Path dir, Schedule schedule) {
    this.dir = dir;
    List<PaperAccount> paperAccounts = ACCOUNTS.stream().map(account -> new PaperAccount(account.index(),
      String.format("0x%040x", account.index()), InProcessTarget.COLLATERAL,
      Map.of(0, account.apiKey().publicKeyHex()))).toList();
    exchange = new PaperExchange(PaperConfig.defaults().withAccounts(paperAccounts));
    vertx.deployVerticle(exchange).await();
    telegram = new FakeTelegram(vertx, InProcessTarget.BOT_TOKEN).start();
    port = freePort();
    env = InProcessTarget.serviceEnvironment(exchange.baseUrl(), telegram.url(), dir.resolve("data"), schedule);
    env.put("HTTP_PORT", String.valueOf(port));
    start();
  }

  private void start() {
    String jar = System.getProperty("app.jar");
    if (jar == null || !Path.of(jar).toFile().isFile()) {
      throw new IllegalStateException("system property app.jar must name the built jar (run ./mvnw verify)");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar)
      .directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProcessOutput.follow(process).awaitLine(READY_LINE, READY);
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
    kill();
    start();
  }

  private void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the service survived SIGKILL for 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public List<String> telegramTexts() {
    return telegram.texts();
  }


  @Override
  public void close() {
    try {
      kill();
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
