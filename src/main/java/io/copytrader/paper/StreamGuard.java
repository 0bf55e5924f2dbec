package io.copytrader.paper;

import io.copytrader.paper.limits.LimitRefusal;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The WebSocket's side of Lighter's limits ({@link RateLimitGuard}): a connection beyond the IP's cap is told
 * {@code 23003} in an error frame and closed; a counted client frame (anything but a ping, a pong or a transaction)
 * beyond the minute's or the in-flight cap is answered by an error frame ({@code 30009}, {@code 30010}) instead of
 * being handled. A frame is in flight until it is answered, which the fault {@code stream_ack_delay_ms} delays, as
 * a busy Lighter acknowledges late. Confined to the exchange's context.
 */
final class StreamGuard {

  private final Vertx vertx;
  private final RateLimitGuard limits;
  private final LongSupplier ackDelayMs;

  StreamGuard(Vertx vertx, RateLimitGuard limits, LongSupplier ackDelayMs) {
    this.vertx = vertx;
    this.limits = limits;
    this.ackDelayMs = ackDelayMs;
  }

  /** Whether the new connection may stay open; if not, it has been told why and closed. */
  boolean admit(ServerWebSocket socket) {
    Optional<LimitRefusal> refusal = limits.connect(ip(socket));
    if (refusal.isEmpty()) {
      return true;
    }
    socket.writeTextMessage(error(refusal.get()).encode())
      .onComplete(written -> socket.close((short) 1008, refusal.get().message()));
    return false;
  }

  /** An admitted connection closed, following {@code accounts} (one entry per subscription, -1 for a market's). */
  void closed(ServerWebSocket socket, Iterable<Long> accounts) {
    String ip = ip(socket);
    accounts.forEach(account -> limits.unsubscribed(ip, account));
    limits.closed(ip);
  }

  /**
   * A counted client frame: {@code handle} runs (after the acknowledgement delay, while the connection is still
   * open) when the limits admit it, else {@code reply} gets the refusal.
   */
  void counted(ServerWebSocket socket, Consumer<JsonObject> reply, BooleanSupplier open, Runnable handle) {
    String ip = ip(socket);
    Optional<LimitRefusal> refusal = limits.message(ip);
    if (refusal.isPresent()) {
      reply.accept(error(refusal.get()));
      return;
    }
    Runnable answer = () -> {
      try {
        if (open.getAsBoolean()) {
          handle.run();
        }
      } finally {
        limits.answered(ip);
      }
    };
    long delay = ackDelayMs.getAsLong();
    if (delay > 0) {
      vertx.setTimer(delay, timer -> answer.run());
    } else {
      answer.run();
    }
  }

  /** A subscription on a connection following {@code held} channels, to {@code account}'s (-1 for a market's). */
  Optional<JsonObject> subscribe(ServerWebSocket socket, int held, long account) {
    return limits.subscribe(ip(socket), held, account).map(StreamGuard::error);
  }

  void unsubscribed(ServerWebSocket socket, long account) {
    limits.unsubscribed(ip(socket), account);
  }

  /** A transaction frame: empty when its weight fits, else the refusal. */
  Optional<LimitRefusal> tx(ServerWebSocket socket, boolean batch, JsonObject data) {
    return limits.admitTx(ip(socket), batch, data);
  }

  private static JsonObject error(LimitRefusal refusal) {
    return PaperStreams.error(refusal.code(), refusal.message());
  }

  private static String ip(ServerWebSocket socket) {
    return RateLimitGuard.ip(socket.remoteAddress());
  }
}
