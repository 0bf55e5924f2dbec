package io.copytrader.market;

import static io.copytrader.lighter.Await.failure;
import static io.copytrader.lighter.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.lighter.FakeLighter;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.LighterClientOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class MarketCacheVerticleTest {

  private static final String MARKETS_PATH = "/api/v1/orderBooks";

  private FakeLighter lighter;
  @AutoClose
  private LighterClient client;

  private void deploy(Vertx vertx, Duration missSpacing) {
    lighter = result(new FakeLighter().start(vertx));
    client = new LighterClient(vertx, LighterClientOptions.defaults(lighter.baseUrl()));
    result(vertx.deployVerticle(new MarketCacheVerticle(client, Duration.ofMinutes(5), missSpacing)));
  }

  /** Deployed while Lighter answers the market list 503, as after an outage at start. */
  private void deployWithoutAMarketList(Vertx vertx, Duration missSpacing) {
    lighter = result(new FakeLighter().start(vertx));
    lighter.reply(MARKETS_PATH, 503, "");
    client = new LighterClient(vertx, LighterClientOptions.defaults(lighter.baseUrl()));
    result(vertx.deployVerticle(new MarketCacheVerticle(client, Duration.ofMinutes(5), missSpacing)));
  }

  private static Future<JsonObject> ask(Vertx vertx, String address, JsonObject query) {
    return vertx.eventBus().<JsonObject>request(address, query).map(Message::body);
  }

  private static FailureCode failureCode(Future<?> reply) {
    Throwable failure = failure(reply);
    assertThat(failure).isInstanceOf(ReplyException.class);
    return FailureCode.of(((ReplyException) failure).failureCode());
  }

  @Test
  void resolvesASymbolCaseInsensitively(Vertx vertx) {
    deploy(vertx, Duration.ofSeconds(10));

    JsonObject market = result(ask(vertx, Addresses.MARKET_RESOLVE, new JsonObject().put("symbol", "resolv")));

    assertThat(market.getInteger("market_id")).isEqualTo(51);
    assertThat(market.getString("symbol")).isEqualTo("RESOLV");
    assertThat(market.getInteger("size_decimals")).isZero();
    assertThat(market.getInteger("price_decimals")).isEqualTo(6);
    assertThat(market.getString("min_base_amount")).isEqualTo("20");
    assertThat(market.getString("default_initial_margin_fraction")).isEqualTo("0.3333");
  }

  @Test
  void resolvesMarketZeroById(Vertx vertx) {
    deploy(vertx, Duration.ofSeconds(10));

    JsonObject market = result(ask(vertx, Addresses.MARKET_RESOLVE, new JsonObject().put("market_id", 0)));

    assertThat(MarketJson.fromJson(market).symbol()).isEqualTo("ETH");
    assertThat(MarketJson.fromJson(market).minBaseAmount()).isEqualTo(new BigDecimal("0.0050"));
  }

  @Test
  void inactiveMarketFailsAsInactive(Vertx vertx) {
    deploy(vertx, Duration.ofSeconds(10));

    assertThat(failureCode(ask(vertx, Addresses.MARKET_RESOLVE, new JsonObject().put("symbol", "old"))))
      .isEqualTo(FailureCode.MARKET_INACTIVE);
  }

  @Test
  void unknownSymbolFailsAsUnknownSymbol(Vertx vertx) {
    deploy(vertx, Duration.ofSeconds(10));

    assertThat(failureCode(ask(vertx, Addresses.MARKET_RESOLVE, new JsonObject().put("symbol", "DOGE"))))
      .isEqualTo(FailureCode.UNKNOWN_SYMBOL);
  }

  @Test
  void unknownIdFailsAsUnknownMarket(Vertx vertx) {
    deploy(vertx, Duration.ofSeconds(10));

    assertThat(failureCode(ask(vertx, Addresses.MARKET_RESOLVE, new JsonObject().put("market_id", 77))))
      .isEqualTo(FailureCode.UNKNOWN_MARKET);
  }

  @Test
  void malformedQueryFailsAsInvalidRequest(Vertx vertx) {
    deploy(vertx, Duration.ofSeconds(10));

    assertThat(failureCode(ask(vertx, Addresses.MARKET_RESOLVE, new JsonObject().put("market_id", "zero"))))
      .isEqualTo(FailureCode.INVALID_REQUEST);
  }

  @Test
  void missesRefreshAtMostOncePerSpacing(Vertx vertx) {
    deploy(vertx, Duration.ofSeconds(10));

    failure(ask(vertx, Addresses.MARKET_RESOLVE, new JsonObject().put("symbol", "DOGE")));
    failure(ask(vertx, Addresses.MARKET_RESOLVE, new JsonObject().put("symbol", "PEPE")));
    failure(ask(vertx, Addresses.MARKET_RESOLVE, new JsonObject().put("market_id", 99)));

    assertThat(lighter.count(MARKETS_PATH)).as("the load at start only").isEqualTo(1);
  }

  @Test
  void aMissFindsANewlyListedMarket(Vertx vertx) {
    deploy(vertx, Duration.ZERO);
    lighter.reply(MARKETS_PATH, 200, FakeLighter.ORDER_BOOKS.replace("\"symbol\":\"RESOLV\"", "\"symbol\":\"NEWCOIN\""));
    lighter.reply("/api/v1/orderBookDetails", 200,
      FakeLighter.ORDER_BOOK_DETAILS.replace("\"symbol\":\"RESOLV\"", "\"symbol\":\"NEWCOIN\""));

    JsonObject market = result(ask(vertx, Addresses.MARKET_RESOLVE, new JsonObject().put("symbol", "NewCoin")));

    assertThat(market.getInteger("market_id")).isEqualTo(51);
    assertThat(lighter.count(MARKETS_PATH)).isEqualTo(2);
  }

  @Test
  void listsEveryPerpetualMarket(Vertx vertx) {
    deploy(vertx, Duration.ofSeconds(10));

    JsonObject list = result(ask(vertx, Addresses.MARKET_LIST, new JsonObject()));

    assertThat(list.getJsonArray("markets").stream().map(market -> ((JsonObject) market).getString("symbol")))
      .containsExactly("ETH", "RESOLV", "OLD");
  }

  @Test
  void aListThatFailedToLoadAtStartIsLoadedAgainWithinSecondsWithoutALookup(Vertx vertx) throws Exception {
    deployWithoutAMarketList(vertx, Duration.ofSeconds(10));
    lighter.reply(MARKETS_PATH, 200, FakeLighter.ORDER_BOOKS);

    long deadline = System.currentTimeMillis() + 10_000;
    JsonObject list = result(ask(vertx, Addresses.MARKET_LIST, new JsonObject()));
    while (list.getJsonArray("markets").isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      list = result(ask(vertx, Addresses.MARKET_LIST, new JsonObject()));
    }

    assertThat(list.getJsonArray("markets")).hasSize(3);
    assertThat(lighter.count(MARKETS_PATH)).isEqualTo(2);
  }

  @Test
  void whileNoListLoadsItIsTriedAgainLessAndLessOften(Vertx vertx) throws Exception {
    deployWithoutAMarketList(vertx, Duration.ofSeconds(10));

    Thread.sleep(MarketCacheVerticle.EMPTY_RETRY_FIRST_MS * 5);

    // At start, then 1 s and 3 s later; the next is 7 s after the start.
    assertThat(lighter.count(MARKETS_PATH)).isBetween(2L, 3L);
  }

  @Test
  void noMarketListYetIsExchangeUnavailable(Vertx vertx) {
    deployWithoutAMarketList(vertx, Duration.ZERO);

    assertThat(failureCode(ask(vertx, Addresses.MARKET_RESOLVE, new JsonObject().put("symbol", "ETH"))))
      .isEqualTo(FailureCode.EXCHANGE_UNAVAILABLE);
  }
}
