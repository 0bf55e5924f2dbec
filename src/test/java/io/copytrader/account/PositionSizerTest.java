package io.copytrader.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.copytrader.Side;
import io.copytrader.config.TradingParameters;
import io.copytrader.market.BookTop;
import io.copytrader.market.Market;
import io.copytrader.market.MarketAccess;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PositionSizerTest {

  private static final BookTop ETH_BOOK = new BookTop(new BigDecimal("2000.00"), new BigDecimal("2000.10"));

  private static Market market(int sizeDecimals, int priceDecimals, String minBase, String minQuote) {
    return new Market(7, "TEST", true, sizeDecimals, priceDecimals, new BigDecimal(minBase),
      new BigDecimal(minQuote), new BigDecimal("0.05"));
  }

  private static Market eth() {
    return market(4, 2, "0.0050", "10");
  }

  private static PositionSizer sizer(String scaling, String slippage) {
    return new PositionSizer(new TradingParameters(new BigDecimal(scaling), new BigDecimal(slippage),
      new BigDecimal("0.05")));
  }

  private static PositionSizer sizer() {
    return sizer("1", "0.01");
  }

  private static Optional<Position> position(Side side, String size) {
    return Optional.of(new Position(side, new BigDecimal(size), new BigDecimal("2000"), null));
  }

  private static OrderPlan plan(SizingResult result) {
    assertThat(result).isInstanceOf(OrderPlan.class);
    return (OrderPlan) result;
  }

  private static Rejection rejection(SizingResult result) {
    assertThat(result).isInstanceOf(Rejection.class);
    return (Rejection) result;
  }

  @ParameterizedTest(name = "[{index}] {10} equity {4} x {5} x {6} at {8}/{9}, size/price decimals {0}/{1}")
  @CsvSource({
    "4, 2, 0.0050, 10, 10000, 0.5, 1, 0.01, 2000.00, 2000.10, BUY, 2.4999, 24999, 2020.10, 202010",
    "4, 2, 0.0050, 10, 10000, 0.5, 1, 0.01, 2000.00, 2000.10, SELL, 2.4999, 24999, 1980.00, 198000",
    "0, 6, 1, 1, 10, 1, 1, 0.01, 0.000001, 0.000002, BUY, 6666666, 6666666, 0.000002, 2",
    "0, 6, 1, 1, 10, 1, 1, 0.01, 0.000001, 0.000002, SELL, 6666666, 6666666, 0.000001, 1",
    "1, 5, 0.1, 5, 250, 0.2, 2, 0.02, 1.23456, 1.23460, BUY, 80.9, 809, 1.25929, 125929",
    "2, 4, 0.01, 1, 100, 0.29, 1, 0.01, 100.0000, 100.0000, BUY, 0.29, 29, 101.0000, 1010000",
    "0, 3, 1, 1, 100, 0.3, 1, 0.01, 0.100, 0.100, SELL, 300, 300, 0.099, 99",
    "3, 1, 0.001, 10, 1000000, 1, 1, 0.005, 99999.9, 100000.1, BUY, 10.000, 10000, 100500.1, 1005001",
    "5, 0, 0.00001, 10, 50000, 0.75, 1.5, 0.01, 100000, 100001, SELL, 0.56249, 56249, 99000, 99000",
    "6, 6, 0.000001, 0.5, 12.5, 1, 1, 0.03, 0.333333, 0.333334, BUY, 37.499981, 37499981, 0.343334, 343334",
    "6, 3, 0.000001, 0.5, 3, 0.333333, 1, 0.01, 7.001, 7.003, SELL, 0.142816, 142816, 6.931, 6931",
    "2, 2, 0.01, 10, 15, 1, 1, 0.01, 1.00, 1.00, BUY, 15.00, 1500, 1.01, 101",
    "4, 2, 0.0050, 10, 10000, 0.1, 1, 0.01, 2000.00, , BUY, 0.5000, 5000, 2020.00, 202000",
    "4, 2, 0.0050, 10, 10000, 0.1, 1, 0.01, , 2000.10, SELL, 0.4999, 4999, 1980.10, 198010",
    "0, 0, 1, 1, 999, 1, 1, 0.5, 3, 5, BUY, 249, 249, 7, 7",
    "0, 0, 1, 1, 999, 1, 1, 0.5, 3, 5, SELL, 249, 249, 2, 2",
  })
  void opensWithTheBaseRoundedDownAndTheWorstPriceRoundedInward(
      int sizeDecimals, int priceDecimals, String minBase, String minQuote, String equity, String ratio,
      String scaling, String slippage, BigDecimal bid, BigDecimal ask, Side side,
      BigDecimal base, long baseTicks, BigDecimal worst, long worstTicks) {
    OrderPlan order = plan(sizer(scaling, slippage).open(market(sizeDecimals, priceDecimals, minBase, minQuote),
      side, new BigDecimal(ratio), new BigDecimal(equity), new BookTop(bid, ask), Optional.empty()));

    assertThat(order.side()).isEqualTo(side);
    assertThat(order.isAsk()).isEqualTo(side == Side.SELL);
    assertThat(order.baseAmount()).isEqualByComparingTo(base);
    assertThat(order.baseTicks()).isEqualTo(baseTicks);
    assertThat(order.worstPrice()).isEqualByComparingTo(worst);
    assertThat(order.worstPriceTicks()).isEqualTo(worstTicks);
    assertThat(order.reduceOnly()).isFalse();
    assertThat(order.closesPosition()).isFalse();
  }

  @ParameterizedTest(name = "[{index}] {7}")
  @CsvSource({
    // sizeDecimals, priceDecimals, minBase, minQuote, equity, ratio, scaling, expected
    "4, 2, 0.0050, 10, 10000, 0, 1, SIZE_BELOW_MINIMUM",
    "4, 2, 0.0050, 10, 0, 1, 1, SIZE_BELOW_MINIMUM",
    "4, 2, 0.0050, 10, -50, 1, 1, SIZE_BELOW_MINIMUM",
    "4, 2, 0.0050, 10, 0.01, 1, 1, SIZE_BELOW_MINIMUM",
    "4, 2, 0.0050, 10, 9.99, 1, 1, SIZE_BELOW_MINIMUM",
    "4, 2, 0.0050, 1, 9.99, 1, 1, SIZE_BELOW_MINIMUM",
    "0, 2, 0, 10, 1999, 1, 1, SIZE_BELOW_MINIMUM",
    "0, 2, 0, 0, 1999, 1, 1, SIZE_BELOW_MINIMUM",
    "4, 2, 0.0050, 10, 100000000000000000, 1, 100, SIZE_ABOVE_MAXIMUM",
  })
  void refusesOrdersOutsideTheMarketLimits(int sizeDecimals, int priceDecimals, String minBase, String minQuote,
                                           String equity, String ratio, String scaling, RejectionCode expected) {
    Rejection rejection = rejection(sizer(scaling, "0.01").open(market(sizeDecimals, priceDecimals, minBase,
      minQuote), Side.BUY, new BigDecimal(ratio), new BigDecimal(equity), ETH_BOOK, Optional.empty()));

    assertThat(rejection.code()).isEqualTo(expected);
    assertThat(rejection.retryable()).isFalse();
    assertThat(rejection.message()).contains("TEST");
  }

  @Test
  void opensExactlyAtBothMinimums() {
    OrderPlan order = plan(sizer().open(market(2, 2, "0.05", "100"), Side.BUY, BigDecimal.ONE,
      new BigDecimal("100"), new BookTop(new BigDecimal("2000"), new BigDecimal("2000")), Optional.empty()));

    assertThat(order.baseAmount()).isEqualByComparingTo("0.05");
    assertThat(order.baseAmount().multiply(new BigDecimal("2000"))).as("the order's value at the mid")
      .isEqualByComparingTo("100");
  }

  @ParameterizedTest
  @CsvSource({"BUY", "SELL"})
  void anEmptyBookIsARetryableNoPrice(Side side) {
    Rejection rejection = rejection(sizer().open(eth(), side, BigDecimal.ONE, new BigDecimal("10000"),
      new BookTop(null, null), Optional.empty()));

    assertThat(rejection.code()).isEqualTo(RejectionCode.NO_PRICE);
    assertThat(rejection.retryable()).isTrue();
  }

  @Test
  void aSellWhoseWorstPriceWouldBeZeroIsRefused() {
    Rejection rejection = rejection(sizer("1", "1").open(eth(), Side.SELL, BigDecimal.ONE, new BigDecimal("10000"),
      ETH_BOOK, Optional.empty()));

    assertThat(rejection.code()).isEqualTo(RejectionCode.PRICE_OUT_OF_RANGE);
  }

  @ParameterizedTest(name = "[{index}] {0} {1} against {2} of {3}")
  @CsvSource({
    // request side, equity (base = equity / 2000.05 rounded down), position side, position size,
    // expected base, reduce only, closes
    "BUY, 10000, SELL, 10, 4.9998, true, false",
    "BUY, 10000, SELL, 4.9998, 4.9998, true, true",
    "BUY, 10000, SELL, 4.9997, 4.9997, true, true",
    "BUY, 10000, SELL, 1, 1, true, true",
    "SELL, 10000, BUY, 10, 4.9998, true, false",
    "SELL, 10000, BUY, 4.9998, 4.9998, true, true",
    "SELL, 10000, BUY, 0.5, 0.5, true, true",
    "SELL, 10000, BUY, 0.123456, 0.1235, true, true",
    "BUY, 10000, BUY, 3, 4.9998, false, false",
    "SELL, 10000, SELL, 3, 4.9998, false, false",
  })
  void reducesAnOppositePositionWithoutFlippingIt(Side side, String equity, Side positionSide, String positionSize,
                                                   BigDecimal base, boolean reduceOnly, boolean closes) {
    OrderPlan order = plan(sizer().open(eth(), side, BigDecimal.ONE, new BigDecimal(equity), ETH_BOOK,
      position(positionSide, positionSize)));

    assertThat(order.side()).isEqualTo(side);
    assertThat(order.baseAmount()).isEqualByComparingTo(base);
    assertThat(order.baseTicks()).isEqualTo(base.movePointRight(4).longValueExact());
    assertThat(order.reduceOnly()).isEqualTo(reduceOnly);
    assertThat(order.closesPosition()).isEqualTo(closes);
  }

  @Test
  void aTooSmallRequestAgainstAnOppositePositionIsStillBelowMinimum() {
    Rejection rejection = rejection(sizer().open(eth(), Side.BUY, BigDecimal.ONE, new BigDecimal("5"), ETH_BOOK,
      position(Side.SELL, "10")));

    assertThat(rejection.code()).isEqualTo(RejectionCode.SIZE_BELOW_MINIMUM);
  }

  @ParameterizedTest(name = "[{index}] {0} {1} closes with {2} {3}")
  @CsvSource({
    "BUY, 2.5, SELL, 2.5, 198000",
    "SELL, 2.5, BUY, 2.5, 202010",
    "BUY, 0.0001, SELL, 0.0001, 198000",
    "SELL, 1.23456, BUY, 1.2346, 202010",
  })
  void closesTheWholePositionReduceOnlyOnTheOtherSide(Side positionSide, String size, Side side, BigDecimal base,
                                                      long worstTicks) {
    OrderPlan order = plan(sizer().close(eth(), ETH_BOOK, position(positionSide, size)));

    assertThat(order.side()).isEqualTo(side);
    assertThat(order.baseAmount()).isEqualByComparingTo(base);
    assertThat(order.worstPriceTicks()).isEqualTo(worstTicks);
    assertThat(order.reduceOnly()).isTrue();
    assertThat(order.closesPosition()).isTrue();
  }

  @Test
  void closingWithoutAPositionIsAFinalNoPosition() {
    Rejection rejection = rejection(sizer().close(eth(), ETH_BOOK, Optional.empty()));

    assertThat(rejection.code()).isEqualTo(RejectionCode.NO_POSITION);
    assertThat(rejection.retryable()).isFalse();
  }

  @Test
  void closingWithAnEmptyBookIsARetryableNoPrice() {
    Rejection rejection = rejection(sizer().close(eth(), new BookTop(null, null), position(Side.BUY, "1")));

    assertThat(rejection.code()).isEqualTo(RejectionCode.NO_PRICE);
  }

  @ParameterizedTest(name = "[{index}] {0} {3} of {1} {2}")
  @CsvSource({
    // action, position side, size, percentage, expected side, base, reduce only, closes
    "INCREASE, BUY, 2, 0.5, BUY, 1, false, false",
    "INCREASE, SELL, 2, 0.5, SELL, 1, false, false",
    "INCREASE, BUY, 1.2345, 1, BUY, 1.2345, false, false",
    "INCREASE, SELL, 0.3333, 0.3333, SELL, 0.1110, false, false",
    "DECREASE, BUY, 2, 0.5, SELL, 1, true, false",
    "DECREASE, SELL, 2, 0.25, BUY, 0.5, true, false",
    "DECREASE, BUY, 0.3333, 0.3333, SELL, 0.1110, true, false",
    "DECREASE, BUY, 2, 1, SELL, 2, true, true",
    "DECREASE, SELL, 0.004, 1, BUY, 0.004, true, true",
    "DECREASE, SELL, 1.23456, 1, BUY, 1.2346, true, true",
  })
  void adjustsByAShareOfTheCurrentPosition(TradeAction action, Side positionSide, String size, String percentage,
                                           Side side, BigDecimal base, boolean reduceOnly, boolean closes) {
    TradeRequest request = new TradeRequest(1, 7, "TEST", action, null, new BigDecimal(percentage), null, null,
      null);

    OrderPlan order = plan(sizer().plan(request, eth(), new BigDecimal("10000"), ETH_BOOK,
      position(positionSide, size)));

    assertThat(order.side()).isEqualTo(side);
    assertThat(order.baseAmount()).isEqualByComparingTo(base);
    assertThat(order.reduceOnly()).isEqualTo(reduceOnly);
    assertThat(order.closesPosition()).isEqualTo(closes);
  }

  @ParameterizedTest(name = "[{index}] {0} with position {1} in a market that {2} -> {3}")
  @CsvSource(nullValues = "-", value = {
    // action, position (side:size), restriction, expected: the rejection code, or the planned order's side
    "LONG,     -,         reduce-only, MARKET_REDUCE_ONLY",
    "SHORT,    -,         hidden,      MARKET_REDUCE_ONLY",
    "LONG,     BUY:1,     hours,       MARKET_REDUCE_ONLY",
    "INCREASE, BUY:1,     multiplier,  MARKET_REDUCE_ONLY",
    "LONG,     SELL:1,    reduce-only, BUY",
    "SHORT,    BUY:0.5,   hours,       SELL",
    "CLOSE,    BUY:1,     hidden,      SELL",
    "DECREASE, SELL:1,    multiplier,  BUY",
    "LONG,     -,         none,        BUY",
    "INCREASE, SELL:1,    none,        SELL",
  })
  void aMarketTakingOnlyExitsRefusesWhatWouldOpenOrIncrease(TradeAction action, String held, String restriction,
                                                           String expected) {
    MarketAccess access = switch (restriction) {
      case "reduce-only" -> new MarketAccess(true, false, "", BigDecimal.ONE);
      case "hidden" -> new MarketAccess(false, true, "", BigDecimal.ONE);
      case "hours" -> new MarketAccess(false, false, "Mon-Fri 09:00-17:00", BigDecimal.ONE);
      case "multiplier" -> new MarketAccess(false, false, "", BigDecimal.TEN);
      default -> MarketAccess.OPEN;
    };
    Market base = eth();
    Market market = new Market(base.marketId(), base.symbol(), true, base.sizeDecimals(), base.priceDecimals(),
      base.minBaseAmount(), base.minQuoteAmount(), base.defaultInitialMarginFraction(), null, access);
    Optional<Position> position = held == null ? Optional.empty()
      : position(Side.valueOf(held.split(":")[0]), held.split(":")[1]);
    TradeRequest request = new TradeRequest(1, 7, "TEST", action, action.isAdjust() ? null : new BigDecimal("0.1"),
      action.isAdjust() ? new BigDecimal("0.5") : null, null, null, null);

    SizingResult result = sizer().plan(request, market, new BigDecimal("10000"), ETH_BOOK, position);

    if (expected.equals("MARKET_REDUCE_ONLY")) {
      assertThat(rejection(result).code()).isEqualTo(RejectionCode.MARKET_REDUCE_ONLY);
    } else {
      assertThat(plan(result).side()).isEqualTo(Side.valueOf(expected));
      assertThat(plan(result).reduceOnly()).isEqualTo(!restriction.equals("none"));
    }
  }

  @ParameterizedTest(name = "[{index}] {0} {2} of {1}")
  @CsvSource({
    // action, position size, percentage, expected
    "INCREASE, 0.0001, 0.5, SIZE_BELOW_MINIMUM",
    "DECREASE, 0.0001, 0.5, SIZE_BELOW_MINIMUM",
    "INCREASE, 0.004, 1, SIZE_BELOW_MINIMUM",
    "INCREASE, 0.009, 0.5, SIZE_BELOW_MINIMUM",
    "DECREASE, 0.01, 0.4, SIZE_BELOW_MINIMUM",
    "INCREASE, 0.0099, 0.5, SIZE_BELOW_MINIMUM",
  })
  void refusesAdjustmentsThatRoundBelowTheMinimums(TradeAction action, String size, String percentage,
                                                   RejectionCode expected) {
    TradeRequest request = new TradeRequest(1, 7, "TEST", action, null, new BigDecimal(percentage), null, null,
      null);

    Rejection rejection = rejection(sizer().plan(request, eth(), new BigDecimal("10000"), ETH_BOOK,
      position(Side.BUY, size)));

    assertThat(rejection.code()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"INCREASE", "DECREASE"})
  void adjustingWithoutAPositionIsAFinalNoPosition(TradeAction action) {
    TradeRequest request = new TradeRequest(1, 7, "TEST", action, null, new BigDecimal("0.5"), null, null, null);

    Rejection rejection = rejection(sizer().plan(request, eth(), new BigDecimal("10000"), ETH_BOOK,
      Optional.empty()));

    assertThat(rejection.code()).isEqualTo(RejectionCode.NO_POSITION);
  }

  @ParameterizedTest
  @CsvSource({"LONG, BUY", "SHORT, SELL"})
  void planMapsOpenActionsToTheirSide(TradeAction action, Side side) {
    TradeRequest request = new TradeRequest(1, 7, "TEST", action, new BigDecimal("0.5"), null, null, null, null);

    OrderPlan order = plan(sizer().plan(request, eth(), new BigDecimal("10000"), ETH_BOOK, Optional.empty()));

    assertThat(order.side()).isEqualTo(side);
    assertThat(order.baseAmount()).isEqualByComparingTo("2.4999");
  }

  @ParameterizedTest
  @CsvSource({"-0.1", "1.01"})
  void aRatioOutsideZeroToOneIsAProgrammingError(String ratio) {
    assertThatThrownBy(() -> sizer().open(eth(), Side.BUY, new BigDecimal(ratio), BigDecimal.TEN, ETH_BOOK,
      Optional.empty())).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"0", "-0.5", "1.5"})
  void aPercentageOutsideZeroExclusiveToOneIsAProgrammingError(String percentage) {
    assertThatThrownBy(() -> sizer().decrease(eth(), new BigDecimal(percentage), ETH_BOOK,
      position(Side.BUY, "1"))).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "[{index}] sign {0} size {1}")
  @CsvSource({
    "1, 18.0193, BUY, 18.0193",
    "-1, 18.0193, SELL, 18.0193",
    "-1, -2.5, SELL, 2.5",
  })
  void readsLighterPositions(int sign, String size, Side side, BigDecimal expectedSize) {
    Position position = Position.fromLighter(sign, new BigDecimal(size), new BigDecimal("2669.84"),
      new BigDecimal("5.00")).orElseThrow();

    assertThat(position.side()).isEqualTo(side);
    assertThat(position.size()).isEqualByComparingTo(expectedSize);
  }

  @ParameterizedTest
  @CsvSource({"0, 1", "1, 0", "-1, 0.0000"})
  void aZeroSignOrSizeIsNoPosition(int sign, String size) {
    assertThat(Position.fromLighter(sign, new BigDecimal(size), BigDecimal.ONE, null)).isEmpty();
  }
}
