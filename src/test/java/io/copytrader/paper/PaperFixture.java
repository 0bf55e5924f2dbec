package io.copytrader.paper;

import static io.copytrader.lighter.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.ApiKey;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The paper exchange as a real server for tests: deployed in the test's Vert.x on a free loopback port, with one
 * funded account, raw HTTP to it ({@link PaperHttp}) and a trader signing for that account ({@link PaperTrader}).
 * Every paper test starts its exchange here, so the account, keys and markets below are the only ones they use.
 */
final class PaperFixture implements AutoCloseable {

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

  private PaperFixture(PaperExchange exchange, PaperHttp http) {
    this.exchange = exchange;
    this.http = http;
    this.trader = new PaperTrader(http, KEY, ACCOUNT, KEY_INDEX, CHAIN_ID);
  }

  static PaperConfig config() {
    return PaperConfig.defaults().withAccounts(List.of(account(ACCOUNT, L1_ADDRESS, COLLATERAL)));
  }

  static PaperAccount account(long index, String l1Address, BigDecimal collateral) {
    return new PaperAccount(index, l1Address, collateral, Map.of(KEY_INDEX, KEY.publicKeyHex()));
  }

  static PaperFixture start(Vertx vertx) {
    return start(vertx, config());
  }

  static PaperFixture start(Vertx vertx, PaperConfig config) {
    PaperExchange exchange = new PaperExchange(config);
    result(vertx.deployVerticle(exchange));
    return new PaperFixture(exchange, new PaperHttp(vertx, exchange));
  }

  /** A trader for another account of the same exchange, signing with {@link #KEY}. */
  PaperTrader trader(long accountIndex) {
    return new PaperTrader(http, KEY, accountIndex, KEY_INDEX, CHAIN_ID);
  }

  /** Posts to a test control ({@code /paper/...}), which must accept it; returns its answer. */
  JsonObject control(String path, JsonObject body) {
    PaperHttp.Reply reply = http.postJson(path, body);
    assertThat(reply.status()).as("POST %s -> %s", path, reply.raw()).isEqualTo(200);
    return reply.body();
  }

  /** Sets faults through {@code POST /paper/faults}; returns the faults now in force. */
  JsonObject faults(JsonObject faults) {
    return control("/paper/faults", faults);
  }

  /** Moves a market's mid price (and redraws its book around it); returns the control's answer. */
  JsonObject setMid(int marketId, String price) {
    return control("/paper/markets/" + marketId + "/price", new JsonObject().put("price", price));
  }

  /** Waits until the exchange's sequencer has applied (or dropped) every transaction it accepted. */
  void settle() {
    http.settle();
  }

  @Override
  public void close() {
    http.close();
  }
}
