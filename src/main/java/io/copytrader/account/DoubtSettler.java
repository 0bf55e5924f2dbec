package io.copytrader.account;

import io.copytrader.lighter.EnrichedTx;
import io.copytrader.lighter.ExchangeClock;
import io.copytrader.lighter.Order;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;

/**
 * Settles a transaction in doubt by evidence from the exchange, never by a missing lookup alone (Lighter applies
 * transactions asynchronously and its lookups may lag). Evidence, in the order it is looked for:
 * <ul>
 *   <li>the order found by its client order index: it landed;</li>
 *   <li>the transaction found by hash: failed means it can never execute; pending or executed means it landed
 *   and the order is waited for;</li>
 *   <li>the key's {@code nextNonce} past the transaction's nonce: the transaction landed, so the order is waited
 *   for and nothing is sent;</li>
 *   <li>the transaction's own {@code ExpiredAt} passed on the exchange's clock, which judges it, with the nonce
 *   still unused when read after that: it can never execute. The exchange's time is read from its status right
 *   before the nonce; where the status's time is not taken for the exchange's clock ({@link ExchangeClock}), this
 *   host's clock past {@code ExpiredAt} by {@link ExchangeClock#expiryMargin} stands for it.</li>
 * </ul>
 * While none of these is seen and the transaction may still be applied, its very bytes are sent again, which
 * cannot execute it twice (one nonce is applied once) but gets it there if it was lost on the way. Without
 * evidence by the deadline the outcome stays unknown, and nothing may be sent for the order.
 */
final class DoubtSettler {

  /** How long after the expiry evidence may still arrive from lagging lookups. */
  static final Duration LOOKUP_GRACE = Duration.ofSeconds(30);
  private static final long FIRST_ROUND_MS = 50;
  private static final long MAX_ROUND_MS = 2_000;
  private static final long REBROADCAST_EVERY_MS = 1_000;

  private final Vertx vertx;
  private final ExchangeSession session;
  private final OrderWatcher watcher;

  DoubtSettler(Vertx vertx, ExchangeSession session, OrderWatcher watcher) {
    this.vertx = vertx;
    this.session = session;
    this.watcher = watcher;
  }

  /** When, by this host's clock, the exchange's clock has surely passed the transaction's {@code ExpiredAt}. */
  private long expiredSurely(InDoubtTx tx) {
    return tx.expiredAtMillis() + session.exchangeClock().expiryMargin().toMillis();
  }

  /** The latest time evidence is waited for: the transaction surely expired, and the lookup grace. */
  private long deadline(InDoubtTx tx) {
    return expiredSurely(tx) + LOOKUP_GRACE.toMillis();
  }

  Future<Settlement> settle(InDoubtTx tx) {
    return new Round(tx).run(FIRST_ROUND_MS);
  }

  /** One settlement's state across its rounds of lookups. */
  private final class Round {

    private final InDoubtTx tx;
    /** Some evidence says the transaction reached the exchange: only its order is waited for now. */
    private boolean reached;
    private long lastRebroadcast;

    Round(InDoubtTx tx) {
      this.tx = tx;
    }

    Future<Settlement> run(long delay) {
      return order().compose(order -> {
        if (order.isPresent()) {
          session.settled(tx, true);
          return Future.succeededFuture(new Settlement.Landed(order.get()));
        }
        return transaction().compose(found -> {
          Optional<String> refusal = found.flatMap(EnrichedTx::refusal);
          if (refusal.isPresent()) {
            session.settled(tx, true);
            return Future.succeededFuture(new Settlement.NeverApplied("transaction " + tx.txHash()
              + " failed on the exchange: " + refusal.get(), true));
          }
          reached |= found.isPresent();
          return reached ? next(delay) : nonceEvidence(delay);
        });
      });
    }

    private Future<Settlement> nonceEvidence(long delay) {
      return expiredOnTheExchange().compose(expired -> nextNonce().compose(next -> {
        if (next.isPresent() && next.get() > tx.nonce()) {
          reached = true;
          return next(delay);
        }
        long now = System.currentTimeMillis();
        if (next.isPresent() && expired) {
          session.settled(tx, false);
          return Future.succeededFuture(new Settlement.NeverApplied("transaction " + tx.txHash()
            + " expired with nonce " + tx.nonce() + " unused", false));
        }
        if (now < tx.expiredAtMillis() && now - lastRebroadcast >= REBROADCAST_EVERY_MS) {
          lastRebroadcast = now;
          return session.rebroadcast(tx).compose(copy -> {
            reached |= copy != ExchangeSession.Rebroadcast.NO_EVIDENCE;
            return next(FIRST_ROUND_MS);
          });
        }
        return next(delay);
      }));
    }

    /**
     * Whether the exchange's clock has passed the transaction's {@code ExpiredAt}: its status read now says so (the
     * second it reports begins after it), or, where the status's time is not taken for its clock, this host's clock
     * is past it by the expiry margin. False before this host's clock is past it, and when the status is not read.
     */
    private Future<Boolean> expiredOnTheExchange() {
      long sentAt = System.currentTimeMillis();
      if (sentAt <= tx.expiredAtMillis()) {
        return Future.succeededFuture(false);
      }
      return session.lighter().status()
        .map(status -> session.exchangeClock().observe(status.timestamp(), sentAt, System.currentTimeMillis())
          ? ExchangeClock.earliest(status.timestamp()) > tx.expiredAtMillis()
          : System.currentTimeMillis() > expiredSurely(tx))
        .otherwise(false);
    }

    private Future<Settlement> next(long delay) {
      long remaining = deadline(tx) - System.currentTimeMillis();
      if (remaining <= 0) {
        return Future.succeededFuture(new Settlement.Unresolved("no evidence of transaction " + tx.txHash()
          + " (nonce " + tx.nonce() + ", client order index " + tx.clientOrderIndex() + ") by "
          + Duration.ofMillis(deadline(tx) - tx.expiredAtMillis()).toSeconds() + " s after its expiry"
          + (reached ? "; it reached the exchange but its order does not show" : "")));
      }
      return Pause.of(vertx, Math.max(1, Math.min(delay, remaining)))
        .compose(waited -> run(Math.min(delay * 2, MAX_ROUND_MS)));
    }

    private Future<Optional<Order>> order() {
      return watcher.find(tx.clientOrderIndex()).recover(failure -> Future.succeededFuture(Optional.empty()));
    }

    private Future<Optional<EnrichedTx>> transaction() {
      return session.lighter().tx(tx.txHash())
        .map(Optional::of)
        .recover(failure -> Future.succeededFuture(Optional.empty()));
    }

    private Future<Optional<Long>> nextNonce() {
      return session.lighter().nextNonce(session.accountIndex(), session.apiKeyIndex())
        .map(Optional::of)
        .recover(failure -> Future.succeededFuture(Optional.empty()));
    }
  }
}
