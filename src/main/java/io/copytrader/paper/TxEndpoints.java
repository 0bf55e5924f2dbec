package io.copytrader.paper;

import static io.copytrader.lighter.LighterErrorCodes.BATCH_LENGTHS_DIFFER;
import static io.copytrader.lighter.LighterErrorCodes.BATCH_TOO_LONG;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_NONCE;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_PARAM;
import static io.copytrader.lighter.LighterErrorCodes.TX_NOT_FOUND;
import static io.copytrader.paper.PaperExchange.invalidParam;
import static io.copytrader.paper.PaperExchange.send;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * {@code sendTx}, {@code sendTxBatch} and {@code tx?by=hash}, and the timer that drives the {@link Sequencer}.
 *
 * <p>An accepted transaction is answered 200 at once and applied by the sequencer later. {@code tx?by=hash} answers a
 * queued transaction with {@code status} 1 (pending, {@code executed_at} 0, no event yet) and an applied one with 2
 * (executed, the order's event in {@code event_info}); a hash never accepted, or accepted and then dropped because
 * its {@code ExpiredAt} passed in the queue, is 21500 "transaction not found" (docs/lighter-api.md, "REST"). With a
 * lookup lag a transaction shows as it was that long ago. Confined to the exchange's context.
 */
final class TxEndpoints {

  private static final int MAX_BATCH = 50;

  private final Vertx vertx;
  private final Context context;
  private final PaperEngine engine;
  private final TxIntake intake;
  private final Sequencer sequencer;
  private final FaultInjector faults;
  private final Lookups lookups;
  /** Told the account a transaction changed, after it is applied. */
  private final LongConsumer applied;
  private final List<Promise<Void>> idleWaiters = new ArrayList<>();
  private boolean wakeScheduled;
  /** The timer that runs the sequencer when its first transaction is due, -1 when none is set. */
  private long timerId = -1;

  TxEndpoints(Vertx vertx, Context context, PaperEngine engine, TxIntake intake, Sequencer sequencer,
              FaultInjector faults, Lookups lookups, LongConsumer applied) {
    this.vertx = vertx;
    this.context = context;
    this.engine = engine;
    this.intake = intake;
    this.sequencer = sequencer;
    this.faults = faults;
    this.lookups = lookups;
    this.applied = applied;
  }

  /** {@code tx?by=hash&value=<hash>} or {@code tx?by=sequence_index&value=<n>} (an applied transaction only). */
  void tx(RoutingContext ctx) {
    String by = ctx.queryParams().get("by");
    String value = ctx.queryParams().get("value");
    boolean byHash = "hash".equals(by) && value != null;
    boolean bySequence = "sequence_index".equals(by) && value != null && value.matches("\\d{1,18}");
    if (!byHash && !bySequence) {
      invalidParam(ctx);
      return;
    }
    long now = faults.now();
    Optional<Sequencer.StoredTx> known = byHash
      ? sequencer.applied(value).or(() -> sequencer.queued(value).map(TxEndpoints::asQueued))
      : sequencer.appliedAt(Long.parseLong(value)).filter(tx -> lookups.visible(tx.executedAt(), now));
    if (known.isEmpty() || !lookups.visible(known.get().queuedAt(), now)) {
      send(ctx, 400, PaperJson.error(TX_NOT_FOUND, "transaction not found"));
      return;
    }
    Sequencer.StoredTx tx = known.get();
    boolean executed = tx.executedAt() > 0 && lookups.visible(tx.executedAt(), now);
    String l1Address = engine.account(tx.accountIndex()).l1Address;
    send(ctx, 200, PaperJson.tx(executed ? tx : asQueued(tx), l1Address, executed ? 2 : 1));
  }

  private static Sequencer.StoredTx asQueued(Sequencer.Queued queued) {
    return new Sequencer.StoredTx(queued.hash, queued.decoded.txType(), queued.decoded.txInfo(), "",
      queued.tx().accountIndex(), queued.tx().nonce(), queued.tx().apiKeyIndex(), queued.tx().expiredAt(),
      queued.queuedAt, 0, 0);
  }

  /** An applied tx as it showed while still queued (under a lookup lag): no event, not executed. */
  private static Sequencer.StoredTx asQueued(Sequencer.StoredTx applied) {
    return new Sequencer.StoredTx(applied.hash(), applied.type(), applied.info(), "", applied.accountIndex(),
      applied.nonce(), applied.apiKeyIndex(), applied.expireAt(), applied.queuedAt(), 0, 0);
  }

  /**
   * What one send gave: Lighter's answer and its status (200 accepted, 400 refused), and the txs it queued (a
   * refused batch may have queued those before the refused one).
   */
  record Sent(int status, JsonObject body, List<Sequencer.Queued> queued) {

    static Sent refused(int code, String message) {
      return new Sent(400, PaperJson.error(code, message), List.of());
    }

    boolean accepted() {
      return status == 200;
    }
  }

  void sendTx(RoutingContext ctx) {
    reply(ctx, sendTx(ctx.request().getFormAttribute("tx_type"), ctx.request().getFormAttribute("tx_info")));
  }

  void sendTxBatch(RoutingContext ctx) {
    reply(ctx, sendTxBatch(ctx.request().getFormAttribute("tx_types"), ctx.request().getFormAttribute("tx_infos")));
  }

  /** One signed tx, as sendTx takes it, whichever way it came (REST form or WebSocket frame). */
  Sent sendTx(String type, String info) {
    if (type == null || info == null || !type.matches("\\d{1,3}")) {
      return Sent.refused(INVALID_PARAM, type == null ? "field tx_type is not set" : "invalid param");
    }
    if (faults.takeInvalidNonce()) {
      return Sent.refused(INVALID_NONCE, "invalid nonce");
    }
    TxIntake.Outcome outcome = intake.submit(Integer.parseInt(type), info, faults.now());
    if (outcome instanceof TxIntake.Rejected rejected) {
      return Sent.refused(rejected.code(), rejected.message());
    }
    TxIntake.Accepted accepted = (TxIntake.Accepted) outcome;
    wake();
    return new Sent(200, accepted(accepted.queued(), accepted.txHash()), List.of(accepted.queued()));
  }

  /**
   * A batch ({@code tx_types} and {@code tx_infos}, JSON arrays encoded as strings). Checks the whole batch (lengths,
   * size, one account and key, increasing nonces) before queueing any of it, then submits the txs in order; a tx the
   * API refuses stops the batch there, the ones before it staying queued, and the refusal is the answer.
   */
  Sent sendTxBatch(String typesJson, String infosJson) {
    List<Integer> types = new ArrayList<>();
    List<String> infos = new ArrayList<>();
    try {
      JsonArray typeArray = new JsonArray(typesJson);
      JsonArray infoArray = new JsonArray(infosJson);
      // tx_types must be integers and tx_infos strings: anything else would fail the batch halfway, as a 500.
      if (!typeArray.stream().allMatch(Integer.class::isInstance)
        || !infoArray.stream().allMatch(String.class::isInstance)) {
        return Sent.refused(INVALID_PARAM, "invalid param");
      }
      typeArray.forEach(type -> types.add((Integer) type));
      infoArray.forEach(info -> infos.add((String) info));
    } catch (RuntimeException e) {
      return Sent.refused(INVALID_PARAM, "invalid param");
    }
    if (types.size() != infos.size()) {
      return Sent.refused(BATCH_LENGTHS_DIFFER, "TxInfos and TxTypes should have the same length");
    }
    if (types.size() > MAX_BATCH) {
      return Sent.refused(BATCH_TOO_LONG, "maximum 50 transactions allowed per batch");
    }
    if (types.isEmpty()) {
      return Sent.refused(INVALID_PARAM, "invalid param");
    }
    if (faults.takeInvalidNonce()) {
      return Sent.refused(INVALID_NONCE, "invalid nonce");
    }
    TxIntake.BatchDecoding decoded = TxIntake.decodeBatch(types, infos);
    if (decoded instanceof TxIntake.Rejected rejected) {
      return Sent.refused(rejected.code(), rejected.message());
    }
    JsonArray hashes = new JsonArray();
    List<Sequencer.Queued> queued = new ArrayList<>();
    for (TxIntake.Decoded tx : ((TxIntake.Batch) decoded).txs()) {
      TxIntake.Outcome outcome = intake.submit(tx, faults.now());
      if (outcome instanceof TxIntake.Rejected rejected) {
        wake();
        return new Sent(400, PaperJson.error(rejected.code(), rejected.message()), queued);
      }
      TxIntake.Accepted accepted = (TxIntake.Accepted) outcome;
      hashes.add(accepted.txHash());
      queued.add(accepted.queued());
    }
    wake();
    return new Sent(200, accepted(queued.get(0), null).put("tx_hash", hashes), queued);
  }

  private void reply(RoutingContext ctx, Sent sent) {
    if (!sent.accepted()) {
      send(ctx, sent.status(), sent.body());
      return;
    }
    answer(sent.queued(), () -> send(ctx, 200, sent.body()), () -> ctx.request().connection().close());
  }

  /**
   * Answers an accepted send, unless a fault loses the answer: {@code drop_response_count} closes the connection at
   * once (the txs still apply later), {@code drop_after_apply_count} once the sequencer has applied (or dropped)
   * them, so a client that reconciles after the failure finds them applied.
   */
  void answer(List<Sequencer.Queued> queued, Runnable reply, Runnable closeConnection) {
    if (faults.takeDropResponse()) {
      closeConnection.run();
    } else if (faults.takeDropAfterApply()) {
      Future.join(queued.stream().map(Sequencer.Queued::outcome).toList())
        .onComplete(done -> closeConnection.run());
    } else {
      reply.run();
    }
  }

  private JsonObject accepted(Sequencer.Queued queued, String hash) {
    // Paper accounts are standard accounts: they use no volume quota (the message says so, as Lighter's does) and
    // have none left (docs/lighter-api.md, "Accounts and limits").
    return PaperJson.ok().put("message", "{\"ratelimit\": \"didn't use volume quota\"}").put("tx_hash", hash)
      .put("predicted_execution_time_ms", sequencer.dueAt(queued)).put("volume_quota_remaining", 0);
  }

  /** Completes once nothing is queued: every accepted transaction applied or dropped. */
  Future<Void> idle() {
    Promise<Void> idle = Promise.promise();
    context.runOnContext(now -> {
      if (sequencer.idle()) {
        idle.complete();
      } else {
        idleWaiters.add(idle);
      }
    });
    return idle.future();
  }

  /** Re-times the sequencer's run after its delay changed: the queued transactions are due at another time. */
  void delayChanged() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
      wakeScheduled = false;
    }
    wake();
  }

  /** Makes sure the sequencer runs when its first queued transaction is due. */
  private void wake() {
    OptionalLong due = sequencer.nextDueAt();
    if (wakeScheduled || due.isEmpty()) {
      return;
    }
    wakeScheduled = true;
    long inMs = due.getAsLong() - faults.now();
    if (inMs <= 0) {
      context.runOnContext(now -> run());
    } else {
      timerId = vertx.setTimer(inMs, timer -> run());
    }
  }

  private void run() {
    wakeScheduled = false;
    timerId = -1;
    long now = faults.now();
    // Orders that expired meanwhile go first, so that nothing applied now meets them.
    if (engine.sweep(now)) {
      engine.accounts().forEach(account -> applied.accept(account.index));
    }
    for (Sequencer.Applied done : sequencer.applyDue(now)) {
      applied.accept(done.stored().accountIndex());
    }
    if (sequencer.idle()) {
      idleWaiters.forEach(Promise::complete);
      idleWaiters.clear();
    }
    wake();
  }
}
