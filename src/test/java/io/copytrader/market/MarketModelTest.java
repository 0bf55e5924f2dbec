package io.copytrader.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.copytrader.lighter.OrderBook;
import io.copytrader.lighter.OrderBookDetail;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pure market logic: joining the exchange's lists, lookups, JSON form and the mid price. */
class MarketModelTest {

  private static OrderBook book(long id, String symbol, String type, String status) {
    return new OrderBook(symbol, id, type, status, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE,
      new BigDecimal("0.0050"), new BigDecimal("10.000000"), null, 4, 2, 6);
  }

  private static OrderBookDetail detail(long id, String symbol, String status, int imf) {
    return new OrderBookDetail(symbol, id, "perp", status, BigDecimal.ZERO, BigDecimal.ZERO,
      new BigDecimal("0.0050"), new BigDecimal("10.000000"), 4, 2, 1, BigDecimal.ONE, imf, 200, 120, 80, null, null,
      null);
  }

  private static final MarketTable TABLE = MarketTable.of(
    List.of(book(0, "ETH", "perp", "active"), book(1, "BTC", "perp", "inactive"), book(2, "SOL", "perp", "active"),
      book(2048, "ETH/USDC", "spot", "active"), book(7, "NODETAIL", "perp", "active")),
    List.of(detail(0, "ETH", "active", 500), detail(1, "BTC", "inactive", 500), detail(2, "SOL", "inactive", 1000)));

  @ParameterizedTest(name = "{0} -> id {1}, active {2}")
  @CsvSource({
    "ETH,  0, true",
    "eth,  0, true",
    "' Eth ', 0, true",
    "BTC,  1, false",
    "sol,  2, false"
  })
  void symbolsResolveCaseInsensitively(String symbol, int id, boolean active) {
    Market market = TABLE.bySymbol(symbol).orElseThrow();

    assertThat(market.marketId()).isEqualTo(id);
    assertThat(market.active()).isEqualTo(active);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ETH/USDC", "NODETAIL", "DOGE"})
  void spotUndetailedAndUnknownMarketsAreNotListed(String symbol) {
    assertThat(TABLE.bySymbol(symbol)).isEmpty();
  }

  @Test
  void marketZeroIsFoundById() {
    assertThat(TABLE.byId(0)).map(Market::symbol).contains("ETH");
  }

  @Test
  void detailsGiveDecimalsAndTheMarginFractionAsARatio() {
    Market eth = TABLE.byId(0).orElseThrow();

    assertThat(eth.sizeDecimals()).isEqualTo(4);
    assertThat(eth.priceDecimals()).isEqualTo(2);
    assertThat(eth.minBaseAmount()).isEqualTo(new BigDecimal("0.0050"));
    assertThat(eth.defaultInitialMarginFraction()).isEqualTo(new BigDecimal("0.0500"));
  }

  @Test
  void activeRowWinsWhenASymbolIsListedTwice() {
    MarketTable table = MarketTable.of(List.of(book(3, "XYZ", "perp", "inactive"), book(4, "XYZ", "perp", "active")),
      List.of(detail(3, "XYZ", "inactive", 500), detail(4, "XYZ", "active", 500)));

    assertThat(table.bySymbol("xyz")).map(Market::marketId).contains(4);
  }

  @Test
  void marketJsonRoundTripsWithDecimalsAsStrings() {
    Market eth = TABLE.byId(0).orElseThrow();

    JsonObject json = MarketJson.toJson(eth);

    assertThat(json.getValue("min_base_amount")).isEqualTo("0.0050");
    assertThat(json.getValue("default_initial_margin_fraction")).isEqualTo("0.0500");
    assertThat(json.fieldNames()).containsExactlyInAnyOrder("market_id", "symbol", "active", "size_decimals",
      "price_decimals", "min_base_amount", "min_quote_amount", "default_initial_margin_fraction",
      "min_initial_margin_fraction", "force_reduce_only", "hidden", "trading_hours", "multiplier");
    assertThat(MarketJson.fromJson(json)).isEqualTo(eth);
  }

  @Test
  void marketJsonWithoutAFieldIsRejected() {
    JsonObject json = MarketJson.toJson(TABLE.byId(0).orElseThrow());
    json.remove("min_quote_amount");

    assertThatThrownBy(() -> MarketJson.fromJson(json)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "bid {0} ask {1} -> mid {2}")
  @CsvSource({
    "2361.31, 2361.32, 2361.315",
    "2361.30, 2361.40, 2361.350",
    "0.140512, 0.140513, 0.1405125",
    ",        2361.32, 2361.32",
    "2361.31, ,        2361.31"
  })
  void midIsExact(String bid, String ask, String mid) {
    BookTop top = new BookTop(bid == null ? null : new BigDecimal(bid), ask == null ? null : new BigDecimal(ask));

    assertThat(top.mid()).contains(new BigDecimal(mid));
  }

  @Test
  void anEmptyBookHasNoMid() {
    assertThat(new BookTop(null, null).mid()).isEmpty();
  }

  @Test
  void pricesAtOrBelowZeroCountAsAnEmptyBook() {
    BookTop top = new BookTop(BigDecimal.ZERO, new BigDecimal("-1"));

    assertThat(top.bestBid()).isNull();
    assertThat(top.bestAsk()).isNull();
    assertThat(top.mid()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "{}",
    "{\"market_id\":\"0\"}",
    "{\"market_id\":1.5}",
    "{\"market_id\":-1}",
    "{\"symbol\":\"  \"}",
    "{\"symbol\":7}"
  })
  void malformedQueriesAreRejected(String body) {
    assertThatThrownBy(() -> MarketQuery.parse(new JsonObject(body))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nonObjectQueryIsRejected() {
    assertThatThrownBy(() -> MarketQuery.parse("ETH")).isInstanceOf(IllegalArgumentException.class);
  }
}
