package io.copytrader.lighter.signer;

import static io.copytrader.lighter.signer.CreateGroupedOrdersTx.GROUPING_OCO;
import static io.copytrader.lighter.signer.CreateGroupedOrdersTx.GROUPING_OTO;
import static io.copytrader.lighter.signer.CreateGroupedOrdersTx.GROUPING_OTOCO;
import static io.copytrader.lighter.signer.CreateOrderTx.TIF_GOOD_TILL_TIME;
import static io.copytrader.lighter.signer.CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL;
import static io.copytrader.lighter.signer.CreateOrderTx.TYPE_LIMIT;
import static io.copytrader.lighter.signer.CreateOrderTx.TYPE_MARKET;
import static io.copytrader.lighter.signer.CreateOrderTx.TYPE_STOP_LOSS_LIMIT;
import static io.copytrader.lighter.signer.CreateOrderTx.TYPE_TAKE_PROFIT_LIMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Grouped-order rules the official vectors do not exercise; the vectors themselves are in SignerVectorsTest. */
class CreateGroupedOrdersTxTest {

  private static final long EXPIRED_AT = 1767226199000L;
  private static final long EXPIRY = 1769644800000L;
  private static final OrderInfo MARKET_BUY = new OrderInfo(0, 0, 1000, 410000, 0, TYPE_MARKET,
      TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0);
  private static final OrderInfo STOP_SELL = child(TYPE_STOP_LOSS_LIMIT, 1, 0, 380000, EXPIRY);
  private static final OrderInfo TAKE_SELL = child(TYPE_TAKE_PROFIT_LIMIT, 1, 0, 450000, EXPIRY);

  private static OrderInfo child(int type, int isAsk, long baseAmount, long trigger, long expiry) {
    return new OrderInfo(0, 0, baseAmount, trigger, isAsk, type, TIF_GOOD_TILL_TIME, 1, trigger, expiry);
  }

  private static OrderInfo limitBuy(int tif, long trigger, long expiry) {
    return new OrderInfo(0, 0, 1000, 400000, 0, TYPE_LIMIT, tif, 0, trigger, expiry);
  }

  private static CreateGroupedOrdersTx group(int grouping, OrderInfo... orders) {
    return new CreateGroupedOrdersTx(12345, 3, grouping, List.of(orders), EXPIRED_AT, 7, TxAttributes.none());
  }

  static Stream<Arguments> invalidGroups() {
    return Stream.of(
        Arguments.of(group(GROUPING_OTO), "Orders"),
        Arguments.of(new CreateGroupedOrdersTx(12345, 3, GROUPING_OTO, List.of(MARKET_BUY, STOP_SELL), -1, 7, null),
            "ExpiredAt"),
        Arguments.of(new CreateGroupedOrdersTx(12345, 3, GROUPING_OTO, List.of(MARKET_BUY, STOP_SELL), EXPIRED_AT,
            -1, null), "Nonce"),
        Arguments.of(group(GROUPING_OTO, new OrderInfo(0, 1L << 48, 1000, 410000, 0, TYPE_MARKET,
            TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0), STOP_SELL), "Orders[0].ClientOrderIndex"),
        Arguments.of(group(GROUPING_OTO, limitBuy(TIF_GOOD_TILL_TIME, 390000, EXPIRY), STOP_SELL),
            "Orders[0].TriggerPrice"),
        Arguments.of(group(GROUPING_OTO, limitBuy(TIF_GOOD_TILL_TIME, 0, 0), STOP_SELL), "Orders[0].OrderExpiry"),
        Arguments.of(group(GROUPING_OTO, new OrderInfo(0, 0, 1000, 410000, 0, TYPE_MARKET, TIF_GOOD_TILL_TIME, 0, 0,
            0), STOP_SELL), "Orders[0].TimeInForce"),
        Arguments.of(group(GROUPING_OTOCO, MARKET_BUY, STOP_SELL, child(TYPE_TAKE_PROFIT_LIMIT, 1, 5, 450000,
            EXPIRY)), "Orders[2].BaseAmount"),
        Arguments.of(group(GROUPING_OTOCO, MARKET_BUY, TAKE_SELL, TAKE_SELL), "Orders[2].Type"),
        Arguments.of(group(GROUPING_OTOCO, MARKET_BUY, STOP_SELL), "Orders"),
        Arguments.of(group(GROUPING_OCO, STOP_SELL, new OrderInfo(0, 0, 0, 450000, 1, TYPE_TAKE_PROFIT_LIMIT,
            TIF_GOOD_TILL_TIME, 0, 450000, EXPIRY)), "Orders[1].BaseAmount"),
        Arguments.of(group(GROUPING_OCO, new OrderInfo(0, 0, 5, 380000, 1, TYPE_STOP_LOSS_LIMIT, TIF_GOOD_TILL_TIME,
            1, 380000, EXPIRY), new OrderInfo(0, 0, 5, 450000, 1, TYPE_TAKE_PROFIT_LIMIT, TIF_GOOD_TILL_TIME, 0,
            450000, EXPIRY)), "Orders[1].ReduceOnly"),
        Arguments.of(group(4, MARKET_BUY, STOP_SELL), "GroupingType"));
  }

  @ParameterizedTest
  @MethodSource("invalidGroups")
  void invalidGroupNamesTheFirstFieldLighterRefuses(CreateGroupedOrdersTx tx, String field) {
    InvalidTxException e = catchThrowableOfType(tx::validate, InvalidTxException.class);
    assertThat(e).isNotNull();
    assertThat(e.field()).isEqualTo(field);
  }

  static Stream<Arguments> validGroups() {
    return Stream.of(
        Arguments.of(group(GROUPING_OTO, MARKET_BUY, STOP_SELL)),
        Arguments.of(group(GROUPING_OTO, limitBuy(TIF_GOOD_TILL_TIME, 0, EXPIRY), TAKE_SELL)),
        Arguments.of(group(GROUPING_OTO, limitBuy(TIF_IMMEDIATE_OR_CANCEL, 0, 0), STOP_SELL)),
        Arguments.of(group(GROUPING_OCO, TAKE_SELL, STOP_SELL)),
        Arguments.of(group(GROUPING_OTOCO, MARKET_BUY, TAKE_SELL, STOP_SELL)));
  }

  @ParameterizedTest
  @MethodSource("validGroups")
  void validGroupPasses(CreateGroupedOrdersTx tx) {
    assertThatCode(tx::validate).doesNotThrowAnyException();
  }

  @Test
  void ordersAreCopiedFromTheCallersList() {
    List<OrderInfo> orders = new ArrayList<>(List.of(MARKET_BUY, STOP_SELL));
    CreateGroupedOrdersTx tx = new CreateGroupedOrdersTx(12345, 3, GROUPING_OTO, orders, EXPIRED_AT, 7, null);
    orders.clear();
    assertThat(tx.orders()).containsExactly(MARKET_BUY, STOP_SELL);
    assertThat(tx.attributes().isEmpty()).isTrue();
  }

  @Test
  void missingOrdersAreRefusedAtConstruction() {
    InvalidTxException nullList = catchThrowableOfType(
        () -> new CreateGroupedOrdersTx(12345, 3, GROUPING_OTO, null, EXPIRED_AT, 7, null), InvalidTxException.class);
    InvalidTxException nullOrder = catchThrowableOfType(() -> new CreateGroupedOrdersTx(12345, 3, GROUPING_OTO,
        Arrays.asList(MARKET_BUY, null), EXPIRED_AT, 7, null), InvalidTxException.class);
    assertThat(nullList.field()).isEqualTo("Orders");
    assertThat(nullOrder.field()).isEqualTo("Orders");
  }

  @Test
  void swappingTheLegsOfAnOcoChangesTheHash() {
    TxSigner signer = new TxSigner(TxSigner.MAINNET_CHAIN_ID);
    assertThat(signer.messageHash(group(GROUPING_OCO, TAKE_SELL, STOP_SELL)))
        .isNotEqualTo(signer.messageHash(group(GROUPING_OCO, STOP_SELL, TAKE_SELL)));
  }
}
