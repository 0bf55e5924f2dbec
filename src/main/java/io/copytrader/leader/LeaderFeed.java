package io.copytrader.leader;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.copytrader.config.LeaderConfig;
import io.copytrader.config.LeaderFeedSettings;
import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.LighterStreamOptions;
import io.copytrader.lighter.TradingApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leader's account as the service sees it: Lighter's public {@code account_all/{N}} channel for changes (the
 * frames of docs/lighter-api.md, "WebSocket"), a full REST read ({@code account}) at every (re)subscription and
 * every reconcile interval, and REST polling at the poll interval while the channel is refused or down. Anything
 * heard (a frame, a pong, a REST answer) keeps the feed fresh; silence beyond the stale bound makes it
 * {@link FeedState#STALE}, which only a successful REST read ends. Used on its owner's context.
 */
final class LeaderFeed implements LeaderReadings {

  /** Where the feed's readings go. */
  interface Listener {
    /**
     * The leader's state now.
     *
     * @param reconciled whether it is a full REST read (which ends staleness) rather than a stream update
     * @param heardNanos when the reading arrived, {@link System#nanoTime()}
     */
    void state(LeaderState state, boolean reconciled, long heardNanos);

    /** The feed went stale (once per episode). */
    void stale(long silentMs);
  }

  private static final Logger LOG = LoggerFactory.getLogger(LeaderFeed.class);
  private static final long MAX_RECONNECT_DELAY_MS = 30_000;
  private static final long MAX_PING_INTERVAL_MS = 15_000;

  private final Vertx vertx;
  private final LeaderConfig leader;
  private final LighterStreamOptions stream;
  private final TradingApi rest;
  private final LeaderFeedSettings settings;
  private final Listener listener;
  private final List<Long> timers = new ArrayList<>();
  private WebSocketClient client;
  private ClientWebSocket socket;
  private boolean subscribed;
  private boolean stale;
  private boolean stopping;
  private boolean reading;
  private long lastHeardNanos = System.nanoTime();
  private long lastEventAtMillis;
  private long lastPollNanos;
  private long reconnectDelayMs = 250;
  private LeaderState state;

  /** @param stream the exchange's WebSocket, or null to poll REST only */
  LeaderFeed(Vertx vertx, LeaderConfig leader, LighterStreamOptions stream, TradingApi rest,
             LeaderFeedSettings settings, Listener listener) {
    this.vertx = vertx;
    this.leader = leader;
    this.stream = stream;
    this.rest = rest;
    this.settings = settings;
    this.listener = listener;
  }

  @Override
  public void start() {
    long tick = Math.max(50, Math.min(1000, settings.pollInterval().toMillis() / 2));
    timers.add(vertx.setPeriodic(tick, id -> watch()));
    timers.add(vertx.setPeriodic(settings.reconcileInterval().toMillis(), id -> reconcile()));
    long ping = Math.max(100, Math.min(MAX_PING_INTERVAL_MS, settings.staleAfter().toMillis() / 3));
    timers.add(vertx.setPeriodic(ping, id -> ping()));
    if (stream != null) {
      client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1024 * 1024)
        .setMaxMessageSize(16 * 1024 * 1024));
      connect();
    }
    reconcile();
  }

  @Override
  public Future<Void> stop() {
    stopping = true;
    timers.forEach(vertx::cancelTimer);
    Future<Void> closed = socket == null ? Future.succeededFuture() : socket.close().otherwiseEmpty();
    return client == null ? closed : closed.compose(done -> client.close());
  }

  @Override
  public FeedState feedState() {
    return stale ? FeedState.STALE : subscribed ? FeedState.LIVE : FeedState.POLLING;
  }

  @Override
  public long lastEventAt() {
    return lastEventAtMillis;
  }

  /** A full REST read of the leader's account; ends staleness when it succeeds. */
  void reconcile() {
    if (reading || stopping) {
      return;
    }
    reading = true;
    lastPollNanos = System.nanoTime();
    rest.account(leader.accountIndex())
      .onComplete(done -> reading = false)
      .onSuccess(account -> {
        long now = heard();
        stale = false;
        state = LeaderState.of(account);
        listener.state(state, true, now);
      })
      .onFailure(failure -> LOG.warn("Leader {}: reading account {} failed: {}", leader.name(),
        leader.accountIndex(), failure.getMessage()));
  }

  private long heard() {
    lastHeardNanos = System.nanoTime();
    lastEventAtMillis = System.currentTimeMillis();
    return lastHeardNanos;
  }

  /** Polls while the channel is not subscribed; marks the feed stale after the bound. */
  private void watch() {
    long now = System.nanoTime();
    long silentMs = (now - lastHeardNanos) / 1_000_000;
    if (!stale && silentMs > settings.staleAfter().toMillis()) {
      stale = true;
      LOG.warn("Leader {}: nothing heard for {} ms; followers only reduce until a reconcile succeeds",
        leader.name(), silentMs);
      listener.stale(silentMs);
      dropSocket();
    }
    boolean pollDue = (now - lastPollNanos) / 1_000_000 >= settings.pollInterval().toMillis();
    if ((stale || !subscribed) && pollDue) {
      reconcile();
    }
  }

  private void ping() {
    if (socket != null) {
      socket.writeTextMessage(new JsonObject().put("type", "ping").encode());
    }
  }

  private void connect() {
    if (stopping) {
      return;
    }
    WebSocketConnectOptions target = new WebSocketConnectOptions().setHost(stream.host()).setPort(stream.port())
      .setSsl(stream.ssl()).setURI(LighterStreamOptions.PATH);
    ClientWebSocket connecting = client.webSocket();
    connecting.textMessageHandler(text -> {
      if (socket == connecting) {
        receive(text);
      }
    });
    connecting.closeHandler(closed -> {
      if (socket == connecting && !stopping) {
        LOG.warn("Leader {}: stream closed; polling until it is back", leader.name());
        socket = null;
        subscribed = false;
        reconnectLater();
      }
    });
    connecting.connect(target)
      .onSuccess(opened -> {
        if (stopping) {
          opened.close();
          return;
        }
        socket = connecting;
        reconnectDelayMs = 250;
        connecting.writeTextMessage(new JsonObject().put("type", "subscribe")
          .put("channel", "account_all/" + leader.accountIndex()).encode());
      })
      .onFailure(failure -> {
        LOG.warn("Leader {}: cannot connect the stream ({}); polling", leader.name(), failure.getMessage());
        reconnectLater();
      });
  }

  private void reconnectLater() {
    if (stopping) {
      return;
    }
    long delay = reconnectDelayMs;
    reconnectDelayMs = Math.min(reconnectDelayMs * 2, MAX_RECONNECT_DELAY_MS);
    vertx.setTimer(delay, id -> {
      if (socket == null) {
        connect();
      }
    });
  }

  private void dropSocket() {
    ClientWebSocket current = socket;
    socket = null;
    subscribed = false;
    if (current != null) {
      current.close();
      reconnectLater();
    }
  }

  private void receive(String text) {
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException e) {
      LOG.warn("Leader {}: unreadable stream frame ignored", leader.name());
      return;
    }
    String type = frame.getValue("type") instanceof String named ? named : "";
    if (type.equals("ping")) {
      socket.writeTextMessage(new JsonObject().put("type", "pong").encode());
    }
    if (type.equals("error")) {
      // Refused: the channel is not served to this client; REST polling carries the leader from now on.
      LOG.warn("Leader {}: account_all/{} refused ({} {}); polling every {} ms", leader.name(),
        leader.accountIndex(), frame.getValue("code"), frame.getValue("message"),
        settings.pollInterval().toMillis());
      subscribed = false;
      return;
    }
    if (type.equals("subscribed/account_all")) {
      subscribed = true;
    }
    if (stale) {
      // Not trusted until a reconcile: a silent stream that wakes may have missed changes.
      if (type.endsWith("/account_all")) {
        update(frame, false);
      }
      return;
    }
    heardNanos();
    switch (type) {
      // Every (re)subscription is followed by a full read: what changed while it was down is in neither frame.
      case "subscribed/account_all" -> reconcile();
      case "update/account_all" -> update(frame, true);
      default -> {
        // pongs and greetings only keep the feed fresh.
      }
    }
  }

  private void heardNanos() {
    lastHeardNanos = System.nanoTime();
  }

  private void update(JsonObject frame, boolean fresh) {
    if (state == null) {
      return;
    }
    List<AccountPosition> changed = new ArrayList<>();
    try {
      JsonObject positions = frame.getJsonObject("positions", new JsonObject());
      for (String market : positions.fieldNames()) {
        changed.add(AccountPosition.fromJson(positions.getJsonObject(market).encode()));
      }
    } catch (JsonProcessingException | RuntimeException malformed) {
      LOG.warn("Leader {}: malformed account_all frame; reconciling", leader.name());
      reconcile();
      return;
    }
    if (changed.isEmpty()) {
      return;
    }
    long now = fresh ? heard() : System.nanoTime();
    state = state.with(changed);
    listener.state(state, false, now);
  }
}
