package io.copytrader.paper;

import io.copytrader.paper.limits.RateLimits;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The paper exchange's setup.
 *
 * @param port 0 for any free port
 * @param controlsEnabled whether the {@code /paper/...} test controls exist
 * @param sequencerDelayMs how long after {@code sendTx} accepts a transaction the sequencer applies it
 *   ({@code PAPER_SEQUENCER_DELAY_MS}; the fault control {@code sequencer_delay_ms} changes it at runtime)
 * @param grouped how grouped and size-0 orders behave where Lighter's sources are silent (the test control
 *   {@code /paper/grouped-orders} changes it at runtime)
 * @param rateLimits Lighter's limits, enforced unless turned off ({@code PAPER_RATE_LIMITS},
 *   {@code PAPER_ACCOUNT_TIER}; the test control {@code /paper/accounts/{index}/tier} sets an account's tier)
 */
public record PaperConfig(String host, int port, int chainId, boolean controlsEnabled, BookShape book,
                          List<PaperMarket> markets, List<PaperAccount> accounts, long sequencerDelayMs,
                          GroupedAssumptions grouped, RateLimits rateLimits) {

  /** A few milliseconds, as a sequencer under light load takes. */
  public static final long DEFAULT_SEQUENCER_DELAY_MS = 5;

  public PaperConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(book, "book");
    Objects.requireNonNull(grouped, "grouped");
    Objects.requireNonNull(rateLimits, "rateLimits");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535");
    }
    markets = List.copyOf(markets);
    accounts = List.copyOf(accounts);
    if (markets.stream().map(PaperMarket::marketId).distinct().count() != markets.size()) {
      throw new IllegalArgumentException("market ids must be unique");
    }
    if (accounts.stream().map(PaperAccount::accountIndex).distinct().count() != accounts.size()) {
      throw new IllegalArgumentException("account indexes must be unique");
    }
    if (sequencerDelayMs < 0) {
      throw new IllegalArgumentException("sequencerDelayMs must be 0 or more");
    }
  }

  public PaperConfig(String host, int port, int chainId, boolean controlsEnabled, BookShape book,
                     List<PaperMarket> markets, List<PaperAccount> accounts, long sequencerDelayMs,
                     GroupedAssumptions grouped) {
    this(host, port, chainId, controlsEnabled, book, markets, accounts, sequencerDelayMs, grouped,
      RateLimits.lighter());
  }

  public PaperConfig(String host, int port, int chainId, boolean controlsEnabled, BookShape book,
                     List<PaperMarket> markets, List<PaperAccount> accounts, long sequencerDelayMs) {
    this(host, port, chainId, controlsEnabled, book, markets, accounts, sequencerDelayMs,
      GroupedAssumptions.defaults(), RateLimits.lighter());
  }

  public PaperConfig(String host, int port, int chainId, boolean controlsEnabled, BookShape book,
                     List<PaperMarket> markets, List<PaperAccount> accounts) {
    this(host, port, chainId, controlsEnabled, book, markets, accounts, DEFAULT_SEQUENCER_DELAY_MS);
  }

  /**
   * Loopback, a free port, mainnet's chain id, controls on, a realistic set of markets, and Lighter's limits at the
   * premium tier.
   */
  public static PaperConfig defaults() {
    return new PaperConfig("127.0.0.1", 0, 304, true, BookShape.defaults(), defaultMarkets(), List.of(),
      DEFAULT_SEQUENCER_DELAY_MS, GroupedAssumptions.defaults(), RateLimits.lighter());
  }

  public PaperConfig withAccounts(List<PaperAccount> newAccounts) {
    return new PaperConfig(host, port, chainId, controlsEnabled, book, markets, newAccounts, sequencerDelayMs,
      grouped, rateLimits);
  }

  public PaperConfig withChainId(int newChainId) {
    return new PaperConfig(host, port, newChainId, controlsEnabled, book, markets, accounts, sequencerDelayMs,
      grouped, rateLimits);
  }

  public PaperConfig withControls(boolean enabled) {
    return new PaperConfig(host, port, chainId, enabled, book, markets, accounts, sequencerDelayMs, grouped,
      rateLimits);
  }

  public PaperConfig withGrouped(GroupedAssumptions assumptions) {
    return new PaperConfig(host, port, chainId, controlsEnabled, book, markets, accounts, sequencerDelayMs,
      assumptions, rateLimits);
  }

  public PaperConfig withRateLimits(RateLimits limits) {
    return new PaperConfig(host, port, chainId, controlsEnabled, book, markets, accounts, sequencerDelayMs, grouped,
      limits);
  }

  /** Decimals, minimums and margins as Lighter lists them for these markets. */
  public static List<PaperMarket> defaultMarkets() {
    return List.of(
      new PaperMarket(0, "ETH", true, 4, 2, new BigDecimal("0.0050"), new BigDecimal("10.000000"), 500,
        new BigDecimal("3000.00")),
      new PaperMarket(1, "BTC", true, 5, 1, new BigDecimal("0.00020"), new BigDecimal("10.000000"), 500,
        new BigDecimal("95000.0")),
      new PaperMarket(2, "SOL", true, 3, 3, new BigDecimal("0.050"), new BigDecimal("10.000000"), 1000,
        new BigDecimal("150.000")),
      new PaperMarket(51, "RESOLV", true, 0, 6, new BigDecimal("1"), new BigDecimal("10.000000"), 3333,
        new BigDecimal("0.143152")),
      new PaperMarket(60, "DELISTED", false, 2, 4, new BigDecimal("1.00"), new BigDecimal("10.000000"), 2000,
        new BigDecimal("1.0000")));
  }
}
