package io.copytrader.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A chart's ticker as the Lighter symbol it trades: {@code ETHUSDT.P}, {@code ETHUSD}, {@code BINANCE:ETHUSDT},
 * {@code ETH-PERP} are all {@code ETH}. Lighter's perpetuals are named by their base asset alone, so the
 * exchange prefix, a perpetual suffix and a quote currency are taken off in turn, and the first form that is a
 * market the service knows wins; a source's own aliases ({@code defaults.symbols}) come before all of it.
 */
public final class TickerSymbols {

  private static final List<String> PERPETUAL_SUFFIXES = List.of(".P", ".PERP", "-PERP", "_PERP", "PERP");
  private static final List<String> QUOTES = List.of("USDT", "USDC", "BUSD", "USD");

  private TickerSymbols() {
  }

  /**
   * The symbol {@code ticker} names: its alias in {@code aliases} (keys upper case) if it has one, else the first of
   * its shorter forms in {@code known} (upper case), else its shortest form, which the market lookup then refuses
   * naming it.
   */
  public static String symbolFor(String ticker, Map<String, String> aliases, Set<String> known) {
    List<String> forms = forms(ticker);
    for (String form : forms) {
      String alias = aliases.get(form);
      if (alias != null) {
        return alias;
      }
    }
    for (String form : forms) {
      if (known.contains(form)) {
        return form;
      }
    }
    return forms.get(forms.size() - 1);
  }

  /** The ticker, then without its exchange prefix, its perpetual suffix and its quote currency, in that order. */
  static List<String> forms(String ticker) {
    List<String> forms = new ArrayList<>();
    String form = ticker.strip().toUpperCase(Locale.ROOT);
    forms.add(form);
    int colon = form.lastIndexOf(':');
    if (colon >= 0 && colon < form.length() - 1) {
      form = add(forms, form.substring(colon + 1));
    }
    for (String suffix : PERPETUAL_SUFFIXES) {
      if (form.endsWith(suffix) && form.length() > suffix.length()) {
        form = add(forms, form.substring(0, form.length() - suffix.length()));
        break;
      }
    }
    for (String quote : QUOTES) {
      if (form.endsWith(quote) && form.length() > quote.length()) {
        form = add(forms, trimSeparator(form.substring(0, form.length() - quote.length())));
        break;
      }
    }
    return forms;
  }

  private static String add(List<String> forms, String form) {
    if (!form.isEmpty() && !forms.contains(form)) {
      forms.add(form);
    }
    return form;
  }

  private static String trimSeparator(String form) {
    return form.length() > 1 && "-_/".indexOf(form.charAt(form.length() - 1)) >= 0
      ? form.substring(0, form.length() - 1) : form;
  }
}
