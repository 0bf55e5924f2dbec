package io.copytrader.paper;

import static io.copytrader.paper.PaperFixture.ETH;

import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.lighter.signer.CancelAllOrdersTx;
import io.copytrader.lighter.signer.CancelOrderTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.LighterTx;
import io.copytrader.lighter.signer.ModifyOrderTx;
import io.copytrader.lighter.signer.Schnorr;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.lighter.signer.TxSigner;
import io.copytrader.market.Ticks;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.multipart.MultipartForm;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Signs transactions for one account and API key of the paper exchange and sends them as a Lighter client
 * does (form-encoded sendTx). The order builders take ticks and a market; their ETH forms take decimal
 * strings (4 size decimals, 2 price decimals) and send at once.
 */
public final class PaperTrader {

  static final int ETH_SIZE_DECIMALS = 4;
  static final int ETH_PRICE_DECIMALS = 2;
  static final Duration SL_EXPIRY = Duration.ofDays(28);

  private final PaperHttp http;
  private final ApiKey key;
  private final long accountIndex;
  private final int apiKeyIndex;
  private final TxSigner signer;
  private long nextClientOrderIndex = 1;

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

  /** A client order index this trader has not used yet (from 1 up). */
  long newClientOrderIndex() {
    return nextClientOrderIndex++;
  }

  SignedTx sign(LighterTx tx) {
    return signer.sign(key, tx);
  }

  /** Signs without the signer's own validation, to send what a careless client might. */
  SignedTx signUnchecked(LighterTx tx) {
    long[] hash = signer.messageHash(tx);
    return new SignedTx(tx.txType(), TxSigner.txInfoJson(tx, Schnorr.sign(key, hash)), TxSigner.txHashHex(hash));
  }

  /** Sends a transaction and, when it is accepted, waits until the sequencer has applied it. */
  PaperHttp.Reply send(SignedTx signed) {
    return settled(submit(signed));
  }

  PaperHttp.Reply send(LighterTx tx) {
    return send(sign(tx));
  }

  /** Sends a transaction and returns as soon as the exchange answers, before the sequencer applies it. */
  PaperHttp.Reply submit(SignedTx signed) {
    return http.postForm("/api/v1/sendTx", MultiMap.caseInsensitiveMultiMap()
      .add("tx_type", Integer.toString(signed.txType())).add("tx_info", signed.txInfo()));
  }

  /** Sends a transaction as a multipart form, as some clients do, and waits as {@link #send(SignedTx)} does. */
  PaperHttp.Reply sendMultipart(SignedTx signed) {
    return settled(http.postMultipart("/api/v1/sendTx", MultipartForm.create()
      .attribute("tx_type", Integer.toString(signed.txType())).attribute("tx_info", signed.txInfo())));
  }

  /** Sends transactions through {@code sendTxBatch} and waits as {@link #send(SignedTx)} does. */
  PaperHttp.Reply sendBatch(List<SignedTx> txs) {
    JsonArray types = new JsonArray();
    JsonArray infos = new JsonArray();
    txs.forEach(tx -> {
      types.add(tx.txType());
      infos.add(tx.txInfo());
    });
    return settled(http.postForm("/api/v1/sendTxBatch", MultiMap.caseInsensitiveMultiMap()
      .add("tx_types", types.encode()).add("tx_infos", infos.encode())));
  }

  private PaperHttp.Reply settled(PaperHttp.Reply reply) {
    if (reply.status() == 200) {
      http.settle();
    }
    return reply;
  }

  static long expiredAt() {
    return System.currentTimeMillis() + Duration.ofMinutes(10).toMillis() - 1000;
  }

  /** When a stop-loss placed now expires: {@link #SL_EXPIRY} from now, as the service places them. */
  static long stopLossExpiry() {
    return System.currentTimeMillis() + SL_EXPIRY.toMillis();
  }

  static long size(String eth) {
    return Ticks.toTicks(new BigDecimal(eth), ETH_SIZE_DECIMALS, RoundingMode.UNNECESSARY);
  }

  static long price(String usd) {
    return Ticks.toTicks(new BigDecimal(usd), ETH_PRICE_DECIMALS, RoundingMode.UNNECESSARY);
  }

  /** A market order (IOC at a worst price), in ticks of {@code marketId}. */
  CreateOrderTx market(long clientOrderIndex, int marketId, long baseTicks, long worstPriceTicks, boolean sell,
                       boolean reduceOnly, long nonce) {
    return new CreateOrderTx(accountIndex, apiKeyIndex, marketId, clientOrderIndex, baseTicks, worstPriceTicks,
      sell ? 1 : 0, CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, reduceOnly ? 1 : 0, 0, 0,
      expiredAt(), nonce, TxAttributes.none());
  }

  /** An ETH market order (IOC at a worst price) with the given nonce. */
  CreateOrderTx market(long nonce, long clientOrderIndex, String size, String worstPrice, boolean sell,
                       boolean reduceOnly) {
    return market(clientOrderIndex, ETH, size(size), price(worstPrice), sell, reduceOnly, nonce);
  }

  /** Sends a market order in ticks at the current nonce with a fresh client order index. */
  PaperHttp.Reply trade(int marketId, long baseTicks, long worstPriceTicks, boolean sell, boolean reduceOnly) {
    return send(market(newClientOrderIndex(), marketId, baseTicks, worstPriceTicks, sell, reduceOnly, nextNonce()));
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

  /** A reduce-only stop-loss-limit (GTT, {@link #SL_EXPIRY}) in ticks, as the service places it. */
  CreateOrderTx stopLossLimit(long clientOrderIndex, int marketId, long baseTicks, long triggerTicks,
                              long priceTicks, boolean sell, long nonce) {
    return new CreateOrderTx(accountIndex, apiKeyIndex, marketId, clientOrderIndex, baseTicks, priceTicks,
      sell ? 1 : 0, CreateOrderTx.TYPE_STOP_LOSS_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 1, triggerTicks,
      stopLossExpiry(), expiredAt(), nonce, TxAttributes.none());
  }

  /** Sends an ETH stop-loss-limit at the current nonce. */
  PaperHttp.Reply stopLossLimit(long clientOrderIndex, String size, String trigger, String limit, boolean sell) {
    return send(stopLossLimit(clientOrderIndex, ETH, size(size), price(trigger), price(limit), sell, nextNonce()));
  }

  ModifyOrderTx modify(int marketId, long index, long baseTicks, long priceTicks, long triggerTicks, long nonce) {
    return new ModifyOrderTx(accountIndex, apiKeyIndex, marketId, index, baseTicks, priceTicks, triggerTicks,
      expiredAt(), nonce, TxAttributes.none());
  }

  /** Sends a modification of an ETH order at the current nonce. */
  PaperHttp.Reply modify(long index, String size, String trigger, String limit) {
    return send(modify(ETH, index, size(size), price(limit), price(trigger), nextNonce()));
  }

  CancelOrderTx cancel(int marketId, long index, long nonce) {
    return new CancelOrderTx(accountIndex, apiKeyIndex, marketId, index, expiredAt(), nonce, TxAttributes.none());
  }

  /** Sends a cancel of an ETH order at the current nonce. */
  PaperHttp.Reply cancel(long index) {
    return send(cancel(ETH, index, nextNonce()));
  }

  CancelAllOrdersTx cancelAll(long nonce) {
    return new CancelAllOrdersTx(accountIndex, apiKeyIndex, CancelAllOrdersTx.TIF_IMMEDIATE, 0, expiredAt(), nonce,
      TxAttributes.none());
  }

  String authToken() {
    return AuthToken.create(key, accountIndex, apiKeyIndex, System.currentTimeMillis() / 1000 + 600);
  }

  /** The account's row of {@code account?by=index}. */
  JsonObject account() {
    return http.get("/api/v1/account?by=index&value=" + accountIndex).body().getJsonArray("accounts").getJsonObject(0);
  }

  /** The account's position row in {@code marketId}, flat rows included. */
  JsonObject position(int marketId) {
    JsonArray positions = account().getJsonArray("positions");
    return positions.stream().map(JsonObject.class::cast)
      .filter(row -> row.getInteger("market_id") == marketId).findFirst()
      .orElseThrow(() -> new AssertionError("no position row for market " + marketId + " in " + positions));
  }

  /** The account's ETH position row, flat rows included. */
  JsonObject ethPosition() {
    return position(ETH);
  }

  /** The account's resting orders (stop-losses among them) in every market. */
  public List<JsonObject> activeOrdersInEveryMarket() {
    return orders("/api/v1/accountActiveOrders?market_id=255&account_index=" + accountIndex);
  }

  /** The account's finished orders that filled something, as the exchange recorded them (newest 100). */
  public List<JsonObject> filledOrders() {
    return orders("/api/v1/accountInactiveOrders?limit=100&account_index=" + accountIndex).stream()
      .filter(order -> new BigDecimal(order.getString("filled_base_amount")).signum() > 0)
      .toList();
  }

  /** Filled orders per client order index: every value must be 1 when nothing executed twice. */
  public static Map<Long, Long> fillsPerClientOrderIndex(List<JsonObject> filledOrders) {
    return filledOrders.stream().collect(Collectors.groupingBy(order -> order.getLong("client_order_index"),
      Collectors.counting()));
  }

  private List<JsonObject> orders(String uri) {
    PaperHttp.Reply reply = http.get(uri, Map.of("Authorization", authToken()));
    if (reply.status() != 200) {
      throw new AssertionError(uri + " answered " + reply.status() + " " + reply.raw());
    }
    return reply.body().getJsonArray("orders").stream().map(JsonObject.class::cast).toList();
  }

  /** The signed size of the account's position in {@code marketId}; zero when it has none. */
  public BigDecimal positionSize(int marketId) {
    return account().getJsonArray("positions").stream().map(JsonObject.class::cast)
      .filter(row -> row.getInteger("market_id") == marketId)
      .map(row -> new BigDecimal(row.getString("position")).multiply(BigDecimal.valueOf(row.getInteger("sign"))))
      .findFirst().orElse(BigDecimal.ZERO);
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
}
