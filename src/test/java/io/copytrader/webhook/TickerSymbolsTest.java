package io.copytrader.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TickerSymbolsTest {

  private static final Set<String> KNOWN = Set.of("ETH", "BTC", "SOL", "1000PEPE", "RESOLV");
  private static final Map<String, String> ALIASES = Map.of("XBTUSD", "BTC", "ETHBULL", "SOL");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "ETH,              ETH",
    "eth,              ETH",
    "ETHUSDT.P,        ETH",
    "ETHUSDT,          ETH",
    "ETHUSD,           ETH",
    "ETHUSDC,          ETH",
    "BINANCE:ETHUSDT,  ETH",
    "BINANCE:ETHUSDT.P, ETH",
    "BYBIT:BTCUSDT.P,  BTC",
    "ETH-PERP,         ETH",
    "ETHPERP,          ETH",
    "ETH-USD,          ETH",
    "ETH/USDT,         ETH",
    "SOL_USDT,         SOL",
    "1000PEPEUSDT.P,   1000PEPE",
    "RESOLVUSDT,       RESOLV",
    "XBTUSD,           BTC",
    "BITMEX:XBTUSD,    BTC",
    "ETHBULL,          SOL",
    "DOGEUSDT.P,       DOGE",
    "FOO,              FOO"})
  void aTickerIsTheSymbolOfItsBaseAssetOrItsAlias(String ticker, String symbol) {
    assertThat(TickerSymbols.symbolFor(ticker, ALIASES, KNOWN)).isEqualTo(symbol);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"USDT, USDT", "USD, USD", "PERP, PERP", "BINANCE:, BINANCE:"})
  void aTickerThatIsOnlyASuffixIsLeftAsItIs(String ticker, String symbol) {
    assertThat(TickerSymbols.symbolFor(ticker, Map.of(), KNOWN)).isEqualTo(symbol);
  }
}
