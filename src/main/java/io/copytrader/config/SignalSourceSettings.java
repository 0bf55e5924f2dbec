package io.copytrader.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.copytrader.webhook.IpRanges;
import io.copytrader.webhook.Ratios;
import io.copytrader.webhook.SignalSource;
import io.copytrader.webhook.SignalSources;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code SIGNAL_SOURCES} (a JSON array like {@code ACCOUNTS}, see README.md, "From TradingView") and
 * {@code WEBHOOK_TRUSTED_PROXIES}. Every problem is reported, naming the entry and the field; a token or an HMAC
 * secret never appears in one, whatever is wrong with it.
 */
final class SignalSourceSettings {

  static final int MIN_TOKEN_LENGTH = 16;
  private static final int MAX_TOKEN_LENGTH = 128;
  private static final int MAX_HMAC_SECRET_LENGTH = 256;
  private static final int MAX_SYMBOL_LENGTH = 32;
  private static final Set<String> FIELDS = Set.of("name", "token", "accounts", "hmac_secret", "ip_allowlist",
    "defaults");
  private static final Set<String> DEFAULTS_FIELDS = Set.of("ratio", "symbols");

  private final List<String> problems;
  private final Set<Long> configuredAccounts;

  private SignalSourceSettings(List<String> problems, Set<Long> configuredAccounts) {
    this.problems = problems;
    this.configuredAccounts = configuredAccounts;
  }

  /**
   * The sources {@code json} configures (null: none) for the accounts {@code configuredAccounts} (empty in paper
   * mode without accounts, whose demo accounts are checked when a signal names one), with the proxies
   * {@code trustedProxies} (comma-separated; null: none).
   */
  static SignalSources parse(String json, String trustedProxies, Set<Long> configuredAccounts,
                             List<String> problems) {
    SignalSourceSettings settings = new SignalSourceSettings(problems, configuredAccounts);
    return new SignalSources(settings.sources(json), settings.proxies(trustedProxies));
  }

  private IpRanges proxies(String text) {
    if (text == null) {
      return IpRanges.parse(List.of());
    }
    try {
      return IpRanges.parse(Arrays.asList(text.split(",")));
    } catch (IllegalArgumentException e) {
      problems.add(Setting.WEBHOOK_TRUSTED_PROXIES.name() + ": " + e.getMessage());
      return IpRanges.parse(List.of());
    }
  }

  private List<SignalSource> sources(String json) {
    if (json == null) {
      return List.of();
    }
    JsonNode root = array(json);
    if (root == null) {
      return List.of();
    }
    List<SignalSource> sources = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    Map<String, Integer> tokens = new HashMap<>();
    for (int i = 0; i < root.size(); i++) {
      String where = "SIGNAL_SOURCES[" + i + "]";
      JsonNode entry = root.get(i);
      SignalSource source = entry.isObject() ? source(where, entry) : null;
      if (!entry.isObject()) {
        problems.add(where + " must be a JSON object");
      }
      if (source == null) {
        continue;
      }
      Integer sameName = names.putIfAbsent(source.name(), i);
      Integer sameToken = tokens.putIfAbsent(source.token().reveal(), i);
      if (sameName != null) {
        problems.add(where + ".name is also SIGNAL_SOURCES[" + sameName + "]'s");
      } else if (sameToken != null) {
        problems.add(where + ".token is also SIGNAL_SOURCES[" + sameToken + "]'s: each source needs its own");
      } else {
        sources.add(source);
      }
    }
    return sources;
  }

  /** The JSON array {@code json} holds, or null with the problem that it is not one. */
  private JsonNode array(String json) {
    try {
      JsonNode root = Json.STRICT.readTree(json);
      if (root != null && root.isArray()) {
        return root;
      }
      problems.add("SIGNAL_SOURCES must be a JSON array of sources");
    } catch (JsonProcessingException e) {
      problems.add("SIGNAL_SOURCES is not valid JSON " + Json.position(e));
    }
    return null;
  }

  private SignalSource source(String where, JsonNode node) {
    int before = problems.size();
    unknownFields(where, node, FIELDS);
    String name = text(where + ".name", node.get("name"), 32, "[A-Za-z0-9_.-]{1,32}",
      "must be 1 to 32 characters of A-Z a-z 0-9 _ . -");
    String token = secret(where + ".token", node.get("token"), true, MAX_TOKEN_LENGTH, "[A-Za-z0-9._~-]+",
      " of A-Z a-z 0-9 . _ ~ - (it goes in a URL)");
    List<Long> accounts = accounts(where + ".accounts", node.get("accounts"));
    String hmacSecret = secret(where + ".hmac_secret", node.get("hmac_secret"), false, MAX_HMAC_SECRET_LENGTH,
      "[\\x21-\\x7e]+", " of printable ASCII");
    IpRanges allowlist = allowlist(where + ".ip_allowlist", node.get("ip_allowlist"));
    JsonNode defaults = node.get("defaults");
    BigDecimal ratio = null;
    Map<String, String> symbols = Map.of();
    if (defaults != null && !defaults.isNull()) {
      if (!defaults.isObject()) {
        problems.add(where + ".defaults must be a JSON object with ratio and symbols");
      } else {
        unknownFields(where + ".defaults", defaults, DEFAULTS_FIELDS);
        ratio = ratio(where + ".defaults.ratio", defaults.get("ratio"));
        symbols = symbols(where + ".defaults.symbols", defaults.get("symbols"));
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new SignalSource(name, Secret.of(token), accounts, hmacSecret == null ? null : Secret.of(hmacSecret),
      allowlist, ratio, symbols);
  }

  private void unknownFields(String where, JsonNode node, Set<String> known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(where + ": unknown field " + ConfigParser.shown(name));
      }
    }
  }

  private String text(String field, JsonNode node, int maxLength, String pattern, String rule) {
    if (node == null || node.isNull()) {
      problems.add(field + " is required");
      return null;
    }
    if (!node.isTextual() || node.textValue().length() > maxLength || !node.textValue().matches(pattern)) {
      problems.add(field + " " + rule);
      return null;
    }
    return node.textValue();
  }

  /** A secret's text; a problem says what is wrong with it and never shows it. */
  private String secret(String field, JsonNode node, boolean required, int maxLength, String pattern,
                        String characters) {
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(field + " is required");
      }
      return null;
    }
    String text = node.isTextual() ? node.textValue() : "";
    if (text.length() < MIN_TOKEN_LENGTH || text.length() > maxLength || !text.matches(pattern)) {
      problems.add(field + " must be a string of " + MIN_TOKEN_LENGTH + " to " + maxLength + " characters"
        + characters);
      return null;
    }
    return text;
  }

  private List<Long> accounts(String field, JsonNode node) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      problems.add(field + " must be a non-empty array of account indexes");
      return List.of();
    }
    Set<Long> accounts = new LinkedHashSet<>();
    for (JsonNode entry : node) {
      BigInteger value = entry.isIntegralNumber() ? entry.bigIntegerValue() : null;
      if (value == null || value.signum() < 0 || value.compareTo(BigInteger.valueOf(ConfigParser.MAX_ACCOUNT_INDEX)) > 0) {
        problems.add(field + " must hold account indexes (integers from 0 to " + ConfigParser.MAX_ACCOUNT_INDEX + ")");
        return List.of();
      }
      long index = value.longValueExact();
      if (!configuredAccounts.isEmpty() && !configuredAccounts.contains(index)) {
        problems.add(field + ": account " + index + " is not in ACCOUNTS");
      } else if (!accounts.add(index)) {
        problems.add(field + ": account " + index + " is listed twice");
      }
    }
    return List.copyOf(accounts);
  }

  private IpRanges allowlist(String field, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    List<String> entries = new ArrayList<>();
    if (node.isTextual()) {
      entries.add(node.textValue());
    } else if (node.isArray() && !node.isEmpty()) {
      node.forEach(entry -> entries.add(entry.isTextual() ? entry.textValue() : entry.toString()));
    } else {
      problems.add(field + " must be \"tradingview\" or a non-empty array of addresses, CIDR ranges or \"tradingview\"");
      return null;
    }
    try {
      return IpRanges.parse(entries);
    } catch (IllegalArgumentException e) {
      problems.add(field + ": " + e.getMessage());
      return null;
    }
  }

  private BigDecimal ratio(String field, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    BigDecimal value = node.isNumber() ? node.decimalValue() : node.isTextual() ? Ratios.parse(node.textValue()) : null;
    BigDecimal ratio = value == null ? null : Ratios.ratio(value);
    if (ratio == null || ratio.signum() == 0) {
      problems.add(field + " must be a number greater than 0 and at most 1");
    }
    return ratio;
  }

  private Map<String, String> symbols(String field, JsonNode node) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      problems.add(field + " must be a JSON object of tickers to Lighter symbols");
      return Map.of();
    }
    Map<String, String> symbols = new HashMap<>();
    Set<String> seen = new HashSet<>();
    Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String ticker = entry.getKey().strip().toUpperCase(Locale.ROOT);
      JsonNode symbol = entry.getValue();
      if (ticker.isEmpty() || ticker.length() > 64 || !symbol.isTextual() || symbol.textValue().isBlank()
        || symbol.textValue().strip().length() > MAX_SYMBOL_LENGTH || !seen.add(ticker)) {
        problems.add(field + " must map each ticker (1 to 64 characters, each once) to a symbol of 1 to "
          + MAX_SYMBOL_LENGTH + " characters");
        return Map.of();
      }
      symbols.put(ticker, symbol.textValue().strip());
    }
    return symbols;
  }
}
