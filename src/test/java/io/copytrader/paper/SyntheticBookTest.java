package io.copytrader.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The synthetic book: levels at the market's tick, and takers filled level by level within their price. */
class SyntheticBookTest {

  private static final PaperMarket ETH = PaperConfig.defaultMarkets().get(0);
  private static final PaperMarket RESOLV = PaperConfig.defaultMarkets().get(3);
  private static final BookShape TWO_LEVELS = new BookShape(new BigDecimal("0.0002"), 2, new BigDecimal("0.0005"),
    new BigDecimal("3000"));

  private static SyntheticBook eth() {
    return new SyntheticBook(ETH, TWO_LEVELS, new BigDecimal("3000.00"));
  }

  @Test
  void levelsSitAroundTheMidAtTheMarketsTick() {
    SyntheticBook book = eth();

    assertThat(book.asks()).extracting(SyntheticBook.Level::price)
      .containsExactly(new BigDecimal("3000.30"), new BigDecimal("3001.80"));
    assertThat(book.bids()).extracting(SyntheticBook.Level::price)
      .containsExactly(new BigDecimal("2999.70"), new BigDecimal("2998.20"));
    assertThat(book.asks().get(0).size()).isEqualTo(new BigDecimal("0.9999"));
  }

  @Test
  void coarseTicksStillGiveDistinctLevels() {
    SyntheticBook book = new SyntheticBook(RESOLV, BookShape.defaults(), new BigDecimal("0.143152"));

    assertThat(book.asks()).extracting(SyntheticBook.Level::price).doesNotHaveDuplicates();
    assertThat(book.asks().get(0).price().scale()).isEqualTo(6);
    assertThat(book.asks().get(0).size().scale()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "buy within the first level,     false, 0.5000, 3100.00, 0.5000, 1500.150000, ",
    "buy through two levels,         false, 1.5000, 3100.00, 1.5000, 4501.200150, ",
    "buy stopped by its price,       false, 1.5000, 3000.30, 0.9999, 2999.999970, canceled-too-much-slippage",
    "buy below the book,             false, 1.0000, 3000.00, 0.0000, 0,           canceled-too-much-slippage",
    "buy beyond the depth,           false, 5.0000, 9999.00, 1.9993, 5999.998890, canceled-not-enough-liquidity",
    "sell within the first level,    true,  0.5000, 2900.00, 0.5000, 1499.850000, ",
    "sell above the book,            true,  0.5000, 3000.00, 0.0000, 0,           canceled-too-much-slippage"})
  void aTakerFillsWithinItsWorstPrice(String name, boolean isAsk, String size, String limit, String filled,
                                      String quote, String stoppedBy) {
    SyntheticBook.Match match = eth().take(isAsk, new BigDecimal(size), new BigDecimal(limit));

    assertThat(match.filledBase()).isEqualByComparingTo(filled);
    assertThat(match.filledQuote()).isEqualByComparingTo(quote);
    assertThat(match.stoppedBy()).isEqualTo(stoppedBy);
  }

  @ParameterizedTest(name = "ask {0} at {1} crosses: {2}")
  @CsvSource({"false, 3000.30, true", "false, 3000.29, false", "true, 2999.70, true", "true, 2999.71, false"})
  void anOrderCrossesWhenItReachesTheOtherSidesBest(boolean isAsk, String price, boolean crosses) {
    assertThat(eth().crosses(isAsk, new BigDecimal(price))).isEqualTo(crosses);
  }
}
