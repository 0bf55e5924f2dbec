package io.copytrader.account;

import io.copytrader.config.AccountConfig;
import io.copytrader.config.LeverageSetting;
import io.copytrader.market.Market;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The leverage the service sets in one market, as Lighter's UpdateLeverage takes it: an initial margin fraction in
 * units of 1/10,000 (docs/lighter-api.md), 10,000 / leverage rounded up, so the leverage in force is never above the
 * configured one (3x is 3334, 2.9994x). The account's REST reading shows the fraction in percent ("33.34").
 *
 * @param leverage the configured leverage
 * @param fraction the margin fraction that carries it, 1 … 10,000
 */
record LeverageTarget(String symbol, BigDecimal leverage, int fraction) {

  private static final BigDecimal UNITS = BigDecimal.valueOf(10_000);

  /** The target {@code setting} gives {@code market}, or empty when the market keeps the exchange's leverage. */
  static Optional<LeverageTarget> in(LeverageSetting setting, Market market) {
    return setting.forSymbol(market.symbol()).map(leverage -> new LeverageTarget(market.symbol(), leverage,
      UNITS.divide(leverage, 0, RoundingMode.CEILING).intValueExact()));
  }

  /** Why the market cannot take this leverage (its minimum initial margin fraction is higher), or empty. */
  Optional<String> problem(Market market) {
    BigDecimal minimum = market.minInitialMarginFraction();
    if (minimum == null || percent().movePointLeft(2).compareTo(minimum) >= 0) {
      return Optional.empty();
    }
    BigDecimal highest = BigDecimal.ONE.divide(minimum, 2, RoundingMode.FLOOR).stripTrailingZeros();
    return Optional.of("leverage " + leverage.toPlainString() + " for " + symbol + " is above the market's maximum of "
      + highest.toPlainString() + " (its min_initial_margin_fraction is "
      + minimum.multiply(UNITS).stripTrailingZeros().toPlainString() + ")");
  }

  /** The fraction as Lighter's REST account shows it, in percent: 3334 is 33.34. */
  BigDecimal percent() {
    return BigDecimal.valueOf(fraction, 2);
  }

  /** Whether a fraction REST reported (percent; null or zero when none is shown) is this one. */
  boolean inForce(BigDecimal reportedPercent) {
    return reportedPercent != null && reportedPercent.compareTo(percent()) == 0;
  }

  /**
   * What the accounts' leverage settings name that the market list refutes, checked at start once the markets are
   * known: a symbol no market has, and a symbol's leverage above its market's maximum. A leverage for every market
   * is checked in each market when it is first used.
   */
  static List<String> problems(Collection<AccountConfig> accounts, Collection<Market> markets) {
    Map<String, Market> bySymbol = markets.stream().collect(Collectors.toMap(
      market -> market.symbol().toUpperCase(Locale.ROOT), Function.identity(), (first, second) -> first));
    List<String> problems = new ArrayList<>();
    for (AccountConfig account : accounts) {
      for (String symbol : account.leverage().bySymbol().keySet()) {
        Market market = bySymbol.get(symbol);
        if (market == null) {
          problems.add("account " + account.label() + ": leverage is set for " + symbol + ", which is not a market"
            + " of the exchange");
          continue;
        }
        in(account.leverage(), market).flatMap(target -> target.problem(market))
          .ifPresent(problem -> problems.add("account " + account.label() + ": " + problem));
      }
    }
    return problems;
  }
}
