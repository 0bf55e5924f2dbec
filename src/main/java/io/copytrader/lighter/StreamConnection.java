package io.copytrader.lighter;

import io.copytrader.lighter.LighterStream.StreamAccount;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of {@link LighterStream}'s WebSockets and its subscriptions (the books, or a group of accounts'
 * channels: {@link SubscriptionPlan}). A dropped connection is re-established with a doubling
 * backoff and every book and account channel is subscribed again from fresh snapshots. Pings go out every
 * {@link LighterStreamOptions#pingInterval()}; a connection silent for {@link LighterStreamOptions#staleAfter()}
 * is stale, and one still silent at a ping is dropped and replaced. A subscription not confirmed by its snapshot
 * is sent again ({@link SubscriptionRetries}). Used on the stream's context, except
 * {@link #fresh()} and the counters, which any context reads.
 */
final class StreamConnection {

  private static final Logger LOG = LoggerFactory.getLogger(StreamConnection.class);
  private static final int MAX_FRAME_BYTES = 1024 * 1024;
  private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  private final LighterStreamOptions options;
  private final Supplier<Future<List<Integer>>> activeMarkets;
  private final Map<Long, StreamAccount> streamAccounts = new LinkedHashMap<>();
  private final StreamState state;
  private final StreamMessageWindow window;
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong resubscriptions = new AtomicLong();

  private Vertx vertx;
  private WebSocketClient client;
  private StreamOutbox outbox;
  private SubscriptionRetries retries;
  private Handler<String> frames;
  private Runnable dropped;
  private ClientWebSocket socket;
  private List<Integer> marketIds = List.of();
  private long reconnectDelayMs;
  private long pingTimer = -1;
  private boolean stopping;
  private volatile boolean connected;
  private volatile long lastFrameNanos;

  /**
   * @param activeMarkets the ids of the markets to follow, asked on every (re)connection; when it fails, the
   *                      previous list is kept
   * @param state         reset channel by channel as each is subscribed
   * @param window        the IP's budget of client messages, shared with the stream's other connections
   */
  StreamConnection(LighterStreamOptions options, Supplier<Future<List<Integer>>> activeMarkets,
                   List<StreamAccount> followed, StreamState state, StreamMessageWindow window) {
    this.options = options;
    this.activeMarkets = activeMarkets;
    this.state = state;
    this.window = window;
    followed.forEach(account -> streamAccounts.put(account.accountIndex(), account));
  }

  /**
   * Connects, on the caller's context, which the connection keeps.
   *
   * @param frames  each text frame of the current socket
   * @param dropped the connection is gone (dropped, replaced or closed) and everything it carried with it
   */
  void start(Vertx vertx, Handler<String> frames, Runnable dropped) {
    this.vertx = vertx;
    this.frames = frames;
    this.dropped = dropped;
    client = vertx.createWebSocketClient(new WebSocketClientOptions()
      .setMaxFrameSize(MAX_FRAME_BYTES)
      .setMaxMessageSize(MAX_MESSAGE_BYTES)
      .setConnectTimeout((int) Math.max(1000, options.pingInterval().toMillis())));
    outbox = new StreamOutbox(vertx, () -> socket, window, options.quota().spacing());
    retries = new SubscriptionRetries(vertx, options.confirmTimeout(), state.liveness::confirmed, outbox::enqueue);
    reconnectDelayMs = options.firstReconnectDelay().toMillis();
    pingTimer = vertx.setPeriodic(options.pingInterval().toMillis(), tick -> keepAlive());
    connect();
  }

  Future<Void> stop() {
    stopping = true;
    vertx.cancelTimer(pingTimer);
    lost();
    Future<Void> closed = socket == null ? Future.succeededFuture() : socket.close().otherwiseEmpty();
    return closed.compose(done -> client.close());
  }

  /** Whether the connection is up and has been heard from within the stale limit. */
  boolean fresh() {
    return connected && System.nanoTime() - lastFrameNanos < options.staleAfter().toNanos();
  }

  /** How many connections were established so far. */
  long connections() {
    return connects.get();
  }

  /** How many times a book was resubscribed to catch up. */
  long resubscriptions() {
    return resubscriptions.get();
  }

  /** Answers the exchange's ping. */
  void pong() {
    outbox.sendNow(new JsonObject().put("type", "pong"));
  }

  /** Drops the market's book channel and subscribes it again, for a fresh snapshot. */
  void resubscribeBook(int marketId) {
    resubscriptions.incrementAndGet();
    outbox.enqueue(new JsonObject().put("type", "unsubscribe").put("channel", bookChannel(marketId)));
    subscribeBook(marketId);
  }

  private void subscribeBook(int marketId) {
    JsonObject frame = new JsonObject().put("type", "subscribe").put("channel", bookChannel(marketId));
    retries.subscribe(StreamState.bookKey(marketId), () -> frame);
  }

  /** The name a client subscribes a book by; frames name it {@link StreamState#bookKey}. */
  private static String bookChannel(int marketId) {
    return "order_book/" + marketId;
  }

  private void connect() {
    if (stopping) {
      return;
    }
    WebSocketConnectOptions target = new WebSocketConnectOptions().setHost(options.host()).setPort(options.port())
      .setSsl(options.ssl()).setURI(LighterStreamOptions.PATH);
    // Handlers are in place before the handshake, so the greeting and early frames cannot slip past them.
    ClientWebSocket connecting = client.webSocket();
    connecting.textMessageHandler(text -> {
      if (socket == connecting) {
        lastFrameNanos = System.nanoTime();
        frames.handle(text);
      }
    });
    connecting.exceptionHandler(failure -> LOG.warn("Lighter stream: connection error: {}", failure.getMessage()));
    connecting.closeHandler(closed -> {
      // At shutdown the stream closes the socket itself; nothing is lost and nothing reconnects.
      if (socket == connecting && !stopping) {
        LOG.warn("Lighter stream: connection closed ({} {}); reconnecting", connecting.closeStatusCode(),
          connecting.closeReason());
        socket = null;
        lost();
        reconnectLater();
      }
    });
    connecting.connect(target)
      .onSuccess(opened -> opened(connecting))
      .onFailure(failure -> {
        LOG.warn("Lighter stream: cannot connect to {}:{} ({}); retrying in {} ms", options.host(), options.port(),
          failure.getMessage(), reconnectDelayMs);
        reconnectLater();
      });
  }

  private void opened(ClientWebSocket opened) {
    if (stopping) {
      opened.close();
      return;
    }
    socket = opened;
    connects.incrementAndGet();
    reconnectDelayMs = options.firstReconnectDelay().toMillis();
    lastFrameNanos = System.nanoTime();
    connected = true;
    LOG.info("Lighter stream: connected to {}:{}", options.host(), options.port());
    activeMarkets.get()
      .onFailure(failure -> LOG.warn("Lighter stream: market list unavailable ({}); following {} known markets",
        failure.getMessage(), marketIds.size()))
      .onComplete(listed -> {
        if (listed.succeeded()) {
          marketIds = List.copyOf(listed.result());
        }
        if (socket == opened) {
          subscribeAll();
        }
      });
  }

  private void subscribeAll() {
    int books = Math.min(marketIds.size(), options.quota().subscriptionsPerConnection());
    if (books < marketIds.size()) {
      LOG.warn("Lighter stream: {} markets, {} books followed (the subscriptions a connection holds)",
        marketIds.size(), books);
    }
    for (int marketId : marketIds.subList(0, books)) {
      state.subscribingBook(marketId);
      subscribeBook(marketId);
    }
    for (StreamAccount followed : streamAccounts.values()) {
      state.following(followed.accountIndex());
      for (AccountChannel channel : AccountChannel.values()) {
        state.liveness.subscribed(channel.key(followed.accountIndex()));
        // The token is made when the frame goes out: one made at queueing would expire in a long queue (a
        // thousand accounts take minutes to subscribe) and Lighter would refuse the channel.
        retries.subscribe(channel.key(followed.accountIndex()), () -> accountSubscription(followed, channel));
      }
    }
  }

  /** The subscribe frame of the account's channel with a fresh token; null, and a warning, when none can be made. */
  private static JsonObject accountSubscription(StreamAccount followed, AccountChannel channel) {
    String token;
    try {
      token = followed.authToken().get();
    } catch (RuntimeException e) {
      LOG.warn("Lighter stream: no auth token for account {}; its {} channel is not followed",
        followed.accountIndex(), channel.kind());
      return null;
    }
    return new JsonObject().put("type", "subscribe").put("channel", channel.kind() + "/" + followed.accountIndex())
      .put("auth", token);
  }

  /** Forgets everything the lost connection carried. */
  private void lost() {
    connected = false;
    outbox.clear();
    retries.clear();
    dropped.run();
  }

  private void reconnectLater() {
    if (stopping) {
      return;
    }
    long delay = reconnectDelayMs;
    reconnectDelayMs = Math.min(reconnectDelayMs * 2, options.maxReconnectDelay().toMillis());
    vertx.setTimer(delay, retry -> connect());
  }

  private void keepAlive() {
    ClientWebSocket current = socket;
    if (current == null) {
      return;
    }
    if (!fresh()) {
      LOG.warn("Lighter stream: silent for more than {} ms; reconnecting", options.staleAfter().toMillis());
      lost();
      socket = null;
      current.close();
      reconnectLater();
      return;
    }
    outbox.sendNow(new JsonObject().put("type", "ping"));
  }
}
