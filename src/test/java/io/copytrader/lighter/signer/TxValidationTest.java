package io.copytrader.lighter.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TxValidationTest {

  private static final long EXPIRED_AT = 1767226199000L;
  private static final long ORDER_EXPIRY = 1769644800000L;

  private static CreateOrderTx limit(int market, long baseAmount, long price, int tif, int reduceOnly,
      long orderExpiry) {
    return new CreateOrderTx(12345, 3, market, 1, baseAmount, price, 0, CreateOrderTx.TYPE_LIMIT, tif, reduceOnly,
        0, orderExpiry, EXPIRED_AT, 0, TxAttributes.none());
  }

  private static CreateOrderTx order(int type, int market, int tif, long trigger, long orderExpiry) {
    return new CreateOrderTx(12345, 3, market, 1, 1000, 50000, 1, type, tif, 0, trigger, orderExpiry, EXPIRED_AT, 0,
        TxAttributes.none());
  }

  private static CreateOrderTx withCommon(long account, int apiKey, long expiredAt, long nonce) {
    return new CreateOrderTx(account, apiKey, 0, 1, 1000, 50000, 0, CreateOrderTx.TYPE_LIMIT,
        CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0, ORDER_EXPIRY, expiredAt, nonce, TxAttributes.none());
  }

  private static CancelAllOrdersTx cancelAll(int tif, long time, TxAttributes attributes) {
    return new CancelAllOrdersTx(12345, 3, tif, time, EXPIRED_AT, 0, attributes);
  }

  static Stream<Arguments> invalidTransactions() {
    int gtt = CreateOrderTx.TIF_GOOD_TILL_TIME;
    int ioc = CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL;
    return Stream.of(
        Arguments.of(withCommon(-2, 3, EXPIRED_AT, 0), "AccountIndex"),
        Arguments.of(withCommon((1L << 48) - 1, 3, EXPIRED_AT, 0), "AccountIndex"),
        Arguments.of(withCommon(1, 255, EXPIRED_AT, 0), "ApiKeyIndex"),
        Arguments.of(withCommon(1, -1, EXPIRED_AT, 0), "ApiKeyIndex"),
        Arguments.of(withCommon(1, 3, -1, 0), "ExpiredAt"),
        Arguments.of(withCommon(1, 3, 1L << 48, 0), "ExpiredAt"),
        Arguments.of(withCommon(1, 3, EXPIRED_AT, -1), "Nonce"),
        Arguments.of(limit(255, 1000, 50000, gtt, 0, ORDER_EXPIRY), "MarketIndex"),
        Arguments.of(limit(4095, 1000, 50000, gtt, 0, ORDER_EXPIRY), "MarketIndex"),
        Arguments.of(limit(0, 0, 50000, gtt, 0, ORDER_EXPIRY), "BaseAmount"),
        Arguments.of(limit(0, 1L << 48, 50000, gtt, 0, ORDER_EXPIRY), "BaseAmount"),
        Arguments.of(limit(0, 1000, 0, gtt, 0, ORDER_EXPIRY), "Price"),
        Arguments.of(limit(0, 1000, 1L << 32, gtt, 0, ORDER_EXPIRY), "Price"),
        Arguments.of(limit(0, 1000, 50000, 3, 0, ORDER_EXPIRY), "TimeInForce"),
        Arguments.of(limit(2048, 1000, 50000, gtt, 1, ORDER_EXPIRY), "ReduceOnly"),
        Arguments.of(limit(0, 1000, 50000, gtt, 0, 0), "OrderExpiry"),
        Arguments.of(limit(0, 1000, 50000, ioc, 0, ORDER_EXPIRY), "OrderExpiry"),
        Arguments.of(order(CreateOrderTx.TYPE_MARKET, 0, gtt, 0, 0), "TimeInForce"),
        Arguments.of(order(CreateOrderTx.TYPE_MARKET, 0, ioc, 0, ORDER_EXPIRY), "OrderExpiry"),
        Arguments.of(order(CreateOrderTx.TYPE_MARKET, 0, ioc, 100, 0), "TriggerPrice"),
        Arguments.of(order(CreateOrderTx.TYPE_LIMIT, 0, gtt, 100, ORDER_EXPIRY), "TriggerPrice"),
        Arguments.of(order(CreateOrderTx.TYPE_STOP_LOSS, 2048, ioc, 100, ORDER_EXPIRY), "Type"),
        Arguments.of(order(CreateOrderTx.TYPE_STOP_LOSS, 0, gtt, 100, ORDER_EXPIRY), "TimeInForce"),
        Arguments.of(order(CreateOrderTx.TYPE_TAKE_PROFIT, 0, ioc, 0, ORDER_EXPIRY), "TriggerPrice"),
        Arguments.of(order(CreateOrderTx.TYPE_TAKE_PROFIT, 0, ioc, 100, 0), "OrderExpiry"),
        Arguments.of(order(CreateOrderTx.TYPE_STOP_LOSS_LIMIT, 0, gtt, 0, ORDER_EXPIRY), "TriggerPrice"),
        Arguments.of(order(CreateOrderTx.TYPE_TAKE_PROFIT_LIMIT, 0, gtt, 100, 0), "OrderExpiry"),
        Arguments.of(order(CreateOrderTx.TYPE_TWAP, 0, ioc, 0, ORDER_EXPIRY), "TimeInForce"),
        Arguments.of(order(CreateOrderTx.TYPE_TWAP, 0, gtt, 0, 0), "OrderExpiry"),
        Arguments.of(order(7, 0, gtt, 0, ORDER_EXPIRY), "Type"),
        Arguments.of(order(CreateOrderTx.TYPE_LIMIT, 0, gtt, 1L << 32, ORDER_EXPIRY), "TriggerPrice"),
        Arguments.of(new CancelOrderTx(1, 3, 0, 0, EXPIRED_AT, 0, null), "Index"),
        Arguments.of(new CancelOrderTx(1, 3, 0, 1L << 60, EXPIRED_AT, 0, null), "Index"),
        Arguments.of(new CancelOrderTx(1, 3, 300, 1, EXPIRED_AT, 0, null), "MarketIndex"),
        Arguments.of(cancelAll(CancelAllOrdersTx.TIF_IMMEDIATE, 5, null), "Time"),
        Arguments.of(cancelAll(CancelAllOrdersTx.TIF_ABORT, 5, null), "Time"),
        Arguments.of(cancelAll(CancelAllOrdersTx.TIF_SCHEDULED, 0, null), "Time"),
        Arguments.of(cancelAll(3, 0, null), "TimeInForce"),
        Arguments.of(cancelAll(CancelAllOrdersTx.TIF_SCHEDULED, 5,
            TxAttributes.of(Map.of(TxAttributes.CANCEL_ALL_MARKET_INDEX, 3L))), "L2TxAttributes[5]"),
        Arguments.of(new ModifyOrderTx(1, 3, 0, 1, -1, 100, 0, EXPIRED_AT, 0, null), "BaseAmount"),
        Arguments.of(new ModifyOrderTx(1, 3, 0, 1, 10, 0, 0, EXPIRED_AT, 0, null), "Price"),
        Arguments.of(new ModifyOrderTx(1, 3, 0, 1, 10, 100, -1, EXPIRED_AT, 0, null), "TriggerPrice"),
        Arguments.of(withAttributes(Map.of(TxAttributes.SKIP_TX_NONCE, 2L)), "L2TxAttributes[4]"),
        Arguments.of(withAttributes(Map.of(TxAttributes.INTEGRATOR_TAKER_FEE, 10L)), "L2TxAttributes[1]"),
        Arguments.of(withAttributes(Map.of(TxAttributes.INTEGRATOR_ACCOUNT_INDEX, 7L,
            TxAttributes.INTEGRATOR_MAKER_FEE, 1_000_001L)), "L2TxAttributes[3]"),
        Arguments.of(withAttributes(Map.of(TxAttributes.INTEGRATOR_ACCOUNT_INDEX, 7L,
            TxAttributes.INTEGRATOR_MAKER_FEE, 10L, TxAttributes.SELF_TRADE_BEHAVIOR_MODE, 1L)), "L2TxAttributes[6]"),
        Arguments.of(withAttributes(Map.of(TxAttributes.SELF_TRADE_BEHAVIOR_MODE, 3L,
            TxAttributes.SELF_TRADE_EQUALITY_MODE, 1L)), "L2TxAttributes[7]"),
        Arguments.of(withAttributes(Map.of(TxAttributes.SELF_TRADE_BEHAVIOR_MODE, 4L)), "L2TxAttributes[6]"));
  }

  private static CreateOrderTx withAttributes(Map<Integer, Long> attributes) {
    return new CreateOrderTx(12345, 3, 0, 1, 1000, 50000, 0, CreateOrderTx.TYPE_LIMIT,
        CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0, ORDER_EXPIRY, EXPIRED_AT, 0, TxAttributes.of(attributes));
  }

  @ParameterizedTest
  @MethodSource("invalidTransactions")
  void invalidFieldIsNamedBeforeSigning(LighterTx tx, String field) {
    InvalidTxException e = catchThrowableOfType(InvalidTxException.class, tx::validate);
    assertThat(e).isNotNull();
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).startsWith(field + ":");
    ApiKey key = ApiKey.parse("01" + "00".repeat(39));
    InvalidTxException onSign = catchThrowableOfType(InvalidTxException.class,
        () -> new TxSigner(TxSigner.MAINNET_CHAIN_ID).sign(key, tx));
    assertThat(onSign.field()).isEqualTo(field);
  }

  static Stream<Arguments> validTransactions() {
    int gtt = CreateOrderTx.TIF_GOOD_TILL_TIME;
    int ioc = CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL;
    return Stream.of(
        Arguments.of(withCommon(-1, 0, 0, 0)),
        Arguments.of(withCommon((1L << 48) - 2, 254, (1L << 48) - 1, Long.MAX_VALUE)),
        Arguments.of(limit(0, 0, 50000, gtt, 1, ORDER_EXPIRY)),
        Arguments.of(limit(4094, 1000, 50000, CreateOrderTx.TIF_POST_ONLY, 0, ORDER_EXPIRY)),
        Arguments.of(limit(0, 1000, 50000, ioc, 0, 0)),
        Arguments.of(order(CreateOrderTx.TYPE_MARKET, 2048, ioc, 0, 0)),
        Arguments.of(order(CreateOrderTx.TYPE_STOP_LOSS, 0, ioc, 100, ORDER_EXPIRY)),
        Arguments.of(order(CreateOrderTx.TYPE_STOP_LOSS_LIMIT, 0, gtt, 100, ORDER_EXPIRY)),
        Arguments.of(order(CreateOrderTx.TYPE_TWAP, 0, gtt, 0, ORDER_EXPIRY)),
        Arguments.of(new CancelOrderTx(1, 3, 0, (1L << 60) - 1, EXPIRED_AT, 0, null)),
        Arguments.of(cancelAll(CancelAllOrdersTx.TIF_IMMEDIATE, 0,
            TxAttributes.of(Map.of(TxAttributes.CANCEL_ALL_MARKET_INDEX, 3L)))),
        Arguments.of(new ModifyOrderTx(1, 3, 0, 1, 0, 100, 0, EXPIRED_AT, 0, null)),
        Arguments.of(withAttributes(Map.of(TxAttributes.INTEGRATOR_ACCOUNT_INDEX, 7L,
            TxAttributes.INTEGRATOR_TAKER_FEE, 1_000_000L, TxAttributes.INTEGRATOR_MAKER_FEE, 0L))),
        Arguments.of(withAttributes(Map.of(TxAttributes.SELF_TRADE_BEHAVIOR_MODE, 3L,
            TxAttributes.SELF_TRADE_EQUALITY_MODE, 0L))));
  }

  @ParameterizedTest
  @MethodSource("validTransactions")
  void validTransactionPasses(LighterTx tx) {
    assertThatCode(tx::validate).doesNotThrowAnyException();
  }
}
