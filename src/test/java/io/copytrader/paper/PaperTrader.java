package io.copytrader.paper;

import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.lighter.signer.CancelOrderTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.LighterTx;
import io.copytrader.lighter.signer.ModifyOrderTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.lighter.signer.TxSigner;
import io.copytrader.market.Ticks;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;

/**
 * Signs transactions for one account and API key of the paper exchange and sends them as a Lighter client
 * does (form-encoded sendTx). Amounts are ETH's ticks (4 size decimals, 2 price decimals) unless the
 * market is named.
 */
final class PaperTrader {

  static final int ETH = 0;
  static final int ETH_SIZE_DECIMALS = 4;
  static final int ETH_PRICE_DECIMALS = 2;
  static final Duration SL_EXPIRY = Duration.ofDays(28);

  private final PaperHttp http;
  private final ApiKey key;
  private final long accountIndex;
  private final int apiKeyIndex;
  private final TxSigner signer;

  PaperTrader(PaperHttp http, ApiKey key, long accountIndex, int apiKeyIndex, int chainId) {
    this.http = http;
    this.key = key;
    this.accountIndex = accountIndex;
    this.apiKeyIndex = apiKeyIndex;
    this.signer = new TxSigner(chainId);
  }

  /** The same account and key index, signing with another key or for another chain. */
  PaperTrader signingWith(ApiKey otherKey, int chainId) {
    return new PaperTrader(http, otherKey, accountIndex, apiKeyIndex, chainId);
  }

  long accountIndex() {
    return accountIndex;
  }

  long nextNonce() {
    return http.get("/api/v1/nextNonce?account_index=" + accountIndex + "&api_key_index=" + apiKeyIndex).body()
      .getLong("nonce");
  }

  SignedTx sign(LighterTx tx) {
    return signer.sign(key, tx);
  }

  /** Sends a transaction and, when it is accepted, waits until the sequencer has applied it. */
  PaperHttp.Reply send(SignedTx signed) {
    PaperHttp.Reply reply = submit(signed);
    if (reply.status() == 200) {
      http.settle();
    }
    return reply;
  }

  /** Sends a transaction and returns as soon as the exchange answers, before the sequencer applies it. */
  PaperHttp.Reply submit(SignedTx signed) {
    return http.postForm("/api/v1/sendTx", MultiMap.caseInsensitiveMultiMap()
      .add("tx_type", Integer.toString(signed.txType())).add("tx_info", signed.txInfo()));
  }

  PaperHttp.Reply send(LighterTx tx) {
    return send(sign(tx));
  }

  static long expiredAt() {
    return System.currentTimeMillis() + Duration.ofMinutes(10).toMillis() - 1000;
  }

  static long size(String eth) {
    return Ticks.toTicks(new BigDecimal(eth), ETH_SIZE_DECIMALS, RoundingMode.UNNECESSARY);
  }

  static long price(String usd) {
    return Ticks.toTicks(new BigDecimal(usd), ETH_PRICE_DECIMALS, RoundingMode.UNNECESSARY);
  }

  /** An ETH market order (IOC at a worst price) with the given nonce. */
  CreateOrderTx market(long nonce, long clientOrderIndex, String size, String worstPrice, boolean sell,
                       boolean reduceOnly) {
    return new CreateOrderTx(accountIndex, apiKeyIndex, ETH, clientOrderIndex, size(size), price(worstPrice),
      sell ? 1 : 0, CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, reduceOnly ? 1 : 0, 0, 0,
      expiredAt(), nonce, TxAttributes.none());
  }

  /** Sends an ETH market order at the current nonce. */
  PaperHttp.Reply marketOrder(long clientOrderIndex, String size, String worstPrice, boolean sell,
                              boolean reduceOnly) {
    return send(market(nextNonce(), clientOrderIndex, size, worstPrice, sell, reduceOnly));
  }

  PaperHttp.Reply buy(long clientOrderIndex, String size, String worstPrice) {
    return marketOrder(clientOrderIndex, size, worstPrice, false, false);
  }

  PaperHttp.Reply sell(long clientOrderIndex, String size, String worstPrice) {
    return marketOrder(clientOrderIndex, size, worstPrice, true, false);
  }

  /** A reduce-only ETH stop-loss-limit (GTT, 28 days) as the service places it to protect a position. */
  PaperHttp.Reply stopLossLimit(long clientOrderIndex, String size, String trigger, String limit, boolean sell) {
    return send(new CreateOrderTx(accountIndex, apiKeyIndex, ETH, clientOrderIndex, size(size), price(limit),
      sell ? 1 : 0, CreateOrderTx.TYPE_STOP_LOSS_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 1, price(trigger),
      System.currentTimeMillis() + SL_EXPIRY.toMillis(), expiredAt(), nextNonce(), TxAttributes.none()));
  }

  PaperHttp.Reply modify(long index, String size, String trigger, String limit) {
    return send(new ModifyOrderTx(accountIndex, apiKeyIndex, ETH, index, size(size), price(limit), price(trigger),
      expiredAt(), nextNonce(), TxAttributes.none()));
  }

  PaperHttp.Reply cancel(long index) {
    return send(new CancelOrderTx(accountIndex, apiKeyIndex, ETH, index, expiredAt(), nextNonce(),
      TxAttributes.none()));
  }

  String authToken() {
    return AuthToken.create(key, accountIndex, apiKeyIndex, System.currentTimeMillis() / 1000 + 600);
  }

  /** The account's row of {@code account?by=index}. */
  JsonObject account() {
    return http.get("/api/v1/account?by=index&value=" + accountIndex).body().getJsonArray("accounts").getJsonObject(0);
  }

  /** The account's ETH position row, flat rows included. */
  JsonObject ethPosition() {
    return account().getJsonArray("positions").stream().map(JsonObject.class::cast)
      .filter(row -> row.getInteger("market_id") == ETH).findFirst()
      .orElseThrow(() -> new AssertionError("no ETH position row"));
  }

  PaperHttp.Reply activeOrders() {
    return http.get("/api/v1/accountActiveOrders?account_index=" + accountIndex + "&market_id=" + ETH,
      Map.of("Authorization", authToken()));
  }

  /** The orders {@code accountOrders} finds for one client order index. */
  PaperHttp.Reply ordersByClientIndex(long clientOrderIndex) {
    return http.get("/api/v1/accountOrders?account_index=" + accountIndex + "&client_order_indexes=" + clientOrderIndex,
      Map.of("Authorization", authToken()));
  }

  /** The one order {@code accountOrders} finds for a client order index. */
  JsonObject order(long clientOrderIndex) {
    var orders = ordersByClientIndex(clientOrderIndex).body().getJsonArray("orders");
    if (orders.size() != 1) {
      throw new AssertionError("expected one order with client order index " + clientOrderIndex + ": " + orders);
    }
    return orders.getJsonObject(0);
  }

  /** Moves ETH's mid price through the test control. */
  JsonObject moveEth(String mid) {
    return http.postJson("/paper/markets/" + ETH + "/price", new JsonObject().put("price", mid)).body();
  }
}
