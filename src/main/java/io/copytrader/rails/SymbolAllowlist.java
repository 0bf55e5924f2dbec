package io.copytrader.rails;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The markets an account may open positions in: named symbols (compared upper-cased, as the market table keys
 * them), or every market when allow-any was asked for explicitly with {@code *}.
 */
public record SymbolAllowlist(boolean allowAny, Set<String> symbols) {

  public static final SymbolAllowlist ANY = new SymbolAllowlist(true, Set.of());

  public SymbolAllowlist {
    symbols = Set.copyOf(symbols.stream().map(symbol -> symbol.toUpperCase(Locale.ROOT)).toList());
    if (allowAny && !symbols.isEmpty()) {
      throw new IllegalArgumentException("an allowlist is either * or a list of symbols, not both");
    }
    if (!allowAny && symbols.isEmpty()) {
      throw new IllegalArgumentException("an allowlist names at least one symbol, or is * to allow any");
    }
  }

  /** Parses {@code *} or a comma-separated list of symbols; blanks around names are ignored. */
  public static SymbolAllowlist parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("an allowlist is * or a comma-separated list of symbols, not empty");
    }
    if (text.strip().equals("*")) {
      return ANY;
    }
    Set<String> names = Arrays.stream(text.split(",", -1)).map(String::strip).collect(Collectors.toSet());
    if (names.contains("") || names.contains("*")) {
      throw new IllegalArgumentException("allowlist '" + text + "' has an empty name or mixes * with symbols");
    }
    return new SymbolAllowlist(false, names);
  }

  public boolean allows(String symbol) {
    return allowAny || symbols.contains(symbol.toUpperCase(Locale.ROOT));
  }

  /** The setting's own spelling: {@code *} or the symbols in order, comma-separated. */
  public String text() {
    return allowAny ? "*" : String.join(",", new TreeSet<>(symbols));
  }
}
