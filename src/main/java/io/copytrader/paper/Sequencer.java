package io.copytrader.paper;

import static io.copytrader.lighter.LighterErrorCodes.ORDER_NOT_ACTIVE;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copytrader.lighter.signer.CancelAllOrdersTx;
import io.copytrader.lighter.signer.CancelOrderTx;
import io.copytrader.lighter.signer.CreateGroupedOrdersTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.LighterTx;
import io.copytrader.lighter.signer.ModifyOrderTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.lighter.signer.UpdateLeverageTx;
import io.copytrader.market.Ticks;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * The paper exchange's sequencer: as on Lighter (docs/lighter-api.md, "REST": 200 means queued, not executed), a
 * transaction {@link TxIntake} accepts is queued and applied {@code delayMs} after it was queued, in the order
 * accepted, so one account and key's transactions apply in nonce order. A changed delay applies to the transactions
 * already queued as well: raising it holds them, lowering it releases them.
 *
 * <p>Nonces: intake expects the nonce after the last one queued for the key ({@link #expectedNonce}), so a client
 * sending N and N+1 back to back is accepted twice; an account's {@code nonces} (what {@code nextNonce} answers) only
 * move when a transaction is applied.
 *
 * <p>Applying: a transaction whose {@code ExpiredAt} has passed when its turn comes is dropped, its nonce not
 * consumed, and so is every later one of the same key still queued (their nonces can no longer match); a dropped
 * transaction is forgotten ({@code tx?by=hash} answers 21500, as for a hash never sent). Otherwise the nonce is
 * consumed and the transaction executes, even when the state it met refuses it: a taker order beyond the margin ends
 * {@code canceled-margin-not-allowed}, a reduce-only order that no longer reduces {@code canceled-reduce-only}, a
 * cancel or modify whose order is gone executes with the error in its event's {@code ae} (docs/lighter-api.md,
 * "REST", the {@code tx} row).
 *
 * <p>Has no clock or timer of its own: the caller says when it is ({@link #applyDue}), so it is tested without
 * Vert.x. Confined to the exchange's context.
 */
final class Sequencer {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long NIL_MARKET_INDEX = 255;
  /** Applied transactions kept for {@code tx?by=hash}; the oldest are forgotten first. */
  private static final int STORED_TXS_KEPT = 100_000;

  /** One account's API key, whose transactions share a nonce sequence. */
  record KeyRef(long account, int apiKey) {
  }

  /** A transaction waiting for its turn; {@link #outcome()} tells whether it was applied (true) or dropped. */
  static final class Queued {

    final String hash;
    final TxIntake.Decoded decoded;
    final long queuedAt;
    private final Promise<Boolean> outcome = Promise.promise();

    Queued(String hash, TxIntake.Decoded decoded, long queuedAt) {
      this.hash = hash;
      this.decoded = decoded;
      this.queuedAt = queuedAt;
    }

    LighterTx tx() {
      return decoded.tx();
    }

    boolean checksNonce() {
      return tx().attributes().value(TxAttributes.SKIP_TX_NONCE) == 0;
    }

    KeyRef key() {
      return new KeyRef(tx().accountIndex(), tx().apiKeyIndex());
    }

    Future<Boolean> outcome() {
      return outcome.future();
    }
  }

  /**
   * An applied transaction as {@code tx} returns it.
   *
   * @param sequenceIndex its place in the order the sequencer applied transactions, from 1; 0 while queued
   */
  record StoredTx(String hash, int type, String info, String eventInfo, long accountIndex, long nonce,
                  int apiKeyIndex, long expireAt, long queuedAt, long executedAt, long sequenceIndex) {
  }

  /** What applying one transaction did: the tx as stored, and the order it created or touched (null for none). */
  record Applied(StoredTx stored, PaperOrder order) {
  }

  private final PaperEngine engine;
  private final LongSupplier delayMs;
  private final Deque<Queued> queue = new ArrayDeque<>();
  private final Map<String, Queued> queuedByHash = new HashMap<>();
  /** Per key with nonce-checked transactions queued: the nonce after the last of them, and how many there are. */
  private final Map<KeyRef, long[]> pending = new HashMap<>();
  private final Map<String, StoredTx> applied = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, StoredTx> eldest) {
      return size() > STORED_TXS_KEPT;
    }
  };
  /** The hashes of the applied transactions kept, by sequence index. */
  private final Map<Long, String> bySequenceIndex = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
      return size() > STORED_TXS_KEPT;
    }
  };
  private long nextSequenceIndex = 1;

  Sequencer(PaperEngine engine, LongSupplier delayMs) {
    this.engine = engine;
    this.delayMs = delayMs;
  }

  /** The nonce intake expects next for this key: after the last one queued, else the account's own. */
  long expectedNonce(PaperAccountState account, int apiKey) {
    long[] queued = pending.get(new KeyRef(account.index, apiKey));
    return queued != null ? queued[0] : account.nonces.get(apiKey);
  }

  /** Whether a create with this client order index waits in the queue for this account (and market, unless null). */
  boolean createQueued(long account, Integer marketId, long clientOrderIndex) {
    for (Queued queued : queue) {
      List<CreateOrderTx> creates = List.of();
      if (queued.tx() instanceof CreateOrderTx create) {
        creates = List.of(create);
      } else if (queued.tx() instanceof CreateGroupedOrdersTx group) {
        creates = GroupedOrders.orders(group);
      }
      for (CreateOrderTx create : creates) {
        if (create.accountIndex() == account && create.clientOrderIndex() == clientOrderIndex
          && (marketId == null || create.marketIndex() == marketId)) {
          return true;
        }
      }
    }
    return false;
  }

  Queued enqueue(TxIntake.Decoded decoded, String hash, long now) {
    Queued queued = new Queued(hash, decoded, now);
    queue.addLast(queued);
    queuedByHash.put(hash, queued);
    if (queued.checksNonce()) {
      pending.computeIfAbsent(queued.key(), key -> new long[2]);
      long[] entry = pending.get(queued.key());
      entry[0] = queued.tx().nonce() + 1;
      entry[1]++;
    }
    return queued;
  }

  /**
   * When a transaction is due: the delay after it was queued. The delay is read each time, so changing it re-times
   * the transactions already queued too.
   */
  long dueAt(Queued queued) {
    return queued.queuedAt + delayMs.getAsLong();
  }

  /** When the first queued transaction is due, if any is queued. */
  OptionalLong nextDueAt() {
    Queued head = queue.peekFirst();
    return head == null ? OptionalLong.empty() : OptionalLong.of(dueAt(head));
  }

  boolean idle() {
    return queue.isEmpty();
  }

  Optional<Queued> queued(String hash) {
    return Optional.ofNullable(queuedByHash.get(hash));
  }

  Optional<StoredTx> applied(String hash) {
    return Optional.ofNullable(applied.get(hash));
  }

  /** The applied transaction with this sequence index, while it is kept. */
  Optional<StoredTx> appliedAt(long sequenceIndex) {
    return Optional.ofNullable(bySequenceIndex.get(sequenceIndex)).map(applied::get);
  }

  /**
   * Applies, in order, every queued transaction due by {@code now}; a later one never overtakes an earlier one,
   * even when the delay was shortened in between. Answers what was applied.
   */
  List<Applied> applyDue(long now) {
    List<Applied> done = new ArrayList<>();
    while (!queue.isEmpty() && dueAt(queue.peekFirst()) <= now) {
      Queued queued = queue.removeFirst();
      queuedByHash.remove(queued.hash);
      PaperAccountState account = engine.account(queued.tx().accountIndex());
      boolean nonceMatches = !queued.checksNonce()
        || queued.tx().nonce() == account.nonces.get(queued.tx().apiKeyIndex());
      if (queued.tx().expiredAt() <= now || !nonceMatches) {
        drop(queued);
        continue;
      }
      release(queued);
      if (queued.checksNonce()) {
        account.nonces.merge(queued.tx().apiKeyIndex(), 1L, Long::sum);
      }
      done.add(engine.trades().applying(queued.hash, () -> apply(account, queued, now)));
      queued.outcome.complete(true);
    }
    return done;
  }

  /** Drops a transaction and every later nonce-checked one of its key: none of them can apply any more. */
  private void drop(Queued queued) {
    release(queued);
    queued.outcome.complete(false);
    if (!queued.checksNonce()) {
      return;
    }
    for (Iterator<Queued> later = queue.iterator(); later.hasNext(); ) {
      Queued next = later.next();
      if (next.checksNonce() && next.key().equals(queued.key())) {
        later.remove();
        queuedByHash.remove(next.hash);
        release(next);
        next.outcome.complete(false);
      }
    }
  }

  private void release(Queued queued) {
    if (!queued.checksNonce()) {
      return;
    }
    long[] entry = pending.get(queued.key());
    if (entry != null && --entry[1] == 0) {
      pending.remove(queued.key());
    }
  }

  private Applied apply(PaperAccountState account, Queued queued, long now) {
    LighterTx tx = queued.tx();
    PaperOrder order = null;
    String error = "";
    if (tx instanceof CreateOrderTx create) {
      String status = OrderRules.canceledStatus(OrderRules.refusal(engine, account, create, true));
      order = status == null ? engine.create(account, create, now)
        : engine.createCanceled(account, create, status, now);
    } else if (tx instanceof CreateGroupedOrdersTx group) {
      int refused = engine.grouped().assumptions.refusal().code(account.index, group.orders().get(0).marketIndex(),
        true);
      if (refused != 0) {
        error = TxIntake.message(refused);
      } else {
        order = engine.grouped().apply(account, group, now);
      }
    } else if (tx instanceof CancelOrderTx cancel) {
      order = engine.liveOrder(account, cancel.marketIndex(), cancel.index()).orElse(null);
      if (order == null) {
        error = TxIntake.message(ORDER_NOT_ACTIVE);
      } else {
        engine.cancel(account, order, "canceled", now);
      }
    } else if (tx instanceof ModifyOrderTx modify) {
      order = engine.liveOrder(account, modify.marketIndex(), modify.index()).orElse(null);
      int refusal = order == null ? ORDER_NOT_ACTIVE : engine.modifyRefusal(order, modify);
      if (refusal != 0) {
        error = TxIntake.message(refusal);
      } else {
        engine.modify(account, order, modify, now);
      }
    } else if (tx instanceof UpdateLeverageTx leverage) {
      int refusal = LeverageUpdates.refusal(engine, account, leverage);
      if (refusal != 0) {
        error = TxIntake.message(refusal);
      } else {
        LeverageUpdates.apply(engine, account, leverage);
      }
    } else {
      CancelAllOrdersTx cancelAll = (CancelAllOrdersTx) tx;
      switch (cancelAll.timeInForce()) {
        case CancelAllOrdersTx.TIF_IMMEDIATE -> {
          long market = cancelAll.attributes().value(TxAttributes.CANCEL_ALL_MARKET_INDEX);
          engine.cancelAll(account, market == NIL_MARKET_INDEX ? null : (int) market, now);
        }
        case CancelAllOrdersTx.TIF_SCHEDULED -> account.cancelAllTime = cancelAll.time();
        default -> account.cancelAllTime = 0;
      }
    }
    StoredTx stored = new StoredTx(queued.hash, queued.decoded.txType(), queued.decoded.txInfo(),
      eventInfo(order, error), tx.accountIndex(), tx.nonce(), tx.apiKeyIndex(), tx.expiredAt(), queued.queuedAt, now,
      nextSequenceIndex++);
    applied.put(queued.hash, stored);
    bySequenceIndex.put(stored.sequenceIndex(), stored.hash());
    return new Applied(stored, order);
  }

  /**
   * The order as the tx's event shows it (DOCS-data-structures keys: i order index, u client order index, a owner,
   * is initial size, rs remaining size, p price, tp trigger price, ia is-ask, ro reduce-only, st status), sizes and
   * prices in integer ticks, and "ae" the error (empty: the tx executed without one).
   */
  private String eventInfo(PaperOrder order, String error) {
    ObjectNode event = JSON.createObjectNode();
    if (order != null) {
      PaperEngine.MarketState market = engine.market(order.marketId).orElse(null);
      event.put("i", order.orderIndex)
        .put("u", order.clientOrderIndex)
        .put("a", order.owner)
        .put("m", order.marketId)
        .put("is", ticks(order.initialBase, market.spec.sizeDecimals()))
        .put("rs", ticks(order.remainingBase, market.spec.sizeDecimals()))
        .put("fs", ticks(order.filledBase, market.spec.sizeDecimals()))
        .put("p", ticks(order.price, market.spec.priceDecimals()))
        .put("tp", ticks(order.triggerPrice, market.spec.priceDecimals()))
        .put("ia", order.isAsk ? 1 : 0)
        .put("ot", order.type)
        .put("f", order.timeInForce)
        .put("ro", order.reduceOnly ? 1 : 0)
        .put("e", order.orderExpiry)
        .put("st", order.status);
    }
    return event.put("ae", error).toString();
  }

  private static long ticks(BigDecimal value, int decimals) {
    return Ticks.toTicks(value, decimals, RoundingMode.HALF_EVEN);
  }
}
