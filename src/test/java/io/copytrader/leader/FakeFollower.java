package io.copytrader.leader;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.notify.Fanout;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A follower account's queue as the leader side sees it over the event bus: takes submits (recording each body and
 * answering a request id, or {@code QUEUE_FULL} while told to), answers its view with the equity and positions the
 * test sets, and its status with nothing queued. Closed by unregistering its consumers.
 */
final class FakeFollower implements AutoCloseable {

  final long index;
  final List<JsonObject> submitted = new CopyOnWriteArrayList<>();
  /** The fan-out each submit's headers named, in order; empty when a submit named none. */
  final List<Optional<Fanout>> fanouts = new CopyOnWriteArrayList<>();
  final AtomicInteger refuseNext = new AtomicInteger();
  private volatile JsonObject view;
  private final List<MessageConsumer<JsonObject>> consumers = new CopyOnWriteArrayList<>();
  private final MessageConsumer<JsonObject> submits;

  FakeFollower(Vertx vertx, long index, String equity) {
    this.index = index;
    this.view = new JsonObject().put("account_index", index).put("total_asset_value", equity)
      .put("positions", new JsonArray());
    submits = vertx.eventBus().consumer(Addresses.accountSubmit(index), msg -> {
      if (refuseNext.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
        msg.fail(FailureCode.QUEUE_FULL.code(), "full");
        return;
      }
      fanouts.add(Optional.ofNullable(Fanout.fromHeaders(msg.headers())));
      submitted.add(msg.body());
      msg.reply(new JsonObject().put("request_id", "r-" + index + "-" + submitted.size()));
    });
    consumers.add(submits);
    consumers.add(vertx.eventBus().consumer(Addresses.accountView(index), msg -> msg.reply(view)));
    consumers.add(vertx.eventBus().consumer(Addresses.accountStatus(index),
      msg -> msg.reply(new JsonObject().put("queued", 0))));
    Future.all(consumers.stream().map(MessageConsumer::completion).toList()).await();
  }

  /** Takes no more requests here, as an account another node owns: its view still answers. */
  void ownedByAnotherNode() {
    submits.unregister().await();
  }

  /** The view now shows this signed position in the market (valued at {@code price}). */
  void holds(int marketId, String signedSize, String price) {
    BigDecimal size = new BigDecimal(signedSize);
    JsonArray positions = new JsonArray().add(new JsonObject().put("market_id", marketId)
      .put("position", size.abs().toPlainString()).put("sign", size.signum() < 0 ? -1 : 1)
      .put("position_value", size.abs().multiply(new BigDecimal(price)).toPlainString()));
    view = view.copy().put("positions", positions);
  }

  List<String> targets() {
    return submitted.stream().map(body -> body.getString("target_base")).toList();
  }

  JsonObject last() {
    return submitted.get(submitted.size() - 1);
  }

  @Override
  public void close() {
    Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).await();
  }
}
