package io.copytrader.lighter;

import io.copytrader.lighter.LighterStream.StreamAccount;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Supplier;

/**
 * One of {@link LighterStream}'s connections with the state its channels build and the waits on that state: a
 * dropped connection clears only what it carried. Started and used on the stream's context.
 */
final class StreamShard {

  final StreamState state = new StreamState();
  final StreamConnection connection;
  private StreamWaiters waiters;

  StreamShard(LighterStreamOptions options, Supplier<Future<List<Integer>>> markets, List<StreamAccount> followed,
              StreamMessageWindow window) {
    connection = new StreamConnection(options, markets, followed, state, window);
  }

  void start(Vertx vertx, Context context) {
    waiters = new StreamWaiters(vertx, context, state);
    StreamFrames frames = new StreamFrames(state, connection, waiters);
    connection.start(vertx, frames::receive, () -> {
      state.clear();
      waiters.abandonAll();
    });
  }

  StreamWaiters waiters() {
    return waiters;
  }
}
