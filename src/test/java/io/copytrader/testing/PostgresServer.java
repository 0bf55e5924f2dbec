package io.copytrader.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, from Debian's packages ({@code /usr/lib/postgresql/<version>/bin}; .ci/run
 * installs them when missing): one per test JVM, made with {@code initdb} in a temporary directory and started with
 * {@code pg_ctl} on a free loopback port the first time a test asks, stopped and deleted when the JVM exits. Tests
 * keep apart by each taking a fresh schema ({@link #freshSchema}). PostgreSQL refuses to run as root, so as root
 * every server command runs as the {@code postgres} user the package creates, through {@code runuser}.
 * Durability is off (fsync, synchronous commit): the tests exercise the SQL, not the disk. A test may stop and start
 * it ({@link #stopServer}, {@link #startServer}) to see what a PostgreSQL restart does to the service.
 */
public final class PostgresServer {

  private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");
  private static final String USER = "copytrader";
  private static final String DATABASE = "postgres";
  private static PostgresServer shared;

  private final Path binaries;
  private final Path directory;
  private final Path data;
  private final String runAs;
  private final int port;
  private final AtomicInteger schemas = new AtomicInteger();

  private PostgresServer(Path binaries, Path directory, String runAs, int port) {
    this.binaries = binaries;
    this.directory = directory;
    this.data = directory.resolve("data");
    this.runAs = runAs;
    this.port = port;
  }

  /** The JVM's server, started on first use. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = start();
      PostgresServer started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "postgres-stop"));
    }
    return shared;
  }

  private static PostgresServer start() {
    try {
      Path directory = Files.createTempDirectory("journal-postgres");
      String runAs = "root".equals(System.getProperty("user.name")) ? "postgres" : null;
      PostgresServer server = new PostgresServer(binaries(), directory, runAs, freePort());
      if (runAs != null) {
        server.run(List.of("chown", "-R", runAs, directory.toString()), Map.of(), false);
      }
      server.run(List.of(server.binary("initdb"), "-D", server.data.toString(), "-U", USER, "--auth=trust",
        "-E", "UTF8", "--no-sync", "--no-instructions"), Map.of(), true);
      server.startServer();
      return server;
    } catch (IOException problem) {
      throw new UncheckedIOException(problem);
    }
  }

  /** The newest PostgreSQL Debian installed. */
  private static Path binaries() throws IOException {
    if (Files.isDirectory(DEBIAN_BINARIES)) {
      try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
        List<Path> found = versions.map(version -> version.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
          .sorted(Comparator.comparing(bin -> version(bin.getParent()))).toList();
        if (!found.isEmpty()) {
          return found.get(found.size() - 1);
        }
      }
    }
    throw new IllegalStateException("PostgreSQL is not installed (no " + DEBIAN_BINARIES + "/*/bin/initdb):"
      + " apt-get install postgresql, as .ci/run does");
  }

  private static int version(Path directory) {
    String name = directory.getFileName().toString();
    return name.matches("\\d+") ? Integer.parseInt(name) : 0;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** A new empty schema, a name no other test in this JVM gets. */
  public String freshSchema() {
    String schema = "test_" + ProcessHandle.current().pid() + "_" + schemas.incrementAndGet();
    sql(null, "CREATE SCHEMA " + schema);
    return schema;
  }

  /** A URL for JOURNAL_URL: this server, its tables in {@code schema}. */
  public String url(String schema) {
    return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + DATABASE + "?search_path=" + schema;
  }

  /** Runs {@code sql} in {@code schema} (null: the default) through psql; answers its rows, one per line. */
  public String sql(String schema, String sql) {
    Map<String, String> environment = schema == null ? Map.of() : Map.of("PGOPTIONS", "-c search_path=" + schema);
    return run(List.of(binary("psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
      String.valueOf(port), "-U", USER, "-d", DATABASE, "-c", sql), environment, false).strip();
  }

  /**
   * Starts the server on its port and data, as at first use; after {@link #stopServer} it comes back with every
   * schema and row it had. Returns once it takes connections.
   */
  public void startServer() {
    run(List.of(binary("pg_ctl"), "-D", data.toString(), "-l", directory.resolve("server.log").toString(), "-w",
      "-t", "60", "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + directory
        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"), Map.of(), true);
  }

  /**
   * Stops the server as an operator's restart does (a fast shutdown: open transactions roll back, every connection
   * is ended); a test that stops it starts it again ({@link #startServer}) before it ends, since the JVM's other
   * test classes share it.
   */
  public void stopServer() {
    run(List.of(binary("pg_ctl"), "-D", data.toString(), "-m", "fast", "-w", "stop"), Map.of(), true);
  }

  private void stop() {
    try {
      run(List.of(binary("pg_ctl"), "-D", data.toString(), "-m", "immediate", "-w", "stop"), Map.of(), true);
    } finally {
      deleteQuietly();
    }
  }

  private void deleteQuietly() {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException leftBehind) {
      // A temporary directory the system cleans up in time.
    }
  }

  private String binary(String name) {
    return binaries.resolve(name).toString();
  }

  /** Runs a command, as the server's user when {@code asServer} and this JVM is root; fails with its output. */
  private String run(List<String> command, Map<String, String> environment, boolean asServer) {
    List<String> full = new ArrayList<>();
    if (asServer && runAs != null) {
      full.addAll(List.of("runuser", "-u", runAs, "--"));
    }
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
      return output;
    } catch (IOException problem) {
      throw new UncheckedIOException(problem);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command.get(0), interrupted);
    }
  }
}
