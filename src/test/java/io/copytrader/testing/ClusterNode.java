package io.copytrader.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One service node of a {@link ClusterHarness}: the built jar as a child process with a fixed NODE_ID, HTTP port
 * and cluster port that survive its restarts, and its own {@link SendTap} to the exchange. What a test does to a
 * machine is here: kill -9, SIGSTOP and SIGCONT, SIGTERM, start again.
 */
public final class ClusterNode implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(2)).build();

  private final String id;
  private final int httpPort;
  private final int clusterPort;
  private final Path directory;
  private final Map<String, String> environment;
  private final SendTap tap;
  private ServiceProcess process;
  private int starts;
  private volatile boolean frozen;

  ClusterNode(String id, int httpPort, int clusterPort, Path directory, Map<String, String> environment,
              SendTap tap) {
    this.id = id;
    this.httpPort = httpPort;
    this.clusterPort = clusterPort;
    this.directory = directory;
    this.environment = Map.copyOf(environment);
    this.tap = tap;
  }

  /** Its NODE_ID. */
  public String id() {
    return id;
  }

  public int clusterPort() {
    return clusterPort;
  }

  /** Its API's base URL (the same across restarts). */
  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Every transaction this node sent to the exchange, whichever process of it sent it. */
  public SendTap tap() {
    return tap;
  }

  /** Starts a process of the node; {@link #awaitReady} waits for it. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(id + " is running");
    }
    saveOutput();
    starts++;
    process = ServiceProcess.start(directory, environment);
  }

  /** Waits for the process's "Ready:" line. */
  public void awaitReady(Duration timeout) {
    process().awaitReady(timeout);
  }

  /** SIGKILL, waiting for the process to be gone. */
  public void kill() {
    process().kill();
    frozen = false;
  }

  /** SIGSTOP. */
  public void freeze() {
    process().freeze();
    frozen = true;
  }

  /** SIGCONT. */
  public void thaw() {
    process().thaw();
    frozen = false;
  }

  /** Stopped by {@link #freeze} and not yet thawed. */
  public boolean isFrozen() {
    return frozen;
  }

  /** SIGTERM, then waits up to {@code timeout} for the process to exit; answers its status. */
  public int stop(Duration timeout) {
    ServiceProcess running = process();
    running.terminate();
    return running.awaitExit(timeout);
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** What the running (or last) process printed. */
  public String output() {
    return process().output();
  }

  /** Writes the process's threads (jcmd Thread.print) to threads.N.txt in the node's directory, for diagnosis. */
  public void dumpThreads() {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      new ProcessBuilder(jcmd.toString(), String.valueOf(process().pid()), "Thread.print")
        .redirectErrorStream(true).redirectOutput(directory.resolve("threads." + starts + ".txt").toFile())
        .start().waitFor(20, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code GET /health}, or empty when the node does not answer (down, frozen, starting). */
  public Optional<JsonObject> health() {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/health"))
        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return response.body().startsWith("{") ? Optional.of(new JsonObject(response.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The accounts the node says it owns ({@code /health} {@code owned_accounts}); empty when it does not answer. */
  public Set<Long> ownedAccounts() {
    return health().map(ClusterNode::ownedAccounts).orElse(Set.of());
  }

  /** The accounts a node's {@code /health} answer says it owns. */
  public static Set<Long> ownedAccounts(JsonObject health) {
    Set<Long> owned = new LinkedHashSet<>();
    for (Object account : health.getJsonArray("owned_accounts", new JsonArray())) {
      owned.add(((Number) account).longValue());
    }
    return owned;
  }

  private synchronized ServiceProcess process() {
    if (process == null) {
      throw new IllegalStateException(id + " was never started");
    }
    return process;
  }

  /** Keeps the last process's output in the node's directory (node.log, node.1.log, …) for a failure's reader. */
  private void saveOutput() {
    if (process == null) {
      return;
    }
    try {
      Files.writeString(directory.resolve("node." + starts + ".log"), process.output(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    if (process != null) {
      process.close();
      saveOutput();
    }
    tap.close();
  }
}
