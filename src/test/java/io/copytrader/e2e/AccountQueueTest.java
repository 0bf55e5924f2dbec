package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.orders;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each account's requests run one at a time in the order they were accepted while accounts trade side by
 * side, and a request repeated under the same idempotency key executes once.
 */
@ExtendWith(VertxExtension.class)
class AccountQueueTest {

  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 6, Map.of());
  }

  /** Every request started only after the one accepted before it had finished. */
  private static void assertRanStrictlyInOrder(List<JsonObject> statuses) {
    for (int i = 1; i < statuses.size(); i++) {
      Instant previousFinished = Instant.parse(statuses.get(i - 1).getString("finished_at"));
      Instant started = Instant.parse(statuses.get(i).getString("started_at"));
      assertThat(started).as("request %d started after request %d finished", i, i - 1)
        .isAfterOrEqualTo(previousFinished);
    }
    List<Long> nonces = statuses.stream().map(status -> orders(status, "entry").isEmpty()
      ? orders(status, "close").get(0).getLong("nonce") : orders(status, "entry").get(0).getLong("nonce")).toList();
    assertThat(nonces).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void twoAccountsTradeSideBySideEachStrictlyInOrder() {
    TestAccount first = harness.freshAccount();
    TestAccount second = harness.freshAccount();
    List<String> firstIds = new ArrayList<>();
    List<String> secondIds = new ArrayList<>();

    firstIds.add(harness.trade(first, "ETH", "long", "0.5"));
    secondIds.add(harness.trade(second, "ETH", "short", "0.5"));
    firstIds.add(harness.trade(first, "ETH", "close", null));
    secondIds.add(harness.trade(second, "ETH", "close", null));

    List<JsonObject> firstStatuses = firstIds.stream().map(harness::filled).toList();
    List<JsonObject> secondStatuses = secondIds.stream().map(harness::filled).toList();
    assertRanStrictlyInOrder(firstStatuses);
    assertRanStrictlyInOrder(secondStatuses);
    assertThat(harness.position(first, ETH)).isEmpty();
    assertThat(harness.position(second, ETH)).isEmpty();
    assertThat(harness.awaitTelegram(firstIds.get(1), "Position closed")).contains("<b>Side:</b> LONG");
    assertThat(harness.awaitTelegram(secondIds.get(1), "Position closed")).contains("<b>Side:</b> SHORT");
    assertThat(harness.telegramFor(firstIds.get(0))).anyMatch(text -> text.contains("<b>Position opened</b>"));
    assertThat(harness.telegramFor(secondIds.get(0))).anyMatch(text -> text.contains("<b>Position opened</b>"));
  }

  @Test
  void aRequestToAnIdleAccountStartsAsItIsAcceptedAndOneBehindItStartsWhenItsTurnComes() {
    TestAccount account = harness.freshAccount();
    String first = harness.trade(account, "ETH", "long", "0.5");
    String second = harness.trade(account, "ETH", "close", null);

    JsonObject firstStatus = harness.filled(first);
    JsonObject secondStatus = harness.filled(second);

    assertThat(firstStatus.getString("started_at")).isEqualTo(firstStatus.getString("created_at"));
    assertThat(Instant.parse(secondStatus.getString("started_at")))
      .isAfterOrEqualTo(Instant.parse(firstStatus.getString("finished_at")));
    assertThat(List.of(firstStatus.getInteger("attempts"), secondStatus.getInteger("attempts")))
      .containsExactly(1, 1);
  }

  @Test
  void twentyConcurrentRepeatsOfOneKeyExecuteOnce() {
    TestAccount account = harness.freshAccount();
    JsonObject body = TradingHarness.tradeBody(account, "ETH", "long", "0.5");

    List<Future<HttpResponse<Buffer>>> sent = IntStream.range(0, 20)
      .mapToObj(i -> harness.api(HttpMethod.POST, "/api/trade").putHeader("Idempotency-Key", "signal-20-at-once")
        .sendJsonObject(body))
      .toList();
    Future.all(sent).await();

    List<HttpResponse<Buffer>> responses = sent.stream().map(Future::result).toList();
    assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200, 202);
    assertThat(responses).filteredOn(response -> response.statusCode() == 202).hasSize(1);
    List<String> ids = responses.stream().map(response -> response.bodyAsJsonObject().getString("request_id"))
      .distinct().toList();
    assertThat(ids).hasSize(1);
    JsonObject status = harness.assertOneOpeningFill(account, ids.get(0), "1.3333");
    assertThat(orders(status, "entry")).hasSize(1);
    assertThat(status.getString("idempotency_key")).isEqualTo("signal-20-at-once");
    assertThat(harness.get("/api/trades?account_index=" + account.index()).bodyAsJsonObject()
      .getJsonArray("requests")).hasSize(1);
  }

  @Test
  void sameKeyWithAnotherBodyIsAConflict() {
    TestAccount account = harness.freshAccount();
    HttpResponse<Buffer> original = harness.api(HttpMethod.POST, "/api/trade")
      .putHeader("Idempotency-Key", "signal-conflict")
      .sendJsonObject(TradingHarness.tradeBody(account, "ETH", "close", null)).await();

    HttpResponse<Buffer> conflicting = harness.api(HttpMethod.POST, "/api/trade")
      .putHeader("Idempotency-Key", "signal-conflict")
      .sendJsonObject(TradingHarness.tradeBody(account, "ETH", "long", "0.5")).await();

    assertThat(original.statusCode()).isEqualTo(202);
    assertThat(conflicting.statusCode()).isEqualTo(409);
    assertThat(conflicting.bodyAsJsonObject().getString("code")).isEqualTo("IDEMPOTENCY_CONFLICT");
    String id = original.bodyAsJsonObject().getString("request_id");
    assertThat(harness.awaitFinal(id).getString("error_code")).isEqualTo("NO_POSITION");
    assertThat(harness.get("/api/trades?account_index=" + account.index()).bodyAsJsonObject()
      .getJsonArray("requests")).hasSize(1);
    assertThat(harness.position(account, ETH)).isEmpty();
    assertThat(harness.awaitTelegram(id, "Trade rejected")).contains("<b>Code:</b> NO_POSITION");
  }

  @Test
  void repeatOfAnAdjustmentThatClosedThePositionGetsTheOriginalRequest() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));
    JsonObject body = TradingHarness.adjustBody(account, "ETH", "decrease", "1");
    String id = harness.api(HttpMethod.POST, "/api/trade/adjust").putHeader("Idempotency-Key", "close-by-adjust")
      .sendJsonObject(body).await().bodyAsJsonObject().getString("request_id");
    harness.filled(id);

    HttpResponse<Buffer> repeat = harness.api(HttpMethod.POST, "/api/trade/adjust")
      .putHeader("Idempotency-Key", "close-by-adjust").sendJsonObject(body).await();

    assertThat(repeat.statusCode()).as(repeat.bodyAsString()).isEqualTo(200);
    assertThat(repeat.bodyAsJsonObject().getString("request_id")).isEqualTo(id);
    assertThat(repeat.bodyAsJsonObject().getString("state")).isEqualTo("filled");
    assertThat(harness.position(account, ETH)).isEmpty();
    assertThat(harness.get("/api/trades?account_index=" + account.index()).bodyAsJsonObject()
      .getJsonArray("requests")).hasSize(2);
    assertThat(harness.awaitTelegram(id, "Position closed")).contains("<b>Size:</b> 1.3333");
  }
}
