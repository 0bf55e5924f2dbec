package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.orders;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.e2e.TradingHarness.TestAccount;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Target positions a followed leader's change produces, submitted on the account's bus address as the leader side
 * submits them (README "Target positions"): executed once per idempotency key across a restart, nothing traded when
 * the account holds the target or the difference is below the market's minimum, and no entry that chases the
 * leader's price while exits always pass. ETH trades around a mid of 3000.00 (best ask 3000.30, best bid 2999.70).
 */
@ExtendWith(VertxExtension.class)
class FollowRequestTest {

  private static TradingHarness harness;
  private static Vertx bus;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    bus = vertx;
    // Ten accounts as configured by default, one for each test that asks for a fresh one, and the last one with
    // ETH at 10x.
    List<JsonObject> accounts = new ArrayList<>(Collections.nCopies(10, new JsonObject()));
    accounts.add(new JsonObject().put("leverage", new JsonObject().put("ETH", 10)));
    harness = TradingHarness.start(vertx, dir, accounts, Map.of("SHUTDOWN_GRACE", "0"));
  }

  /** The contract's request for a target of {@code base} ETH, leader entry 3000 and no no-chase tolerance. */
  private static JsonObject follow(TestAccount account, String base, String event) {
    return new JsonObject().put("account_index", account.index()).put("market_id", ETH).put("symbol", "ETH")
      .put("action", "position").put("target_base", base)
      .put("client_request_id", "follow:alice:" + account.index() + ":" + ETH + ":" + event)
      .put("follow", new JsonObject().put("leader", "alice").put("leader_account_index", 42)
        .put("leader_position", base).put("leader_entry", "3000").put("leader_equity", "25000.5")
        .put("event", event).put("no_chase_tolerance", null).put("drift", false));
  }

  private static JsonObject submit(JsonObject request) {
    return bus.eventBus().<JsonObject>request(Addresses.accountSubmit(request.getLong("account_index")), request)
      .await().body();
  }

  /** Submits the request and waits for its final state. */
  private static JsonObject executed(JsonObject request) {
    return harness.awaitFinal(submit(request).getString("request_id"));
  }

  private static JsonObject withNoChase(JsonObject request, String leaderEntry, String tolerance) {
    request.getJsonObject("follow").put("leader_entry", leaderEntry).put("no_chase_tolerance", tolerance);
    return request;
  }

  @Test
  void aFollowTargetIsJournaledAsAFollowWithTheLeadersFigures() {
    TestAccount account = harness.freshAccount();

    JsonObject status = executed(follow(account, "0.5", "e1"));

    assertThat(status.getString("state")).isEqualTo("filled");
    assertThat(status.getString("kind")).isEqualTo("follow");
    JsonObject figures = status.getJsonObject("request").getJsonObject("follow");
    assertThat(figures.getString("leader")).isEqualTo("alice");
    assertThat(figures.getString("leader_equity")).isEqualTo("25000.5");
    assertThat(status.getJsonObject("target").getString("target_base")).isEqualTo("0.5000");
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo("0.5");
  }

  @Test
  void aFollowersFillIsNotNotifiedOnItsOwnButAPositionRequestsIs() {
    TestAccount account = harness.freshAccount();
    String followed = submit(follow(account, "0.5", "e1")).getString("request_id");
    harness.filled(followed);

    // Notices of one account go out in order: once the close's arrives, the follow's fill notice would be there
    String closed = harness.submit("/api/position", new JsonObject().put("account_index", account.index())
      .put("symbol", "ETH").put("target_ratio", 0));
    harness.awaitTelegram(closed, "Position closed");

    assertThat(harness.telegramFor(followed)).noneMatch(text -> text.contains("<b>Position opened</b>"));
  }

  @Test
  void aTargetsEntryIsOpenedAtTheConfiguredLeverage() {
    TestAccount levered = harness.account(10);

    JsonObject status = executed(follow(levered, "0.5", "e1"));

    assertThat(status.getString("state")).isEqualTo("filled");
    assertThat(harness.position(levered, ETH).orElseThrow().initialMarginFraction()).isEqualByComparingTo("10");
  }

  @Test
  void theSameFollowKeySubmittedTwiceTradesOnce() {
    TestAccount account = harness.freshAccount();
    JsonObject request = follow(account, "0.5", "e1");
    JsonObject first = submit(request);

    JsonObject second = submit(request);

    assertThat(second.getString("request_id")).isEqualTo(first.getString("request_id"));
    assertThat(second.getBoolean("duplicate")).isTrue();
    JsonObject status = harness.filled(first.getString("request_id"));
    request.getJsonObject("follow").put("leader_equity", "25001");
    ReplyException changed = catchThrowableOfType(ReplyException.class, () -> submit(request));
    assertThat(changed.failureCode()).isEqualTo(FailureCode.IDEMPOTENCY_CONFLICT.code());
    assertThat(orders(status, "entry")).hasSize(1);
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo("0.5");
  }

  @Test
  void aLostAnswerIsSettledByTheExchangesEvidenceAndTheFlipTradesOnce() {
    TestAccount account = harness.freshAccount();
    executed(follow(account, "0.5", "e1"));
    harness.injectFaults(new JsonObject().put("drop_response_count", 1));

    JsonObject status = executed(follow(account, "-0.25", "e2"));

    harness.clearFaults();
    assertThat(status.getString("state")).isEqualTo("filled");
    assertThat(orders(status, "close")).extracting(order -> order.getLong("client_order_index")).doesNotHaveDuplicates()
      .hasSize(1);
    assertThat(orders(status, "entry")).extracting(order -> order.getLong("client_order_index")).hasSize(1);
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo("-0.25");
  }

  @Test
  void aRestartWithTheOrderInDoubtTradesOnceAndTheRepeatedKeyFindsTheRequest() throws Exception {
    TestAccount account = harness.freshAccount();
    harness.injectFaults(new JsonObject().put("drop_response_count", 1).put("error_count", 1_000_000)
      .put("error_path", "/api/v1/accountOrders"));
    JsonObject request = follow(account, "0.5", "restart");
    String id = submit(request).getString("request_id");
    eventually("the entry order's outcome to be unknown", Duration.ofSeconds(10), () -> harness.requestStatus(id),
      status -> !orders(status, "entry").isEmpty() && "unknown".equals(orders(status, "entry").get(0).getString("state")));

    harness.restartService();
    harness.clearFaults();
    JsonObject repeat = submit(request);

    assertThat(repeat.getString("request_id")).isEqualTo(id);
    assertThat(repeat.getBoolean("duplicate")).isTrue();
    JsonObject status = harness.filled(id);
    List<JsonObject> entries = orders(status, "entry");
    assertThat(entries).extracting(entry -> entry.getLong("client_order_index")).containsOnly(
      entries.get(0).getLong("client_order_index"));
    assertThat(harness.ordersByClientIndex(account, List.of(entries.get(0).getLong("client_order_index"))))
      .singleElement().satisfies(order -> assertThat(order.filledBaseAmount()).isEqualByComparingTo("0.5"));
    assertThat(status.getJsonObject("target").getJsonArray("steps")).extracting(step ->
      ((JsonObject) step).getString("outcome")).containsExactly("filled");
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo("0.5");
    assertThat(harness.stopLosses(account, ETH)).hasSize(1);
  }

  /** A target of {@code base} for an account holding 0.5 ETH, which ends completed with no order sent. */
  private static JsonObject completedFromHalf(TestAccount account, String base) {
    executed(follow(account, "0.5", "e1"));
    JsonObject status = executed(follow(account, base, "e2"));
    assertThat(status.getString("state")).isEqualTo("completed");
    assertThat(status.getJsonArray("orders")).isEmpty();
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo("0.5");
    return status;
  }

  @Test
  void aTargetEqualToThePositionSendsNothing() {
    JsonObject status = completedFromHalf(harness.freshAccount(), "0.5");

    assertThat(status.getString("error_code")).isNull();
    assertThat(status.getString("error_message")).contains("already at the target");
    assertThat(status.getJsonObject("target").getJsonArray("steps")).isEmpty();
  }

  @Test
  void aDifferenceBelowTheMarketMinimumIsSkippedAndRecorded() {
    JsonObject status = completedFromHalf(harness.freshAccount(), "0.503");

    assertThat(status.getString("error_code")).isEqualTo("SIZE_BELOW_MINIMUM");
    JsonObject step = status.getJsonObject("target").getJsonArray("steps").getJsonObject(0);
    assertThat(step.getString("action")).isEqualTo("increase");
    assertThat(step.getString("outcome")).isEqualTo("skipped");
    assertThat(step.getString("detail")).contains("below the market minimum");
  }

  @Test
  void noChaseRefusesAnEntryAtAPriceWorseThanTheLeadersEntry() {
    TestAccount account = harness.freshAccount();

    JsonObject status = executed(withNoChase(follow(account, "0.5", "e1"), "2900", "0.005"));

    assertThat(status.getString("state")).isEqualTo("rejected");
    assertThat(status.getString("error_code")).isEqualTo("NO_CHASE");
    assertThat(status.getJsonObject("target").getJsonArray("steps").getJsonObject(0).getString("outcome"))
      .isEqualTo("no_chase");
    assertThat(status.getJsonArray("orders")).isEmpty();
    assertThat(harness.signedPosition(account, ETH)).isZero();
  }

  @Test
  void noChaseLetsAnExitPass() {
    TestAccount account = harness.freshAccount();
    executed(follow(account, "0.5", "e1"));

    JsonObject status = executed(withNoChase(follow(account, "0", "e2"), "2900", "0.005"));

    assertThat(status.getString("state")).isEqualTo("filled");
    assertThat(orders(status, "close")).hasSize(1);
    assertThat(harness.signedPosition(account, ETH)).isZero();
  }

  @Test
  void aMalformedFollowRequestIsRefusedNamingTheField() {
    TestAccount account = harness.freshAccount();
    Map<UnaryOperator<JsonObject>, String> bad = Map.of(
      request -> request.put("target_ratio", "0.5"), "a target has exactly one of target_ratio and target_base",
      request -> request.put("target_base", 0.5), "target_base must be a decimal string",
      request -> request.put("target_base", "1E+30"), "target_base must have at most 18",
      request -> request.put("target_base", "0.5x"), "target_base is not a decimal number",
      request -> request.put("market_id", null), "market_id is required",
      request -> request.put("extra", 1), "unknown field 'extra'",
      request -> { request.getJsonObject("follow").put("no_chase_tolerance", "2"); return request; },
      "follow.no_chase_tolerance must be between 0 and 1",
      request -> { request.getJsonObject("follow").put("event", "x".repeat(129)); return request; },
      "follow.event must be 1 to 128",
      request -> { request.getJsonObject("follow").remove("leader"); return request; },
      "follow.leader is required",
      request -> request.put("client_request_id", "k".repeat(257)), "client_request_id must be 1 to 256");
    bad.forEach((change, message) -> {
      ReplyException refused = catchThrowableOfType(ReplyException.class,
        () -> submit(change.apply(follow(account, "0.5", "bad"))));
      assertThat(refused).as(message).isNotNull();
      assertThat(refused.failureCode()).isEqualTo(FailureCode.INVALID_REQUEST.code());
      assertThat(refused.getMessage()).startsWith(message);
    });
    assertThat(harness.signedPosition(account, ETH)).isZero();
  }
}
