package io.copytrader.paper.streams;

import static io.copytrader.paper.streams.PaperStream.ACCOUNT;
import static io.copytrader.paper.streams.PaperStream.KEY;
import static io.copytrader.paper.streams.PaperStream.KEY_INDEX;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.AuthToken;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each channel's snapshot and then its update, in Lighter's frames, as a client on the socket reads them. */
@ExtendWith(VertxExtension.class)
class PaperStreamChannelsTest {

  /** Any epoch in milliseconds of this century is above this; one in seconds is below. */
  private static final long MILLISECONDS = 1_000_000_000_000L;

  private PaperStream stream;

  @BeforeEach
  void start(Vertx vertx) throws InterruptedException {
    stream = PaperStream.greeted(vertx);
  }

  private void buy(long clientOrderIndex) {
    stream.sendOverRest(stream.marketBuy(KEY, clientOrderIndex, stream.nextNonce()));
  }

  @Test
  void theSnapshotIsTheOnlyAnswerToASubscribe() throws InterruptedException {
    assertThat(stream.snapshot("market_stats/0", null).getString("type")).isEqualTo("subscribed/market_stats");

    assertThat(stream.pong().getString("type")).as("no bare subscribed frame around the snapshot").isEqualTo("pong");
  }

  @Test
  void marketStatsSnapshotThenUpdateWhenThePriceMoves() throws InterruptedException {
    JsonObject snapshot = stream.snapshot("market_stats/0", null);
    assertThat(snapshot.getString("channel")).isEqualTo("market_stats:0");
    JsonObject stats = snapshot.getJsonObject("market_stats");
    assertThat(stats.getInteger("market_id")).isZero();
    assertThat(stats.getString("mark_price")).matches("\\d+\\.\\d{2}");
    assertThat(stats.getLong("funding_timestamp")).as("in ms").isGreaterThan(MILLISECONDS);
    assertThat(snapshot.getLong("timestamp")).as("in ms").isGreaterThan(MILLISECONDS);

    stream.control("/paper/markets/0/price", new JsonObject().put("price", "3100.00"));

    JsonObject update = stream.nextOfType("update/market_stats");
    assertThat(update.getString("channel")).isEqualTo("market_stats:0");
    assertThat(update.getJsonObject("market_stats").getString("mark_price")).isEqualTo("3100.00");
    assertThat(update.getJsonObject("market_stats").getString("index_price")).isEqualTo("3100.00");
  }

  @Test
  void allMarketStatsAreKeyedByMarketId() throws InterruptedException {
    JsonObject snapshot = stream.snapshot("market_stats/all", null);
    assertThat(snapshot.getString("channel")).isEqualTo("market_stats:all");
    assertThat(snapshot.getJsonObject("market_stats").getJsonObject("0").getInteger("market_id")).isZero();

    stream.control("/paper/markets/0/price", new JsonObject().put("price", "3100.00"));

    JsonObject update = stream.nextOfType("update/market_stats");
    assertThat(update.getString("channel")).isEqualTo("market_stats:all");
    assertThat(update.getJsonObject("market_stats").getJsonObject("0").getString("mid_price")).isEqualTo("3100.00");
  }

  @Test
  void marketStatsCountAFillInTheDailyVolumeAndOpenInterest() throws InterruptedException {
    stream.snapshot("market_stats/0", null);

    buy(11);

    JsonObject stats = stream.nextOfType("update/market_stats").getJsonObject("market_stats");
    assertThat(stats.getDouble("daily_base_token_volume")).isEqualTo(0.1);
    assertThat(stats.getString("open_interest")).isEqualTo("0.1000");
  }

  @Test
  void tradeTapeSnapshotThenAFillNamingBothAccounts() throws InterruptedException {
    JsonObject snapshot = stream.snapshot("trade/0", null);
    assertThat(snapshot.getString("type")).isEqualTo("subscribed/trade");
    assertThat(snapshot.getString("channel")).isEqualTo("trade:0");
    assertThat(snapshot.getJsonArray("trades")).isEmpty();

    buy(12);

    JsonObject update = stream.nextOfType("update/trade");
    assertThat(update.getString("channel")).isEqualTo("trade:0");
    JsonObject trade = update.getJsonArray("trades").getJsonObject(0);
    assertThat(trade.getLong("bid_account_id")).as("the buyer").isEqualTo(ACCOUNT);
    assertThat(trade.getLong("ask_account_id")).as("the synthetic book").isZero();
    assertThat(trade.getBoolean("is_maker_ask")).isTrue();
    assertThat(trade.getString("size")).isEqualTo("0.1000");
    assertThat(trade.getLong("timestamp")).as("in ms").isGreaterThan(MILLISECONDS);
    assertThat(update.getJsonArray("liquidation_trades")).isEmpty();
  }

  @Test
  void accountAllIsPublicAndCarriesTheFillAndThePosition() throws InterruptedException {
    JsonObject snapshot = stream.snapshot("account_all/" + ACCOUNT, null);
    assertThat(snapshot.getString("type")).isEqualTo("subscribed/account_all");
    assertThat(snapshot.getString("channel")).isEqualTo("account_all:" + ACCOUNT);
    assertThat(snapshot.getLong("account")).isEqualTo(ACCOUNT);
    assertThat(snapshot.getJsonObject("funding_histories")).isEmpty();

    buy(13);

    JsonObject update = stream.nextOfType("update/account_all");
    assertThat(update.getJsonObject("positions").getJsonObject("0").getString("position")).isEqualTo("0.1000");
    assertThat(update.getJsonObject("trades").getJsonArray("0").getJsonObject(0).getLong("bid_account_id"))
      .isEqualTo(ACCOUNT);
    assertThat(update.getInteger("daily_trades_count")).isEqualTo(1);
  }

  @Test
  void accountAllTradesSnapshotThenTheFill() throws InterruptedException {
    JsonObject snapshot = stream.snapshot("account_all_trades/" + ACCOUNT, stream.token());
    assertThat(snapshot.getString("type")).isEqualTo("subscribed/account_all_trades");
    assertThat(snapshot.getJsonObject("trades")).isEmpty();
    assertThat(snapshot.getDouble("total_volume")).isZero();

    buy(14);

    JsonObject update = stream.nextOfType("update/account_all_trades");
    assertThat(update.getString("channel")).isEqualTo("account_all_trades:" + ACCOUNT);
    assertThat(update.getJsonObject("trades").getJsonArray("0").getJsonObject(0).getString("price"))
      .matches("\\d+\\.\\d{2}");
  }

  @Test
  void accountOrdersSnapshotThenTheNewOrder() throws InterruptedException {
    JsonObject snapshot = stream.snapshot("account_orders/0/" + ACCOUNT, stream.token());
    assertThat(snapshot.getString("type")).isEqualTo("subscribed/account_orders");
    assertThat(snapshot.getString("channel")).isEqualTo("account_orders:0:" + ACCOUNT);
    assertThat(snapshot.getLong("account")).isEqualTo(ACCOUNT);
    assertThat(snapshot.getJsonObject("orders").getJsonArray("0")).isEmpty();

    stream.sendOverRest(stream.restingBid(15, stream.nextNonce()));

    JsonObject update = stream.nextOfType("update/account_orders");
    assertThat(update.getString("channel")).isEqualTo("account_orders:0:" + ACCOUNT);
    JsonObject order = update.getJsonObject("orders").getJsonArray("0").getJsonObject(0);
    assertThat(order.getLong("client_order_index")).isEqualTo(15);
    assertThat(order.getString("status")).isEqualTo("open");
  }

  @Test
  void accountOrdersOfAnotherMarketStayQuiet() throws InterruptedException {
    stream.snapshot("account_orders/1/" + ACCOUNT, stream.token());

    stream.sendOverRest(stream.restingBid(16, stream.nextNonce()));

    assertThat(stream.pong().getString("type")).as("the order is in market 0").isEqualTo("pong");
  }

  @Test
  void accountOrdersRefuseAMissingToken() throws InterruptedException {
    JsonObject refused = stream.snapshot("account_orders/0/" + ACCOUNT, null);

    assertThat(refused.getString("type")).isEqualTo("error");
    assertThat(refused.getInteger("code")).isEqualTo(30012);
  }

  @Test
  void accountOrdersRefuseAnotherAccountsToken() throws InterruptedException {
    String otherAccount = AuthToken.create(KEY, ACCOUNT + 1, KEY_INDEX, System.currentTimeMillis() / 1000 + 600);

    assertThat(stream.snapshot("account_orders/0/" + ACCOUNT, otherAccount).getInteger("code")).isEqualTo(30012);
  }

  @Test
  void accountAllTradesRefuseAMissingToken() throws InterruptedException {
    assertThat(stream.snapshot("account_all_trades/" + ACCOUNT, null).getInteger("code")).isEqualTo(30012);
  }

  @Test
  void channelsOfUnknownMarketsOrAccountsAreInvalid() throws InterruptedException {
    assertThat(stream.snapshot("trade/999", null).getInteger("code")).isEqualTo(30005);
    assertThat(stream.snapshot("account_all/" + (ACCOUNT + 1), null).getInteger("code")).isEqualTo(30005);
    assertThat(stream.snapshot("account_orders/0", stream.token()).getInteger("code")).isEqualTo(30005);
  }
}
