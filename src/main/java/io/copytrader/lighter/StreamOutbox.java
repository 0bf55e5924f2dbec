package io.copytrader.lighter;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * The client messages {@link StreamConnection} sends, kept within Lighter's limits of 200 client messages a minute
 * and 50 in flight per IP: subscription changes are queued and go out one each {@link StreamQuota#spacing()} and
 * within the IP's {@link StreamMessageWindow}, which every connection of the stream shares (180 a minute;
 * {@code LighterStreamFramesTest} sends 200 subscriptions and sees 180 arrive in the first minute); pings and
 * pongs, which Lighter does not count, go out at once. A queued frame is built only when it goes out, so what it
 * carries (a private channel's auth token) is fresh however long the queue was ({@code StreamTokenAtSendTest}).
 * Used on the stream's context only.
 */
final class StreamOutbox {

  private final Vertx vertx;
  private final Supplier<ClientWebSocket> socket;
  private final StreamMessageWindow window;
  private final long spacingMs;
  private final ArrayDeque<Supplier<JsonObject>> queued = new ArrayDeque<>();
  private long timer = -1;

  /** @param socket the connection's current socket; null while there is none */
  StreamOutbox(Vertx vertx, Supplier<ClientWebSocket> socket, StreamMessageWindow window, Duration spacing) {
    this.vertx = vertx;
    this.socket = socket;
    this.window = window;
    spacingMs = spacing.toMillis();
  }

  /** Sends at once (pings and pongs), outside the message budget. */
  void sendNow(JsonObject frame) {
    ClientWebSocket current = socket.get();
    if (current != null && !current.isClosed()) {
      current.writeTextMessage(frame.encode());
    }
  }

  /** Queues a subscription change, sent paced and within the per-minute budget. */
  void enqueue(JsonObject frame) {
    enqueue(() -> frame);
  }

  /**
   * Queues a subscription change built when its turn comes; {@code frame} may answer null, and then nothing is sent
   * and the turn passes to the next.
   */
  void enqueue(Supplier<JsonObject> frame) {
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
    while (!queued.isEmpty()) {
      ClientWebSocket current = socket.get();
      if (current == null || current.isClosed()) {
        return;
      }
      long now = System.currentTimeMillis();
      long wait = window.waitMillis(now);
      if (wait > 0) {
        timer = vertx.setTimer(wait, next -> drain());
        return;
      }
      JsonObject frame = queued.pollFirst().get();
      if (frame != null) {
        current.writeTextMessage(frame.encode());
        window.sent(now);
        if (!queued.isEmpty()) {
          timer = vertx.setTimer(spacingMs, next -> drain());
        }
        return;
      }
    }
  }
}
