package io.copytrader.paper;

import static io.copytrader.paper.PaperFixture.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /paper/accounts/{index}/position}: an account traded to a position as its own order would. */
class PaperPositionControlTest {

  @AutoClose
  private final PaperFixture paper = PaperFixture.standalone();

  @Test
  void theAccountReachesThePositionThroughATradeOfItsOwn() {
    paper.setPosition(PaperFixture.ACCOUNT, ETH, "1.5");
    JsonObject flipped = paper.setPosition(PaperFixture.ACCOUNT, ETH, "-0.25");

    assertThat(flipped.getString("position")).isEqualTo("-0.2500");
    JsonObject row = paper.trader.ethPosition();
    assertThat(row.getString("position")).isEqualTo("0.2500");
    assertThat(row.getInteger("sign")).isEqualTo(-1);
    JsonObject trades = paper.http.get("/api/v1/recentTrades?market_id=0&limit=10").body();
    assertThat(trades.getJsonArray("trades")).hasSize(2);
  }

  @ParameterizedTest(name = "[{index}] {0} {1}")
  @CsvSource(delimiter = '|', value = {
    "/paper/accounts/42/position | {\"market_id\":0,\"position\":\"1\"}",
    "/paper/accounts/" + PaperFixture.ACCOUNT + "/position | {\"market_id\":99,\"position\":\"1\"}",
    "/paper/accounts/" + PaperFixture.ACCOUNT + "/position | {\"market_id\":0,\"position\":1}",
    "/paper/accounts/" + PaperFixture.ACCOUNT + "/position | {\"market_id\":0,\"position\":\"0.00001\"}",
    "/paper/accounts/" + PaperFixture.ACCOUNT + "/position | {\"market_id\":0,\"position\":\"1e9\"}",
    "/paper/accounts/x/position | {\"market_id\":0,\"position\":\"1\"}",
  })
  void aBadPositionRequestIsA400(String path, String body) {
    assertThat(paper.http.postJson(path, new JsonObject(body)).status()).isEqualTo(400);
  }
}
