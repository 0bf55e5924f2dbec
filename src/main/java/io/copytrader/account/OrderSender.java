package io.copytrader.account;

import io.copytrader.journal.Journal;
import io.copytrader.journal.NewOrder;
import io.copytrader.journal.OrderPurpose;
import io.copytrader.Side;
import io.copytrader.journal.OrderUpdate;
import io.copytrader.lighter.LighterException;
import io.copytrader.lighter.signer.LighterTx;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.LongFunction;

/**
 * Sends one order transaction the one way every transaction of the service goes: signed with the account's next
 * nonce, journaled before it leaves (so a crash can never forget a transaction that may have reached Lighter),
 * sent, and its outcome recorded on its journal row. What the outcome means for the order is the caller's to
 * decide.
 */
final class OrderSender {

  private final ExchangeSession session;
  private final Journal journal;

  OrderSender(ExchangeSession session, Journal journal) {
    this.session = session;
    this.journal = journal;
  }

  /**
   * What the journal records of an order before it is sent.
   *
   * @param side null for a cancel
   * @param base null for a cancel
   */
  record Draft(OrderPurpose purpose, int marketId, long clientOrderIndex, Side side, BigDecimal base,
               BigDecimal price, BigDecimal trigger) {
  }

  /**
   * The transaction's journal row and what became of its send.
   *
   * @param signed the transaction as it left; null when nothing was signed
   */
  record Sent(int ordinal, SendOutcome outcome, ExchangeSession.Signed signed) {

    /**
     * The transaction, when it may have applied though the exchange did not say it took it (its answer lost, a
     * 5xx): what a copy of it is sent from ({@link LostAnswerCopies}).
     */
    Optional<InDoubtTx> lostAnswer(long clientOrderIndex) {
      if (signed == null || outcome instanceof SendOutcome.Accepted || !mayHaveApplied(outcome)) {
        return Optional.empty();
      }
      String txInfo = signed.tx().txInfo();
      return Optional.of(new InDoubtTx(clientOrderIndex, signed.nonce(), signed.tx().txType(),
        signed.tx().txHashHex(), txInfo, InDoubtTx.expiredAt(txInfo)));
    }
  }

  /**
   * @param ordinals the request's next free journal ordinals
   * @param beforeSend runs once the row is journaled, just before the transaction leaves
   */
  Future<Sent> send(String requestId, IntSupplier ordinals, Draft draft, LongFunction<LighterTx> build,
                    Runnable beforeSend) {
    return send(requestId, ordinals, List.of(draft), build, beforeSend);
  }

  /**
   * Sends one transaction that makes the orders of {@code drafts} (several for a grouped transaction), each
   * journaled as a row before it leaves. The first draft's client order index is the one the transaction is known
   * by (what settles it when its answer is lost), and its purpose says whether it must execute at most once.
   *
   * @return the first draft's row and the outcome, which every row records
   */
  Future<Sent> send(String requestId, IntSupplier ordinals, List<Draft> drafts, LongFunction<LighterTx> build,
                    Runnable beforeSend) {
    SignedOrderRows rows = new SignedOrderRows(journal, requestId, ordinals);
    Draft first = drafts.get(0);
    AtomicReference<ExchangeSession.Signed> left = new AtomicReference<>();
    return session.send(first.clientOrderIndex(), first.purpose().isEntry(), build, signed -> rows.record(
        drafts.stream().<IntFunction<NewOrder>>map(draft -> ordinal -> new NewOrder(requestId, ordinal,
          draft.purpose(), draft.marketId(), draft.clientOrderIndex(), signed.nonce(), session.apiKeyIndex(),
          signed.tx().txType(), signed.tx().txHashHex(), signed.tx().txInfo(), draft.side(), draft.base(),
          draft.price(), draft.trigger())).toList())
        .onSuccess(journaled -> {
          left.set(signed);
          beforeSend.run();
        }))
      .compose(outcome -> rows.update(update(outcome)).map(recorded -> new Sent(rows.ordinal(), outcome,
        left.get())));
  }

  private static OrderUpdate update(SendOutcome outcome) {
    if (outcome instanceof SendOutcome.Accepted accepted) {
      return OrderUpdate.sent(accepted.tx().txHashHex());
    }
    LighterException error = error(outcome);
    // A 5xx or a lost answer may have applied: the row says unknown until evidence says more, never rejected.
    if (outcome instanceof SendOutcome.Unknown || mayHaveApplied(outcome)) {
      return OrderUpdate.unknown(errorCode(error), error.getMessage());
    }
    if (outcome instanceof SendOutcome.NonceConsumed) {
      return OrderUpdate.rejected(errorCode(error),
        "nonce already used by the earlier transaction in doubt for this order; not applied");
    }
    return OrderUpdate.rejected(errorCode(error), error.getMessage());
  }

  /**
   * Whether the exchange took the transaction or may have (its answer lost on the way): then only evidence, the order
   * looked up by its client order index or the change shown, says what became of it. A stop-loss placed again on a
   * lost answer, while the read of the market lagged behind the first, was a second stop-loss on the position.
   */
  static boolean mayHaveApplied(SendOutcome outcome) {
    LighterException error = error(outcome);
    return error == null || error.outcomeUnknown();
  }

  /** Why a send was not accepted; null for an accepted one. */
  static LighterException error(SendOutcome outcome) {
    if (outcome instanceof SendOutcome.Rejected rejected) {
      return rejected.error();
    }
    if (outcome instanceof SendOutcome.NotSent notSent) {
      return notSent.error();
    }
    if (outcome instanceof SendOutcome.NonceConsumed consumed) {
      return consumed.error();
    }
    return outcome instanceof SendOutcome.Unknown unknown ? unknown.error() : null;
  }

  /** The journal's and the API's code for an exchange failure: Lighter's own code when it gave one. */
  static String errorCode(LighterException error) {
    return error.code() != 0 ? "LIGHTER_" + error.code() : error.kind().name();
  }
}
