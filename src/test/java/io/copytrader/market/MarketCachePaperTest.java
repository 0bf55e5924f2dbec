package io.copytrader.market;

import static io.copytrader.lighter.Await.failure;
import static io.copytrader.lighter.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.LighterClientOptions;
import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperExchange;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The market cache fed by the paper exchange. */
@ExtendWith(VertxExtension.class)
class MarketCachePaperTest {

  @AutoClose
  private LighterClient client;

  @BeforeEach
  void start(Vertx vertx) {
    PaperExchange paper = new PaperExchange(PaperConfig.defaults());
    result(vertx.deployVerticle(paper));
    client = new LighterClient(vertx, LighterClientOptions.defaults(paper.baseUrl()));
    result(vertx.deployVerticle(new MarketCacheVerticle(client)));
  }

  private static JsonObject ask(Vertx vertx, String address, JsonObject query) {
    return result(vertx.eventBus().<JsonObject>request(address, query).map(Message::body));
  }

  @Test
  void resolvesEveryActivePaperMarketWithItsDecimals(Vertx vertx) {
    Market resolv = MarketJson.fromJson(ask(vertx, Addresses.MARKET_RESOLVE, new JsonObject().put("symbol", "Resolv")));

    assertThat(resolv).isEqualTo(new Market(51, "RESOLV", true, 0, 6, new BigDecimal("1"),
      new BigDecimal("10.000000"), new BigDecimal("0.3333"), new BigDecimal("0.1333")));
    assertThat(ask(vertx, Addresses.MARKET_LIST, new JsonObject()).getJsonArray("markets")).hasSize(5);
  }

  @Test
  void delistedPaperMarketIsInactive(Vertx vertx) {
    Throwable failure = failure(vertx.eventBus().request(Addresses.MARKET_RESOLVE, new JsonObject().put("symbol", "DELISTED")));

    assertThat(((ReplyException) failure).failureCode()).isEqualTo(FailureCode.MARKET_INACTIVE.code());
  }
}
