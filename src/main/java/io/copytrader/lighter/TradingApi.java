package io.copytrader.lighter;

import io.copytrader.lighter.budget.CallPriority;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The part of Lighter's REST API an account trades through: its reads, the lookups that settle a transaction's
 * fate, and {@code sendTx}. {@link LighterClient} speaks it over HTTP; the account's logic depends on nothing more,
 * so it can be exercised against an exchange held in memory.
 */
public interface TradingApi {

  /** {@code account}: balances and positions. */
  Future<DetailedAccount> account(long accountIndex);

  /**
   * {@code accountActiveOrders}: live orders of one market, or of all markets when {@code marketId} is null. The auth
   * token is asked of {@code authToken} when the request leaves: one made when the call was asked could expire while
   * it waits for room in the rate budget (minutes, when a start reads a thousand accounts).
   */
  Future<OrderPage> accountActiveOrders(long accountIndex, Integer marketId, Supplier<String> authToken);

  /** {@code accountOrders}: live and recently finished orders with these client order indexes; the token as above. */
  Future<OrderPage> accountOrders(long accountIndex, List<Long> clientOrderIndexes, Supplier<String> authToken);

  /** {@code orderBookOrders}: the best {@code limit} orders of each side. */
  Future<OrderBookOrders> orderBookOrders(long marketId, int limit);

  /** {@code nextNonce}: the nonce the next transaction of (account, API key) must carry. */
  Future<Long> nextNonce(long accountIndex, int apiKeyIndex);

  /** {@code tx?by=hash}; an unknown hash fails with {@link LighterErrorCodes#TX_NOT_FOUND}. */
  Future<EnrichedTx> tx(String hash);

  /** {@code sendTx}: 200 means queued, not executed. */
  Future<SendTxResult> sendTx(int txType, String txInfo);

  /** {@code GET /}: the exchange's status, with its time ({@link ExchangeClock}). */
  Future<ExchangeStatus> status();

  /**
   * {@code sendTx} only if {@code gate} is true when the transaction is about to leave; else it fails as
   * {@link LighterException.Kind#WITHHELD} without sending. An exchange reached without waits asks it at once.
   */
  default Future<SendTxResult> sendTx(int txType, String txInfo, BooleanSupplier gate) {
    return gate.getAsBoolean() ? sendTx(txType, txInfo) : Future.failedFuture(LighterException.withheld("sendTx"));
  }

  /**
   * This API, its calls going by {@code priority} where Lighter's rate limits are budgeted ({@link LighterClient});
   * an exchange without limits has nothing to order and answers itself.
   */
  default TradingApi at(CallPriority priority) {
    return this;
  }

  /**
   * Completes when a read of an account's positions and of its live orders at {@code priority} would go without
   * waiting for room in the rate budget; spends none of it.
   */
  default Future<Void> roomToRead(CallPriority priority) {
    return Future.succeededFuture();
  }
}
