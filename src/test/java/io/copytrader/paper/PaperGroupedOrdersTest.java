package io.copytrader.paper;

import static io.copytrader.paper.PaperFixture.ACCOUNT;
import static io.copytrader.paper.PaperFixture.CHAIN_ID;
import static io.copytrader.paper.PaperFixture.ETH;
import static io.copytrader.paper.PaperFixture.KEY_INDEX;
import static io.copytrader.paper.PaperFixture.OTHER_KEY;
import static io.copytrader.paper.PaperTrader.SL_EXPIRY;
import static io.copytrader.paper.PaperTrader.expiredAt;
import static io.copytrader.paper.PaperTrader.price;
import static io.copytrader.paper.PaperTrader.size;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.LighterErrorCodes;
import io.copytrader.lighter.signer.CreateGroupedOrdersTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.OrderInfo;
import io.copytrader.lighter.signer.TxAttributes;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CreateGroupedOrders (tx type 28) sent to the paper exchange over HTTP, signed by the real signer: OTO children
 * armed by their parent's fill, OCO legs cancelling each other, size-0 legs following the position, and both
 * readings of each assumption (GroupedAssumptions). The book: ETH mid 3000.00, best ask 3000.30 holding 16.6650.
 */
@ExtendWith(VertxExtension.class)
class PaperGroupedOrdersTest {

  private static final int OTO = CreateGroupedOrdersTx.GROUPING_OTO;
  private static final int OCO = CreateGroupedOrdersTx.GROUPING_OCO;
  private static final int OTOCO = CreateGroupedOrdersTx.GROUPING_OTOCO;

  /** Every order's expiry in a test (28 days): the legs of a group share one. */
  private final long expiry = System.currentTimeMillis() + SL_EXPIRY.toMillis();
  private Vertx vertx;
  private PaperFixture paper;
  private PaperTrader trader;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    paper = PaperFixture.start(vertx);
    trader = paper.trader;
  }

  @AfterEach
  void stop() {
    paper.close();
  }

  // ----- OTO

  @Test
  void anOtoChildIsArmedWithWhatTheMarketParentExecuted() {
    PaperHttp.Reply reply = group(OTO, marketBuy(1, "1.0000", "3100.00"), stopLoss(2, "2900.00"));

    assertThat(reply.code()).as(reply.raw()).isEqualTo(200);
    JsonObject parent = trader.order(1);
    JsonObject child = trader.order(2);
    assertThat(parent.getString("status")).isEqualTo("filled");
    assertThat(child.getString("status")).isEqualTo("pending");
    assertThat(child.getString("trigger_status")).isEqualTo("mark-price");
    assertThat(child.getString("initial_base_amount")).isEqualTo("1.0000");
    assertThat(child.getLong("parent_order_index")).isEqualTo(parent.getLong("order_index"));
    assertThat(parent.getString("to_trigger_order_id_0")).isEqualTo(child.getString("order_id"));
    assertThat(trader.nextNonce()).isEqualTo(1);
  }

  @Test
  void anArmedOtoChildClosesThePositionItsParentOpened() {
    group(OTO, marketBuy(1, "1.0000", "3100.00"), stopLoss(2, "2900.00"));

    paper.setMid(ETH, "2890.00");

    assertThat(status(2)).isEqualTo("filled");
    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.0000");
  }

  @Test
  void anOtoChildIsCancelledWhenTheParentFillsNothing() {
    group(OTO, marketBuy(1, "1.0000", "2990.00"), stopLoss(2, "2900.00"));

    assertThat(status(1)).isEqualTo("canceled-too-much-slippage");
    assertThat(status(2)).isEqualTo("canceled-child");
    assertThat(trader.account().getJsonArray("positions")).isEmpty();
  }

  @Test
  void aRestingParentsChildWaitsForItAndIsArmedByItsFill() {
    group(OTO, limitBuy(1, "1.0000", "2990.00"), stopLoss(2, "2900.00"));
    JsonObject waiting = trader.order(2);
    assertThat(status(1)).isEqualTo("open");
    assertThat(waiting.getString("status")).isEqualTo("pending");
    assertThat(waiting.getString("trigger_status")).isEqualTo("parent-order");
    assertThat(waiting.getString("initial_base_amount")).isEqualTo("0.0000");

    paper.setMid(ETH, "2980.00");

    assertThat(status(1)).isEqualTo("filled");
    assertThat(trader.order(2).getString("trigger_status")).isEqualTo("mark-price");
    assertThat(trader.order(2).getString("initial_base_amount")).isEqualTo("1.0000");
  }

  @Test
  void aRestingParentCancelledByItsOwnerTakesItsChildWithIt() {
    group(OTO, limitBuy(1, "1.0000", "2990.00"), stopLoss(2, "2900.00"));

    trader.cancel(trader.order(1).getLong("order_index"));

    assertThat(status(1)).isEqualTo("canceled");
    assertThat(status(2)).isEqualTo("canceled-child");
  }

  // ----- OCO, OTOCO and position-tied legs

  @Test
  void anOcoLegTriggeringCancelsItsSibling() {
    longWithPositionTiedPair();
    assertThat(trader.ethPosition().getInteger("position_tied_order_count")).isEqualTo(2);

    paper.setMid(ETH, "3110.00");

    assertThat(status(3)).isEqualTo("filled");
    assertThat(status(2)).isEqualTo("canceled-oco");
    assertThat(trader.order(2).getString("to_cancel_order_id_0")).isEqualTo(trader.order(3).getString("order_id"));
    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.0000");
  }

  @Test
  void aSizeZeroStopClosesTheWholePositionAfterItGrew() {
    longWithPositionTiedPair();
    trader.buy(4, "1.5000", "3100.00");

    paper.setMid(ETH, "2890.00");

    assertThat(status(2)).isEqualTo("filled");
    assertThat(trader.order(2).getString("filled_base_amount")).isEqualTo("2.5000");
    assertThat(status(3)).isEqualTo("canceled-oco");
    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.0000");
  }

  @ParameterizedTest(name = "selling {0} of a long of 1")
  @CsvSource({"1.0000, 0.0000, 1", "2.0000, 1.0000, -1"})
  void sizeZeroLegsAreCancelledWhenThePositionGoesFlatOrFlips(String sold, String left, int sign) {
    longWithPositionTiedPair();

    trader.sell(4, sold, "2900.00");

    JsonObject position = trader.ethPosition();
    assertThat(List.of(position.getString("position"), position.getInteger("sign"))).containsExactly(left, sign);
    assertThat(List.of(status(2), status(3))).containsOnly("canceled-reduce-only");
  }

  @Test
  void anOtocoArmsBothChildrenAndTheFirstToTriggerCancelsTheOther() {
    group(OTOCO, marketBuy(1, "1.0000", "3100.00"), stopLoss(2, "2900.00"), takeProfit(3, "3100.00"));
    assertThat(trader.order(2).getString("initial_base_amount")).isEqualTo("1.0000");
    assertThat(trader.order(3).getString("initial_base_amount")).isEqualTo("1.0000");

    paper.setMid(ETH, "3110.00");

    assertThat(status(3)).isEqualTo("filled");
    assertThat(status(2)).isEqualTo("canceled-oco");
    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.0000");
  }

  @Test
  void aGroupWithABadSignatureIsRefusedAndChangesNothing() {
    CreateGroupedOrdersTx tx = groupTx(OTO, marketBuy(1, "1.0000", "3100.00"), stopLoss(2, "2900.00"));

    PaperHttp.Reply reply = trader.signingWith(OTHER_KEY, CHAIN_ID).send(tx);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(LighterErrorCodes.INVALID_SIGNATURE);
    assertThat(trader.ordersByClientIndex(1).body().getJsonArray("orders")).isEmpty();
    assertThat(trader.nextNonce()).isZero();
  }

  @Test
  void anOcoLegThatWouldNotReduceIsRefusedAtIntake() {
    PaperHttp.Reply reply = group(OCO, stopLoss(2, "2900.00"), takeProfit(3, "3100.00"));

    assertThat(reply.code()).isEqualTo(LighterErrorCodes.INVALID_REDUCE_ONLY_DIRECTION);
    assertThat(trader.nextNonce()).isZero();
  }

  @Test
  void aChildWithASizeOfItsOwnIsRefusedNamingTheBaseAmount() {
    OrderInfo sized = new OrderInfo(ETH, 2, size("1.0000"), price("2850.00"), 1, CreateOrderTx.TYPE_STOP_LOSS_LIMIT,
      CreateOrderTx.TIF_GOOD_TILL_TIME, 1, price("2900.00"), expiry);
    CreateGroupedOrdersTx tx = groupTx(OTO, marketBuy(1, "1.0000", "3100.00"), sized);

    PaperHttp.Reply reply = trader.send(trader.signUnchecked(tx));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(LighterErrorCodes.INVALID_BASE_AMOUNT);
  }

  @Test
  void anArmedChildIsModifiedAsASizedOrder() {
    group(OTO, marketBuy(1, "1.0000", "3100.00"), stopLoss(2, "2900.00"));
    long child = trader.order(2).getLong("order_index");

    PaperHttp.Reply toZero = trader.modify(child, "0", "2900.00", "2850.00");
    PaperHttp.Reply resized = trader.modify(child, "2.0000", "2950.00", "2900.00");

    assertThat(toZero.code()).isEqualTo(LighterErrorCodes.INVALID_BASE_AMOUNT);
    assertThat(resized.code()).as(resized.raw()).isEqualTo(200);
    assertThat(trader.order(2).getString("initial_base_amount")).isEqualTo("2.0000");
  }

  @ParameterizedTest(name = "Orders {0}")
  @ValueSource(strings = {"four orders", "not a list", "holding a number"})
  void aGroupWhoseOrdersCannotBeReadIsRefusedBeforeAnythingElse(String shape) {
    JsonObject info = new JsonObject(trader.sign(groupTx(OTO, marketBuy(1, "1.0000", "3100.00"),
      stopLoss(2, "2900.00"))).txInfo());
    JsonArray orders = info.getJsonArray("Orders");
    info.put("Orders", switch (shape) {
      case "four orders" -> orders.copy().addAll(orders);
      case "not a list" -> orders.getJsonObject(0);
      default -> new JsonArray().add(7);
    });

    PaperHttp.Reply reply = paper.http.postForm("/api/v1/sendTx", MultiMap.caseInsensitiveMultiMap()
      .add("tx_type", "28").add("tx_info", info.encode()));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(LighterErrorCodes.INVALID_TX_INFO);
    assertThat(trader.nextNonce()).isZero();
  }

  // ----- the assumptions, both ways

  @Test
  void byDefaultAPartlyFilledParentTakesItsChildWithIt() {
    group(OTO, marketBuy(1, "20.0000", "3000.30"), stopLoss(2, "2900.00"));

    JsonObject parent = trader.order(1);
    assertThat(parent.getString("filled_base_amount")).isEqualTo("16.6650");
    assertThat(status(2)).isEqualTo("canceled-child");
    assertThat(trader.ethPosition().getString("position")).isEqualTo("16.6650");
  }

  @Test
  void childrenArmedAtAnyFillAreSizedToWhatAPartlyFilledParentExecuted() {
    paper.close();
    paper = PaperFixture.start(vertx, PaperFixture.config().withGrouped(new GroupedAssumptions(
      GroupedAssumptions.ChildrenArmed.ANY_FILL, GroupedAssumptions.ZeroSizeOrder.REFUSED)));
    trader = paper.trader;

    group(OTO, marketBuy(1, "20.0000", "3000.30"), stopLoss(2, "2900.00"));

    JsonObject child = trader.order(2);
    assertThat(List.of(child.getString("status"), child.getString("trigger_status"),
      child.getString("initial_base_amount"))).containsExactly("pending", "mark-price", "16.6650");
  }

  @ParameterizedTest(name = "children armed at {0}")
  @CsvSource({"full-fill, parent-order, false", "any-fill, mark-price, true"})
  void aRestingParentsPartialFillArmsItsChildOnlyWhenArmedAtAnyFill(String armed, String triggerStatus,
                                                                     boolean sizedToTheFill) {
    assumptions(new JsonObject().put("children_armed", armed));
    group(OTO, limitBuy(1, "20.0000", "2990.00"), stopLoss(2, "2900.00"));

    paper.setMid(ETH, "2989.00");

    String filled = trader.order(1).getString("filled_base_amount");
    assertThat(status(1)).isEqualTo("open");
    assertThat(new BigDecimal(filled)).isStrictlyBetween(BigDecimal.ZERO, new BigDecimal("20"));
    JsonObject child = trader.order(2);
    assertThat(child.getString("trigger_status")).isEqualTo(triggerStatus);
    assertThat(child.getString("initial_base_amount")).isEqualTo(sizedToTheFill ? filled : "0.0000");

    paper.setMid(ETH, "2980.00");

    assertThat(trader.order(2).getString("initial_base_amount")).isEqualTo("20.0000");
  }

  @Test
  void byDefaultAStandAloneSizeZeroStopIsRefused() {
    trader.buy(1, "1.0000", "3100.00");

    PaperHttp.Reply reply = trader.stopLossLimit(2, "0", "2900.00", "2850.00", true);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(LighterErrorCodes.INVALID_BASE_AMOUNT);
    assertThat(trader.nextNonce()).isEqualTo(1);
  }

  @Test
  void aStandAloneSizeZeroStopTakenAsPositionTiedClosesTheWholePosition() {
    assumptions(new JsonObject().put("zero_size_order", "position-tied"));
    trader.buy(1, "1.0000", "3100.00");
    assertThat(trader.stopLossLimit(2, "0", "2900.00", "2850.00", true).code()).isEqualTo(200);
    trader.buy(3, "1.0000", "3100.00");

    paper.setMid(ETH, "2890.00");

    assertThat(trader.order(2).getString("filled_base_amount")).isEqualTo("2.0000");
    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.0000");
  }

  @Test
  void theAssumptionsControlAnswersWhatIsInForceAndRefusesUnknownValues() {
    assertThat(paper.http.get("/paper/grouped-orders").body())
      .isEqualTo(new JsonObject().put("children_armed", "full-fill").put("zero_size_order", "refused")
        .putNull("refuse"));

    assertThat(assumptions(new JsonObject().put("children_armed", "any-fill")))
      .isEqualTo(new JsonObject().put("children_armed", "any-fill").put("zero_size_order", "refused")
        .putNull("refuse"));
    PaperHttp.Reply bad = paper.http.postJson("/paper/grouped-orders", new JsonObject().put("children_armed", "x"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.code()).isEqualTo(LighterErrorCodes.INVALID_PARAM);
  }

  @Test
  void theRefusalSwitchRefusesGroupsOfTheNamedAccountAndMarketWithItsCode() {
    JsonObject refuse = new JsonObject().put("code", LighterErrorCodes.UNSUPPORTED_TX_TYPE)
      .put("markets", new JsonArray().add(ETH)).put("accounts", new JsonArray().add(ACCOUNT));
    assertThat(assumptions(new JsonObject().put("refuse", refuse)).getJsonObject("refuse"))
      .isEqualTo(refuse.copy().put("in_sequencer", false));

    PaperHttp.Reply refused = group(OTO, marketBuy(1, "1.0000", "3100.00"), stopLoss(2, "2900.00"));

    assertThat(refused.code()).as(refused.raw()).isEqualTo(LighterErrorCodes.UNSUPPORTED_TX_TYPE);
    assertThat(trader.positionSize(ETH)).isZero();
    assertThat(trader.buy(3, "1.0000", "3100.00").code()).as("a single order still goes").isEqualTo(200);
    assertThat(assumptions(new JsonObject().putNull("refuse")).getValue("refuse")).isNull();
    assertThat(group(OTO, marketBuy(4, "1.0000", "3100.00"), stopLoss(5, "2900.00")).code()).isEqualTo(200);
  }

  // ----- what clients read

  @Test
  void theGroupedStatusesAreTheSpecsAndTheAnswersMatchItsSchema() throws Exception {
    group(OTO, marketBuy(1, "1.0000", "2990.00"), stopLoss(2, "2900.00"));
    trader.buy(3, "1.0000", "3100.00");
    group(OCO, stopLoss(4, "2900.00"), takeProfit(5, "3100.00"));
    paper.setMid(ETH, "3110.00");
    group(OTO, limitBuy(6, "1.0000", "2990.00"), stopLoss(7, "2900.00"));

    PaperHttp.Reply active = trader.activeOrders();
    PaperHttp.Reply inactive = paper.http.get("/api/v1/accountInactiveOrders?account_index=" + ACCOUNT + "&limit=50",
      Map.of("Authorization", trader.authToken()));

    LighterSpec spec = LighterSpec.load();
    assertThat(spec.errors("Orders", active.raw())).as(active.raw()).isEmpty();
    assertThat(spec.errors("Orders", inactive.raw())).as(inactive.raw()).isEmpty();
    List<JsonObject> orders = new ArrayList<>();
    Stream.of(active, inactive).forEach(reply -> reply.body().getJsonArray("orders")
      .forEach(order -> orders.add((JsonObject) order)));
    JsonObject orderSchema = orderSchema();
    assertThat(orders).extracting(order -> order.getString("status"))
      .contains("canceled-child", "canceled-oco")
      .allMatch(enumOf(orderSchema, "status")::contains);
    assertThat(orders).extracting(order -> order.getString("trigger_status"))
      .contains("parent-order")
      .allMatch(enumOf(orderSchema, "trigger_status")::contains);
  }

  // ----- helpers

  private static JsonObject orderSchema() throws IOException {
    try (InputStream in = PaperGroupedOrdersTest.class.getClassLoader().getResourceAsStream(LighterSpec.SPEC)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8))
        .getJsonObject("definitions").getJsonObject("Order").getJsonObject("properties");
    }
  }

  private static List<Object> enumOf(JsonObject properties, String field) {
    return properties.getJsonObject(field).getJsonArray("enum").getList();
  }

  /** A long of 1 (client index 1) with a position-tied stop-loss (2, trigger 2900) and take-profit (3, 3100). */
  private void longWithPositionTiedPair() {
    trader.buy(1, "1.0000", "3100.00");
    PaperHttp.Reply reply = group(OCO, stopLoss(2, "2900.00"), takeProfit(3, "3100.00"));
    assertThat(reply.code()).as(reply.raw()).isEqualTo(200);
  }

  private String status(long clientOrderIndex) {
    return trader.order(clientOrderIndex).getString("status");
  }

  private JsonObject assumptions(JsonObject body) {
    PaperHttp.Reply reply = paper.http.postJson("/paper/grouped-orders", body);
    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    return reply.body();
  }

  private PaperHttp.Reply group(int grouping, OrderInfo... orders) {
    return trader.send(groupTx(grouping, orders));
  }

  private CreateGroupedOrdersTx groupTx(int grouping, OrderInfo... orders) {
    return new CreateGroupedOrdersTx(ACCOUNT, KEY_INDEX, grouping, List.of(orders), expiredAt(), trader.nextNonce(),
      TxAttributes.none());
  }

  private static OrderInfo marketBuy(long clientOrderIndex, String size, String worstPrice) {
    return new OrderInfo(ETH, clientOrderIndex, size(size), price(worstPrice), 0, CreateOrderTx.TYPE_MARKET,
      CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0);
  }

  /** A GTT limit buy expiring with the group's children, as a parent with an expiry must. */
  private OrderInfo limitBuy(long clientOrderIndex, String size, String limit) {
    return new OrderInfo(ETH, clientOrderIndex, size(size), price(limit), 0, CreateOrderTx.TYPE_LIMIT,
      CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0, expiry);
  }

  /** A size-0 reduce-only sell stop-loss-limit, its limit 50 below the trigger. */
  private OrderInfo stopLoss(long clientOrderIndex, String trigger) {
    return order(clientOrderIndex, 0, fiftyBelow(trigger), CreateOrderTx.TYPE_STOP_LOSS_LIMIT, trigger, expiry);
  }

  /** A size-0 reduce-only sell take-profit-limit, its limit 50 below the trigger. */
  private OrderInfo takeProfit(long clientOrderIndex, String trigger) {
    return order(clientOrderIndex, 0, fiftyBelow(trigger), CreateOrderTx.TYPE_TAKE_PROFIT_LIMIT, trigger, expiry);
  }

  private static String fiftyBelow(String trigger) {
    return new BigDecimal(trigger).subtract(BigDecimal.valueOf(50)).toPlainString();
  }

  private static OrderInfo order(long clientOrderIndex, long size, String limit, int type, String trigger,
                                 long expiry) {
    return new OrderInfo(ETH, clientOrderIndex, size, price(limit), 1, type, CreateOrderTx.TIF_GOOD_TILL_TIME, 1,
      price(trigger), expiry);
  }
}
