package io.copytrader.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The leverage the service sets on the exchange ({@code LEVERAGE}, an account's {@code leverage}): one for every
 * market, each symbol's own, or both, the symbol's winning. Empty leaves every market's leverage as the exchange
 * has it. Each value is from 1 to {@link #MAX}, the bounds of Lighter's margin fraction (10,000 / leverage in
 * 1/10,000, 1 … 10,000); a market's own maximum is checked where the market is known.
 *
 * @param everyMarket the leverage of every market without its own, or null
 * @param bySymbol each upper-case symbol's leverage
 */
public record LeverageSetting(BigDecimal everyMarket, Map<String, BigDecimal> bySymbol) {

  public static final LeverageSetting NONE = new LeverageSetting(null, Map.of());
  public static final BigDecimal MIN = BigDecimal.ONE;
  public static final BigDecimal MAX = BigDecimal.valueOf(10_000);

  public LeverageSetting {
    TreeMap<String, BigDecimal> sorted = new TreeMap<>();
    bySymbol.forEach((symbol, leverage) -> sorted.put(symbol.toUpperCase(Locale.ROOT), leverage));
    bySymbol = Collections.unmodifiableMap(sorted);
  }

  /** The leverage to set in the market of {@code symbol}, or empty to leave it as the exchange has it. */
  public Optional<BigDecimal> forSymbol(String symbol) {
    BigDecimal own = symbol == null ? null : bySymbol.get(symbol.toUpperCase(Locale.ROOT));
    return Optional.ofNullable(own != null ? own : everyMarket);
  }

  /**
   * This (an account's) laid over {@code global}: an account's number for every market replaces the global
   * setting whole; otherwise its symbols replace the global ones of the same name.
   */
  public LeverageSetting over(LeverageSetting global) {
    if (everyMarket != null) {
      return this;
    }
    Map<String, BigDecimal> merged = new TreeMap<>(global.bySymbol);
    merged.putAll(bySymbol);
    return new LeverageSetting(global.everyMarket, merged);
  }

  public boolean isEmpty() {
    return everyMarket == null && bySymbol.isEmpty();
  }

  /**
   * A margin fraction as Lighter's REST account shows it (percent) read as a leverage, for people: "20x (5.00 %)",
   * 100 / percent to two decimals; "the market default" for none.
   */
  public static String fromPercent(BigDecimal percent) {
    return percent == null || percent.signum() <= 0 ? "the market default"
      : BigDecimal.valueOf(100).divide(percent, 2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString()
        + "x (" + percent.toPlainString() + " %)";
  }

  /** For logs and {@code check}: {@code none}, {@code 5}, {@code ETH=10 BTC=3} or {@code 5, ETH=10}. */
  public String text() {
    if (isEmpty()) {
      return "none (as the exchange has it)";
    }
    String symbols = bySymbol.entrySet().stream()
      .map(entry -> entry.getKey() + "=" + entry.getValue().toPlainString()).collect(Collectors.joining(" "));
    if (everyMarket == null) {
      return symbols;
    }
    return everyMarket.toPlainString() + (symbols.isEmpty() ? "" : ", " + symbols);
  }
}
