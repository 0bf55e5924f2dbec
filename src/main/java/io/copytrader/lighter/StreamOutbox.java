package io.copytrader.lighter;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * The client messages {@link StreamConnection} sends, kept within Lighter's limits of 200 client messages a minute
 * and 50 in flight per IP: subscription changes are queued and go out one per {@value #SPACING_MS} ms and at most
 * {@value #MESSAGES_PER_WINDOW} a minute, leaving room for pings and pongs, which go out at once
 * ({@code LighterStreamFramesTest} sends 200 subscriptions and sees 180 arrive in the first minute). Used on the
 * stream's context only.
 */
final class StreamOutbox {

  private static final int MESSAGES_PER_WINDOW = 180;
  private static final long WINDOW_MS = 60_000;
  private static final long SPACING_MS = 20;

  private final Vertx vertx;
  private final Supplier<ClientWebSocket> socket;
  private final ArrayDeque<JsonObject> queued = new ArrayDeque<>();
  private final ArrayDeque<Long> sentAtMillis = new ArrayDeque<>();
  private long timer = -1;

  /** @param socket the connection's current socket; null while there is none */
  StreamOutbox(Vertx vertx, Supplier<ClientWebSocket> socket) {
    this.vertx = vertx;
    this.socket = socket;
  }

  /** Sends at once (pings and pongs); counted against the per-minute message budget all the same. */
  void sendNow(JsonObject frame) {
    ClientWebSocket current = socket.get();
    if (current != null && !current.isClosed()) {
      current.writeTextMessage(frame.encode());
      long now = System.currentTimeMillis();
      sentAtMillis.addLast(now);
      forgetSentBefore(now - WINDOW_MS);
    }
  }

  /** Queues a subscription change, sent paced and within the per-minute budget. */
  void enqueue(JsonObject frame) {
    queued.addLast(frame);
    if (timer < 0) {
      drain();
    }
  }

  /** The connection is gone: what it was to carry is dropped, since a new one subscribes afresh. */
  void clear() {
    queued.clear();
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void drain() {
    timer = -1;
    if (queued.isEmpty() || socket.get() == null) {
      return;
    }
    long now = System.currentTimeMillis();
    forgetSentBefore(now - WINDOW_MS);
    long wait = sentAtMillis.size() < MESSAGES_PER_WINDOW ? 0 : sentAtMillis.peekFirst() + WINDOW_MS - now;
    if (wait <= 0) {
      sendNow(queued.pollFirst());
      wait = SPACING_MS;
    }
    if (!queued.isEmpty()) {
      timer = vertx.setTimer(wait, next -> drain());
    }
  }

  private void forgetSentBefore(long cutoff) {
    while (!sentAtMillis.isEmpty() && sentAtMillis.peekFirst() <= cutoff) {
      sentAtMillis.pollFirst();
    }
  }
}
