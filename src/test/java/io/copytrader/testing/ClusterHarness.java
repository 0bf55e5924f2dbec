package io.copytrader.testing;

import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperFixture;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Several service nodes on one PostgreSQL journal, as production runs them (README.md "Running in production"): the
 * JVM's PostgreSQL ({@link PostgresServer}) with a fresh schema, the paper exchange in this JVM (it outlives every
 * node), and N nodes, each the built jar as a separate process ({@link ClusterNode}) with its NODE_ID, a free HTTP
 * port and cluster port, the others as CLUSTER_MEMBERS, the same ACCOUNTS and the lease length the test asks for.
 * Each node reaches the exchange's REST API through a {@link SendTap} of its own and its streams directly. The
 * nodes' directories (and their output, node.N.log, once a process ends) are kept under target/cluster/.
 */
public final class ClusterHarness implements AutoCloseable {

  /** A node JVM with Hazelcast on two shared cores takes a while to start. */
  public static final Duration STARTUP = Duration.ofSeconds(60);
  private static final String DATABASE_MILLIS = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

  private final PostgresServer postgres;
  private final String schema;
  private final PaperFixture exchange;
  private final Vertx vertx;
  private final Path directory;
  private final List<ClusterNode> nodes = new ArrayList<>();

  private ClusterHarness(Path directory, PaperConfig exchangeConfig) {
    this.directory = directory;
    this.postgres = PostgresServer.shared();
    this.schema = postgres.freshSchema();
    this.exchange = PaperFixture.standalone(exchangeConfig);
    this.vertx = Vertx.vertx();
  }

  /**
   * Starts the exchange and {@code count} nodes with {@code environment} (MODE, ACCOUNTS, API_KEY, tiers, rails…;
   * the harness adds JOURNAL_URL, NODE_ID, HTTP_HOST, HTTP_PORT, CLUSTER_PORT, CLUSTER_MEMBERS, LEASE_TTL_MS,
   * BASE_URL, STREAM_URL and DATA_DIR) and waits until every node is ready.
   */
  public static ClusterHarness start(String name, PaperConfig exchangeConfig, Map<String, String> environment,
                                     int count, Duration leaseTtl) {
    Path directory = Path.of("target", "cluster", name + "-" + System.currentTimeMillis()).toAbsolutePath();
    ClusterHarness harness = new ClusterHarness(directory, exchangeConfig);
    try {
      harness.createNodes(environment, count, leaseTtl);
      harness.nodes.forEach(ClusterNode::start);
      harness.nodes.forEach(node -> node.awaitReady(STARTUP));
      return harness;
    } catch (RuntimeException failed) {
      harness.close();
      throw failed;
    }
  }

  private void createNodes(Map<String, String> environment, int count, Duration leaseTtl) {
    int exchangePort = URI.create(exchange.baseUrl()).getPort();
    List<Integer> httpPorts = new ArrayList<>();
    List<Integer> clusterPorts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      httpPorts.add(Ports.free());
      clusterPorts.add(Ports.free());
    }
    for (int i = 0; i < count; i++) {
      String id = "node-" + (i + 1);
      Path nodeDirectory = directory.resolve(id);
      SendTap tap = SendTap.start(vertx, exchangePort);
      Map<String, String> env = new HashMap<>(environment);
      env.put("JOURNAL_URL", journalUrl());
      env.put("NODE_ID", id);
      env.put("HTTP_HOST", "127.0.0.1");
      env.put("HTTP_PORT", String.valueOf(httpPorts.get(i)));
      env.put("CLUSTER_PORT", String.valueOf(clusterPorts.get(i)));
      int self = i;
      env.put("CLUSTER_MEMBERS", clusterPorts.stream().filter(port -> !port.equals(clusterPorts.get(self)))
        .map(port -> "127.0.0.1:" + port).collect(Collectors.joining(",")));
      env.put("LEASE_TTL_MS", String.valueOf(leaseTtl.toMillis()));
      env.put("BASE_URL", tap.baseUrl());
      env.put("STREAM_URL", exchange.baseUrl().replaceFirst("^http", "ws") + "/stream");
      env.put("DATA_DIR", nodeDirectory.resolve("data").toString());
      try {
        Files.createDirectories(nodeDirectory);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      nodes.add(new ClusterNode(id, httpPorts.get(i), clusterPorts.get(i), nodeDirectory, env, tap));
    }
  }

  public List<ClusterNode> nodes() {
    return List.copyOf(nodes);
  }

  public ClusterNode node(String id) {
    return nodes.stream().filter(node -> node.id().equals(id)).findFirst()
      .orElseThrow(() -> new IllegalArgumentException("no node " + id));
  }

  /** The nodes running and not frozen: the ones a signal source reaches. */
  public List<ClusterNode> liveNodes() {
    return nodes.stream().filter(ClusterNode::isAlive).filter(node -> !node.isFrozen()).toList();
  }

  public PaperFixture exchange() {
    return exchange;
  }

  public PostgresServer postgres() {
    return postgres;
  }

  /** The nodes' JOURNAL_URL. */
  public String journalUrl() {
    return postgres.url(schema);
  }

  /** Runs {@code sql} on the nodes' journal; answers its rows, one per line, columns split by '|'. */
  public String sql(String sql) {
    return postgres.sql(schema, sql);
  }

  /** The node holding the account's lease in the journal now (an unexpired row), by the database's clock. */
  public Optional<String> leaseHolder(long accountIndex) {
    String owner = sql("SELECT owner FROM account_leases WHERE account_index = " + accountIndex
      + " AND expires_at > " + DATABASE_MILLIS);
    return owner.isEmpty() ? Optional.empty() : Optional.of(owner);
  }

  /** The account's lease epoch in the journal, 0 when it has no lease row. */
  public long leaseEpoch(long accountIndex) {
    String epoch = sql("SELECT epoch FROM account_leases WHERE account_index = " + accountIndex);
    return epoch.isEmpty() ? 0 : Long.parseLong(epoch);
  }

  /**
   * Who owns each account as the live nodes' {@code /health} tells it: the account's one claimant, absent when no
   * live node or more than one claims it.
   */
  public Map<Long, ClusterNode> ownersByHealth(List<Long> accounts) {
    Map<Long, List<ClusterNode>> claims = new LinkedHashMap<>();
    for (ClusterNode node : liveNodes()) {
      node.ownedAccounts().forEach(account -> claims.computeIfAbsent(account, k -> new ArrayList<>()).add(node));
    }
    Map<Long, ClusterNode> owners = new LinkedHashMap<>();
    for (long account : accounts) {
      List<ClusterNode> claimants = claims.getOrDefault(account, List.of());
      if (claimants.size() == 1) {
        owners.put(account, claimants.get(0));
      }
    }
    return owners;
  }

  /** Waits until every account has exactly one owner among the live nodes, by /health and the journal alike. */
  public Map<Long, ClusterNode> awaitOwners(List<Long> accounts, Duration timeout) {
    return Polling.eventually("one live owner for each of " + accounts, timeout, () -> ownersByHealth(accounts),
      owners -> owners.size() == accounts.size() && owners.entrySet().stream().allMatch(owner ->
        leaseHolder(owner.getKey()).filter(owner.getValue().id()::equals).isPresent()));
  }

  /**
   * The database sessions and what each is doing or waiting for, and the locks waited for with who holds them: what
   * a test that broke off prints, since a node that stopped running can hold rows every other node waits on.
   */
  public String sessions() {
    return sql("SELECT a.pid, a.client_port, a.state, a.wait_event_type, a.wait_event,"
      + " round(extract(epoch FROM now() - a.state_change)::numeric, 1) AS seconds_in_state,"
      + " pg_blocking_pids(a.pid) AS blocked_by, left(a.query, 100) FROM pg_stat_activity a"
      + " WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid() ORDER BY a.client_port");
  }

  /**
   * Restarts PostgreSQL as an operator does: {@code pg_ctl stop -m fast}, down for {@code down}, then started
   * again on the same port and data.
   */
  public void restartPostgres(Duration down) {
    postgres.stopServer();
    Polling.pause(down);
    postgres.startServer();
  }

  @Override
  public void close() {
    try {
      nodes.forEach(ClusterNode::close);
    } finally {
      try {
        vertx.close().await();
      } finally {
        exchange.close();
      }
    }
  }
}
