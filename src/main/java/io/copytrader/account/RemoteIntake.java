package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.journal.IdempotencyHit;
import io.copytrader.journal.InsertOutcome;
import io.copytrader.journal.Journal;
import io.copytrader.journal.NewRequest;
import io.copytrader.journal.RequestRecord;
import io.copytrader.lighter.TradingApi;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's intake for the configured accounts it does not own (docs/ARCHITECTURE.md "Several nodes"): answers
 * {@link Addresses#REMOTE_INTAKE} as the owner answers {@link Addresses#accountSubmit}, with the same checks
 * ({@link Admission}: the request's fields, its idempotency key, the account's queue against
 * {@code MAX_QUEUE_PER_ACCOUNT}, an adjustment's open position on the exchange) and the same answers, but journals
 * the request unclaimed for the owner to claim and run ({@link Journal#insertUnclaimed}). The queue it counts is the
 * journal's: the account's queued requests, whichever node journaled them.
 */
public final class RemoteIntake extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RemoteIntake.class);

  private final Journal journal;
  private final Set<Long> accounts;
  private final int capacity;
  private final TradingApi lighter;
  private MessageConsumer<JsonObject> consumer;

  /** @param lighter what an adjustment's position is read from (REST at periodic priority, as an owner reads it) */
  public RemoteIntake(Journal journal, Collection<Long> accounts, int capacity, TradingApi lighter) {
    this.journal = journal;
    this.accounts = Set.copyOf(accounts);
    this.capacity = capacity;
    this.lighter = lighter;
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().localConsumer(Addresses.REMOTE_INTAKE, this::submit);
    return consumer.completion();
  }

  private void submit(Message<JsonObject> msg) {
    TradeRequest request;
    try {
      request = TradeRequest.fromJson(msg.body());
    } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
      msg.fail(FailureCode.INVALID_REQUEST.code(), e.getMessage() == null ? "not a trade request" : e.getMessage());
      return;
    }
    if (!accounts.contains(request.accountIndex())) {
      msg.fail(FailureCode.UNKNOWN_ACCOUNT.code(), "account " + request.accountIndex() + " is not configured");
      return;
    }
    NewRequest entry = Admission.entry(request, request.accountIndex());
    // As on the owner's path, a repeat is answered before the adjustment's position check could refuse it; other
    // repeats are found by the insert itself.
    Future<Optional<IdempotencyHit>> earlier = request.clientRequestId() == null || !request.action().isAdjust()
      ? Future.succeededFuture(Optional.empty())
      : journal.findByIdempotencyKey(request.accountIndex(), request.clientRequestId());
    earlier.compose(hit -> {
      if (hit.isPresent()) {
        Admission.answerRepeat(msg, request, hit.get().requestId(), hit.get().state(),
          hit.get().fingerprint().equals(entry.fingerprint()));
        return Future.succeededFuture();
      }
      return Admission.positionCheck(lighter, request.accountIndex(), request)
        .compose(checked -> journal.insertUnclaimed(entry, capacity))
        .onSuccess(outcome -> answer(msg, request, outcome));
    }).onFailure(failure -> Admission.fail(msg, failure));
  }

  private void answer(Message<JsonObject> msg, TradeRequest request, Optional<InsertOutcome> outcome) {
    if (outcome.isEmpty()) {
      msg.fail(FailureCode.QUEUE_FULL.code(), "account " + request.accountIndex() + " has " + capacity
        + " requests waiting; retry later");
      return;
    }
    RequestRecord record = outcome.get().request();
    if (outcome.get() instanceof InsertOutcome.Duplicate duplicate) {
      Admission.answerRepeat(msg, request, record.requestId(), record.state(), duplicate.sameBody());
      return;
    }
    msg.reply(new JsonObject().put("request_id", record.requestId()));
    RequestEvents.publish(vertx.eventBus(), record.requestId(), record.accountIndex(), record.state());
    LOG.info("Account {}: journaled {} {} as request {} for the node that owns the account", request.accountIndex(),
      request.action().wireName(), request.symbol(), record.requestId());
  }
}
