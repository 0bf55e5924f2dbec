package io.copytrader;

/** Every event-bus address the service uses, and the one header a message carries. */
public final class Addresses {

  public static final String MARKET_RESOLVE = "copytrade.market.resolve";
  public static final String MARKET_LIST = "copytrade.market.list";
  public static final String NOTIFY = "copytrade.notify";
  public static final String HEALTH_STATUS = "copytrade.health.status";
  public static final String HEALTH_CHANGED = "copytrade.health.changed";
  /** The HTTP API refuses new trade requests from now on; replies once it does. */
  public static final String INTAKE_CLOSE = "copytrade.http.intake.close";
  /** The graceful stop: replies once intake is closed and every account has drained. */
  public static final String SHUTDOWN = "copytrade.shutdown";
  /**
   * Part of the graceful stop: the lease keeper undeploys every account this node owns, then expires their leases
   * so another node takes them at once; replies when done. Local to the node.
   */
  public static final String LEASES_RELEASE = "copytrade.cluster.leases.release";
  /**
   * Engages the kill switch: {@code {"mode": "halt"|"flatten", "account_index": n (absent: all accounts),
   * "reason": text}}; replies the whole kill switch as {@code KillSwitchWire} writes it.
   */
  public static final String KILL_SWITCH_ENGAGE = "copytrade.rails.kill";
  /** Clears the kill switch: {@code {"account_index": n (absent: all)}}; replies the whole kill switch. */
  public static final String KILL_SWITCH_RESUME = "copytrade.rails.resume";
  /** Published after every change of the kill switch: the whole kill switch as {@code KillSwitchWire} writes it. */
  public static final String KILL_SWITCH_CHANGED = "copytrade.rails.kill-switch.changed";
  /** The rails of every account and the kill switch, as {@code GET /api/rails} shows them. */
  public static final String RAILS_STATUS = "copytrade.rails.status";
  /**
   * Published when a request is accepted (queued) and when it ends: {@code {"request_id", "account_index", "state"}}; the dashboard's live feed (http/LiveRoutes) forwards it.
   */
  public static final String REQUEST_STATE_CHANGED = "copytrade.request.state.changed";
  /** Header of a submit: {@link System#nanoTime()} when the HTTP API received the signal. */
  public static final String RECEIVED_NANOS = "received_nanos";
  /** Header of a submit that is one of a signal's several: the signal's key ({@code notify.Fanout}). */
  public static final String FANOUT_KEY = "fanout_key";
  /** Header of a submit that is one of a signal's several: how many accounts the signal went to. */
  public static final String FANOUT_ACCOUNTS = "fanout_accounts";

  /** Every leader's feed and followers as {@code GET /api/leaders} shows them: {@code {"leaders": [ … ]}}. */
  public static final String LEADERS_STATUS = "copytrade.leaders.status";

  /**
   * A trade request for a configured account no local {@code AccountVerticle} owns, the submit's body as it is:
   * journaled for the owner (intake/RemoteIntake); replies as {@link #accountSubmit} does.
   */
  public static final String REMOTE_INTAKE = "copytrade.intake.remote";
  /** {@link #accountView} of {@code {"account_index": n}}, a configured account no local verticle owns. */
  public static final String REMOTE_VIEW = "copytrade.intake.remote.view";
  /** {@link #accountRails} of {@code {"account_index": n}}, a configured account no local verticle owns. */
  public static final String REMOTE_RAILS = "copytrade.intake.remote.rails";
  /** {@link #accountStatus} of {@code {"account_index": n}}: the journal's count of the account's queued requests. */
  public static final String REMOTE_STATUS = "copytrade.intake.remote.status";
  /**
   * The one address that crosses nodes: every node publishes its heartbeat here ({@code cluster/NodeHeartbeats}):
   * {@code {"node_id", "http_port", "owned_accounts": [account_index], "started_at"}}.
   */
  public static final String NODE_HEARTBEAT = "copytrade.cluster.heartbeat";
  /**
   * This node's view of the nodes: replies {@code {"node_id", "cluster_manager": "hazelcast"|"none", "members":
   * [{"node_id", "http_port", "owned_accounts", "started_at", "last_heard_ms"}]}}.
   */
  public static final String CLUSTER_MEMBERS = "copytrade.cluster.members";
  /**
   * Published by {@code lighter/LighterStream} when one of its connections has replaced a lost one since it last
   * looked (once a second), with the count of such replacements so far: every account's protection runs then.
   */
  public static final String STREAM_RECONNECTED = "copytrade.stream.reconnected";

  private static final String ACCOUNT_PREFIX = "copytrade.account.";
  private static final String LEADER_PREFIX = "copytrade.leader.";

  private Addresses() {
  }

  /** Queues a trade request; replies {@code {"request_id": …}} (and {@code "duplicate"}, {@code "state"}). */
  public static String accountSubmit(long accountIndex) {
    return ACCOUNT_PREFIX + accountIndex + ".submit";
  }

  /** The account as the API shows it (balances, positions, stop-loss orders). */
  public static String accountView(long accountIndex) {
    return ACCOUNT_PREFIX + accountIndex + ".view";
  }

  /**
   * The account's rails as {@code GET /api/rails} shows one account: {@code {"account_index", "limits": {…},
   * "today": {"opening_orders", "realized_pnl", "unrealized_pnl", "drawdown_pct", …}, "kill_switch": mode}}.
   */
  public static String accountRails(long accountIndex) {
    return ACCOUNT_PREFIX + accountIndex + ".rails";
  }

  /** Runs the account's protection at its next turn (an operator's {@code POST /api/protect}); replies {@code {}}. */
  public static String accountProtect(long accountIndex) {
    return ACCOUNT_PREFIX + accountIndex + ".protect";
  }

  /**
   * A notice (no body) that another node journaled a request for the account (intake/JournalListener relays it
   * from PostgreSQL): the owning {@code AccountVerticle} claims it.
   */
  public static String accountIntake(long accountIndex) {
    return ACCOUNT_PREFIX + accountIndex + ".intake";
  }

  /** The account's state for health: {@code {"queued": requests waiting or running}}. */
  public static String accountStatus(long accountIndex) {
    return ACCOUNT_PREFIX + accountIndex + ".status";
  }

  /** One leader's feed and followers, as one entry of {@link #LEADERS_STATUS}. */
  public static String leaderStatus(long leaderAccountIndex) {
    return LEADER_PREFIX + leaderAccountIndex + ".status";
  }
}
