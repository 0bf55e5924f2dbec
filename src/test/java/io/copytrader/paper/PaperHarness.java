package io.copytrader.paper;

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
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A paper exchange on a loopback port with one funded account, and a signing HTTP client for it. */
final class PaperHarness {

  static final long ACCOUNT = 7001;
  static final int KEY_INDEX = 3;
  static final String L1_ADDRESS = "0x15f4c8D6e6e4a0B2A1e6b9E3f1D2c3B4a5968778";
  static final BigDecimal COLLATERAL = new BigDecimal("10000");
  static final ApiKey KEY = ApiKey.parse("11".repeat(20) + "22".repeat(20));
  static final ApiKey OTHER_KEY = ApiKey.parse("33".repeat(20) + "44".repeat(20));
  static final int ETH = 0;
  static final int RESOLV = 51;
  static final int INACTIVE = 60;

  final PaperExchange exchange;
  final WebClient web;
  private final TxSigner signer;
  private long nextClientOrderIndex = 1;

  private PaperHarness(PaperExchange exchange, WebClient web, int chainId) {
    this.exchange = exchange;
    this.web = web;
    this.signer = new TxSigner(chainId);
  }

  static PaperConfig config() {
    return PaperConfig.defaults().withAccounts(List.of(
      new PaperAccount(ACCOUNT, L1_ADDRESS, COLLATERAL, Map.of(KEY_INDEX, KEY.publicKeyHex()))));
  }

  static PaperHarness start(Vertx vertx) {
    return start(vertx, config());
  }

  static PaperHarness start(Vertx vertx, PaperConfig config) {
    PaperExchange exchange = new PaperExchange(config);
    await(vertx.deployVerticle(exchange));
    WebClient web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(exchange.port()).setKeepAlive(false));
    return new PaperHarness(exchange, web, config.chainId());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("request failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("request did not complete", e);
    }
  }

  HttpResponse<Buffer> get(String uri) {
    return await(web.get(uri).send());
  }

  JsonObject getJson(String uri) {
    return get(uri).bodyAsJsonObject();
  }

  HttpResponse<Buffer> getAuthorized(String uri, String token) {
    return await(web.get(uri).putHeader("Authorization", token).send());
  }

  String authToken() {
    return AuthToken.create(KEY, ACCOUNT, KEY_INDEX, System.currentTimeMillis() / 1000 + 600);
  }

  JsonArray activeOrders() {
    return getAuthorized("/api/v1/accountActiveOrders?account_index=" + ACCOUNT, authToken())
      .bodyAsJsonObject().getJsonArray("orders");
  }

  JsonArray ordersByClientIndex(long clientOrderIndex) {
    return getAuthorized("/api/v1/accountOrders?account_index=" + ACCOUNT + "&client_order_indexes="
      + clientOrderIndex, authToken()).bodyAsJsonObject().getJsonArray("orders");
  }

  JsonObject order(long clientOrderIndex) {
    return ordersByClientIndex(clientOrderIndex).getJsonObject(0);
  }

  JsonObject account() {
    return getJson("/api/v1/account?by=index&value=" + ACCOUNT).getJsonArray("accounts").getJsonObject(0);
  }

  JsonObject position(int marketId) {
    JsonArray positions = account().getJsonArray("positions");
    for (int i = 0; i < positions.size(); i++) {
      if (positions.getJsonObject(i).getInteger("market_id") == marketId) {
        return positions.getJsonObject(i);
      }
    }
    throw new AssertionError("no position row for market " + marketId + " in " + positions);
  }

  long nextNonce() {
    return getJson("/api/v1/nextNonce?account_index=" + ACCOUNT + "&api_key_index=" + KEY_INDEX).getLong("nonce");
  }

  /** Sends a transaction and, when it is accepted, waits until the sequencer has applied it. */
  HttpResponse<Buffer> sendTx(SignedTx tx) {
    return settled(submit(tx));
  }

  /** Sends a transaction and returns as soon as the exchange answers, before the sequencer applies it. */
  HttpResponse<Buffer> submit(SignedTx tx) {
    return await(web.post("/api/v1/sendTx").sendForm(MultiMap.caseInsensitiveMultiMap()
      .add("tx_type", Integer.toString(tx.txType())).add("tx_info", tx.txInfo())));
  }

  HttpResponse<Buffer> sendTxMultipart(SignedTx tx) {
    return settled(await(web.post("/api/v1/sendTx").sendMultipartForm(MultipartForm.create()
      .attribute("tx_type", Integer.toString(tx.txType())).attribute("tx_info", tx.txInfo()))));
  }

  /** Waits, after an accepted send, until the sequencer has applied what it queued. */
  private HttpResponse<Buffer> settled(HttpResponse<Buffer> response) {
    if (response.statusCode() == 200) {
      settle();
    }
    return response;
  }

  /** Waits until the exchange's sequencer has applied (or dropped) every transaction it accepted. */
  void settle() {
    await(exchange.sequencerIdle());
  }

  HttpResponse<Buffer> sendTxBatch(List<SignedTx> txs) {
    JsonArray types = new JsonArray();
    JsonArray infos = new JsonArray();
    txs.forEach(tx -> {
      types.add(tx.txType());
      infos.add(tx.txInfo());
    });
    return settled(await(web.post("/api/v1/sendTxBatch").sendForm(MultiMap.caseInsensitiveMultiMap()
      .add("tx_types", types.encode()).add("tx_infos", infos.encode()))));
  }

  JsonObject control(String path, JsonObject body) {
    HttpResponse<Buffer> response = await(web.post(path).sendJsonObject(body));
    if (response.statusCode() != 200) {
      throw new AssertionError(path + " answered " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  void setMid(int marketId, String price) {
    control("/paper/markets/" + marketId + "/price", new JsonObject().put("price", price));
  }

  long newClientOrderIndex() {
    return nextClientOrderIndex++;
  }

  static long expiredAt() {
    return System.currentTimeMillis() + 600_000;
  }

  static long inFourWeeks() {
    return System.currentTimeMillis() + 28L * 24 * 3600 * 1000;
  }

  SignedTx sign(ApiKey key, LighterTx tx) {
    return signer.sign(key, tx);
  }

  /** Signs without the signer's own validation, to send what a careless client might. */
  SignedTx signUnchecked(LighterTx tx) {
    long[] hash = signer.messageHash(tx);
    return new SignedTx(tx.txType(), TxSigner.txInfoJson(tx, Schnorr.sign(KEY, hash)), TxSigner.txHashHex(hash));
  }

  /** A market order (IOC, worst price {@code worstPrice}) in ticks, signed with the account's key. */
  SignedTx market(long clientOrderIndex, int marketId, long baseTicks, long worstPriceTicks, boolean isAsk,
                  boolean reduceOnly, long nonce) {
    return sign(KEY, new CreateOrderTx(ACCOUNT, KEY_INDEX, marketId, clientOrderIndex, baseTicks, worstPriceTicks,
      isAsk ? 1 : 0, CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, reduceOnly ? 1 : 0, 0, 0,
      expiredAt(), nonce, TxAttributes.none()));
  }

  /** Sends a market order with the next nonce and a fresh client order index; returns the response. */
  HttpResponse<Buffer> trade(int marketId, long baseTicks, long worstPriceTicks, boolean isAsk, boolean reduceOnly) {
    return sendTx(market(newClientOrderIndex(), marketId, baseTicks, worstPriceTicks, isAsk, reduceOnly, nextNonce()));
  }

  /** A stop-loss-limit (type 3, GTT, 28 days), reduce-only, signed with the account's key. */
  SignedTx stopLossLimit(long clientOrderIndex, int marketId, long baseTicks, long triggerTicks, long priceTicks,
                         boolean isAsk, long nonce) {
    return sign(KEY, new CreateOrderTx(ACCOUNT, KEY_INDEX, marketId, clientOrderIndex, baseTicks, priceTicks,
      isAsk ? 1 : 0, CreateOrderTx.TYPE_STOP_LOSS_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 1, triggerTicks,
      inFourWeeks(), expiredAt(), nonce, TxAttributes.none()));
  }

  SignedTx cancel(int marketId, long index, long nonce) {
    return sign(KEY, new CancelOrderTx(ACCOUNT, KEY_INDEX, marketId, index, expiredAt(), nonce, TxAttributes.none()));
  }

  SignedTx cancelAll(long nonce) {
    return sign(KEY, new CancelAllOrdersTx(ACCOUNT, KEY_INDEX, CancelAllOrdersTx.TIF_IMMEDIATE, 0, expiredAt(), nonce,
      TxAttributes.none()));
  }

  SignedTx modify(int marketId, long index, long baseTicks, long priceTicks, long triggerTicks, long nonce) {
    return sign(KEY, new ModifyOrderTx(ACCOUNT, KEY_INDEX, marketId, index, baseTicks, priceTicks, triggerTicks,
      expiredAt(), nonce, TxAttributes.none()));
  }
}
