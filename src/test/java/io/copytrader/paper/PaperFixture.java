package io.copytrader.paper;

import static io.copytrader.lighter.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.LighterErrorCodes;
import io.copytrader.lighter.signer.ApiKey;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The paper exchange as a real server for tests, on a free loopback port, with raw HTTP to it ({@link PaperHttp})
 * and a trader signing for its account ({@link PaperTrader}); closing it closes what it opened. Two modes:
 * {@link #start(Vertx)} deploys into the test's Vert.x (the default configuration funds one account,
 * {@link #ACCOUNT}); {@link #standalone(PaperConfig)} runs on a Vert.x of its own that outlives whatever the test
 * starts and stops, such as the service as a separate process, and can put a {@link LossyLink} in front.
 */
public final class PaperFixture implements AutoCloseable {

  static final ApiKey KEY = ApiKey.parse("0x" + "3c".repeat(40));
  static final ApiKey OTHER_KEY = ApiKey.parse("0x" + "5d".repeat(40));
  static final long ACCOUNT = 281_474_976_710_123L;
  static final int KEY_INDEX = 4;
  static final String L1_ADDRESS = "0x15f4c1b8A0b1e7A4c1A7D9E0f2b3C4d5E6f7A8b9";
  static final BigDecimal COLLATERAL = new BigDecimal("10000");
  static final int CHAIN_ID = 304;
  /** Markets of the default configuration: ETH and RESOLV trade, INACTIVE is listed but refuses orders. */
  static final int ETH = 0;
  static final int RESOLV = 51;
  static final int INACTIVE = 60;

  final PaperExchange exchange;
  final PaperHttp http;
  final PaperTrader trader;
  private final Vertx vertx;
  private final boolean ownsVertx;
  private LossyLink link;

  private PaperFixture(Vertx vertx, boolean ownsVertx, PaperExchange exchange) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.exchange = exchange;
    result(vertx.deployVerticle(exchange));
    this.http = new PaperHttp(vertx, exchange);
    this.trader = new PaperTrader(http, KEY, ACCOUNT, KEY_INDEX, CHAIN_ID);
  }

  static PaperConfig config() {
    return PaperConfig.defaults().withAccounts(List.of(account(ACCOUNT, L1_ADDRESS, COLLATERAL)));
  }

  static PaperAccount account(long index, String l1Address, BigDecimal collateral) {
    return new PaperAccount(index, l1Address, collateral, Map.of(KEY_INDEX, KEY.publicKeyHex()));
  }

  /** The default configuration in the test's Vert.x. */
  public static PaperFixture start(Vertx vertx) {
    return start(vertx, config());
  }

  /** Deployed in the test's Vert.x, which undeploys it when the test ends. */
  public static PaperFixture start(Vertx vertx, PaperConfig config) {
    return new PaperFixture(vertx, false, new PaperExchange(config));
  }

  /** Deployed in the test's Vert.x, its rate limits' rolling minutes on {@code limitClock}. */
  static PaperFixture start(Vertx vertx, PaperConfig config, LongSupplier limitClock) {
    return new PaperFixture(vertx, false, new PaperExchange(config, limitClock));
  }

  /** The default configuration on a Vert.x of its own, closed with the fixture. */
  public static PaperFixture standalone() {
    return standalone(config());
  }

  /** On a Vert.x of its own, closed with the fixture. */
  public static PaperFixture standalone(PaperConfig config) {
    return new PaperFixture(Vertx.vertx(), true, new PaperExchange(config));
  }

  public String baseUrl() {
    return exchange.baseUrl();
  }

  /** A link in front of the exchange that can lose sends in transit, started on first use. */
  public LossyLink lossyLink() {
    if (link == null) {
      link = result(new LossyLink(vertx, exchange.port()).start());
    }
    return link;
  }

  /** A trader for another account of the same exchange, signing with {@link #KEY}. */
  PaperTrader trader(long accountIndex) {
    return trader(KEY, accountIndex, KEY_INDEX);
  }

  /** A trader for any account the exchange knows, signing with {@code key} at {@code apiKeyIndex} (chain 304). */
  public PaperTrader trader(ApiKey key, long accountIndex, int apiKeyIndex) {
    return new PaperTrader(http, key, accountIndex, apiKeyIndex, CHAIN_ID);
  }

  /** Posts to a test control ({@code /paper/...}), which must accept it; returns its answer. */
  JsonObject control(String path, JsonObject body) {
    PaperHttp.Reply reply = http.postJson(path, body);
    assertThat(reply.status()).as("POST %s -> %s", path, reply.raw()).isEqualTo(200);
    return reply.body();
  }

  /** Sets faults through {@code POST /paper/faults}; returns the faults now in force. */
  public JsonObject faults(JsonObject faults) {
    return control("/paper/faults", faults);
  }

  /**
   * Refuses every grouped order with Lighter's "unsupported tx type" through {@code POST /paper/grouped-orders}, or
   * takes them again: entries then go in two steps, the stop-loss placed alone after the fill.
   */
  public void refuseGroups(boolean refuse) {
    control("/paper/grouped-orders", refuse ? new JsonObject().put("refuse", new JsonObject()
      .put("code", LighterErrorCodes.UNSUPPORTED_TX_TYPE)) : new JsonObject().putNull("refuse"));
  }

  /** Clears every fault through {@code DELETE /paper/faults}. */
  public void clearFaults() {
    PaperHttp.Reply reply = http.delete("/paper/faults");
    assertThat(reply.status()).as("DELETE /paper/faults -> %s", reply.raw()).isEqualTo(200);
  }

  /** How many requests reached {@code path} (counted as they arrive, before any injected latency). */
  public long requests(String path) {
    Object count = http.get("/paper/requests").body().getValue(path);
    return count instanceof Number number ? number.longValue() : 0;
  }

  /** Moves a market's mid price (and redraws its book around it); returns the control's answer. */
  JsonObject setMid(int marketId, String price) {
    return control("/paper/markets/" + marketId + "/price", new JsonObject().put("price", price));
  }

  /** Trades the account to a signed position through {@code POST /paper/accounts/{index}/position}. */
  public JsonObject setPosition(long accountIndex, int marketId, String position) {
    return control("/paper/accounts/" + accountIndex + "/position",
      new JsonObject().put("market_id", marketId).put("position", position));
  }

  /** Holds (or releases) the accounts' stream channels while the books keep flowing. */
  public void holdAccountUpdates(boolean held) {
    control("/paper/streams/hold-account-updates", new JsonObject().put("held", held));
  }

  /** Waits until the exchange's sequencer has applied (or dropped) every transaction it accepted. */
  void settle() {
    http.settle();
  }

  @Override
  public void close() {
    http.close();
    if (ownsVertx) {
      vertx.close().await();
    }
  }
}
