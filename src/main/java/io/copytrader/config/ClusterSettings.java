package io.copytrader.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * This node among the nodes sharing one journal (README.md "Running in production"): its name ({@code NODE_ID},
 * default the host name and the HTTP port), the port its cluster manager listens on ({@code CLUSTER_PORT}, unset for
 * no cluster manager), the other nodes' {@code host:port} ({@code CLUSTER_MEMBERS}), and how long an account lease
 * lasts ({@code LEASE_TTL_MS}). Ownership never depends on the cluster manager: it is the journal's lease rows.
 *
 * <p>The lease is renewed every fifth of its length; a node stops sending for an account once 70 % of the length has
 * passed since the start of its last successful renewal, so that it is silent well before another node may take the
 * lease over, whatever the pauses of its own process.
 *
 * @param clusterPort the cluster manager's port, or 0 for none
 */
public record ClusterSettings(String nodeId, int clusterPort, List<String> members, Duration leaseTtl) {

  public static final int MAX_MEMBERS = 64;
  static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(10);
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9.-]{1,253}:\\d{1,5}");

  public ClusterSettings {
    members = List.copyOf(members);
  }

  /** Whether a cluster manager runs: {@code CLUSTER_PORT} is set. */
  public boolean clustered() {
    return clusterPort > 0;
  }

  /** How often the node renews the leases it holds. */
  public Duration renewEvery() {
    return leaseTtl.dividedBy(5);
  }

  /** How long after the start of its last successful renewal the node still sends for the account. */
  public Duration sendWithin() {
    return leaseTtl.multipliedBy(7).dividedBy(10);
  }

  /**
   * The settings from their texts (null when unset), problems added for bad ones.
   *
   * @param text a setting's text
   * @param httpPort the API's port, for the default node id
   * @param postgresql whether the journal is PostgreSQL, which several nodes need
   */
  static ClusterSettings parse(Function<Setting, String> text, Integer httpPort, boolean postgresql,
                               List<String> problems) {
    String nodeId = text.apply(Setting.NODE_ID);
    if (nodeId == null) {
      nodeId = hostName() + ":" + (httpPort == null ? 0 : httpPort);
    } else if (!NODE_ID.matcher(nodeId).matches()) {
      problems.add("NODE_ID must be 1 to 64 letters, digits or . _ : -");
    }
    int port = 0;
    String portText = text.apply(Setting.CLUSTER_PORT);
    if (portText != null) {
      port = portText.matches("\\d{1,5}") ? Integer.parseInt(portText) : -1;
      if (port < 1 || port > 65535) {
        problems.add("CLUSTER_PORT must be a port number from 1 to 65535");
        port = 0;
      }
    }
    List<String> members = members(text.apply(Setting.CLUSTER_MEMBERS), problems);
    if (!members.isEmpty() && portText == null) {
      problems.add("CLUSTER_MEMBERS needs CLUSTER_PORT, the port this node's cluster manager listens on");
    }
    if (port > 0 && !postgresql) {
      problems.add("CLUSTER_PORT needs JOURNAL_URL=postgresql://…: nodes share their journal, and a SQLite journal is"
        + " one node's");
    }
    Duration ttl = DEFAULT_LEASE_TTL;
    String ttlText = text.apply(Setting.LEASE_TTL_MS);
    if (ttlText != null) {
      long millis = ttlText.matches("\\d{1,7}") ? Long.parseLong(ttlText) : -1;
      if (millis < 3_000 || millis > 600_000) {
        problems.add("LEASE_TTL_MS must be a whole number of milliseconds from 3000 to 600000");
      } else {
        ttl = Duration.ofMillis(millis);
      }
    }
    return new ClusterSettings(nodeId, port, members, ttl);
  }

  private static List<String> members(String text, List<String> problems) {
    List<String> members = new ArrayList<>();
    if (text == null) {
      return members;
    }
    for (String member : text.split(",")) {
      String trimmed = member.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!MEMBER.matcher(trimmed).matches()) {
        problems.add("CLUSTER_MEMBERS must list host:port entries separated by commas");
        return List.of();
      }
      members.add(trimmed);
    }
    if (members.size() > MAX_MEMBERS) {
      problems.add("CLUSTER_MEMBERS lists " + members.size() + " members; at most " + MAX_MEMBERS);
      return List.of();
    }
    return members;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException unknown) {
      return "localhost";
    }
  }
}
