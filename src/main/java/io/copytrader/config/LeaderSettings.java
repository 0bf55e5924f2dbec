package io.copytrader.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Copying leaders: {@code LEADERS}, the follower fields of an {@code ACCOUNTS} entry ({@code follow}, {@code sizing},
 * {@code copy_ratio}, {@code copy_notional}, {@code markets}, {@code copy_existing}, {@code drift_tolerance},
 * {@code no_chase_tolerance}) and the feed settings, every problem reported (README.md, "Copying a leader").
 */
public final class LeaderSettings {

  /** The follower fields an {@code ACCOUNTS} entry may carry. */
  static final Set<String> ACCOUNT_FIELDS = Set.of("follow", "sizing", "copy_ratio", "copy_notional", "markets",
    "copy_existing", "drift_tolerance", "no_chase_tolerance");
  /** A leader's name goes into idempotency keys and notices: short, and nothing that needs escaping. */
  private static final String NAME_PATTERN = "[A-Za-z0-9_.-]{1,32}";
  private static final Set<String> LEADER_FIELDS = Set.of("name", "account_index");
  private static final BigDecimal DEFAULT_DRIFT_TOLERANCE = new BigDecimal("0.01");
  private static final BigDecimal DEFAULT_NO_CHASE_TOLERANCE = new BigDecimal("0.005");
  private static final BigDecimal MAX_COPY_RATIO = BigDecimal.valueOf(100);
  private static final BigDecimal MAX_COPY_NOTIONAL = BigDecimal.valueOf(10_000_000);

  private final Function<Setting, String> text;
  private final List<String> problems;

  private LeaderSettings(Function<Setting, String> text, List<String> problems) {
    this.text = text;
    this.problems = problems;
  }

  /**
   * The leaders and their followers.
   *
   * @param accounts the {@code ACCOUNTS} array as read (null when absent or unreadable), entry i for account i of
   *                 {@code indexes} where that entry was valid
   * @param indexes  the account index of each {@code ACCOUNTS} entry, null for an invalid one
   */
  static Leaders parse(Function<Setting, String> text, JsonNode accounts, List<Long> indexes, List<String> problems) {
    return new LeaderSettings(text, problems).parse(accounts, indexes);
  }

  private Leaders parse(JsonNode accounts, List<Long> indexes) {
    List<LeaderConfig> leaders = leaders();
    Map<String, Long> byName = new HashMap<>();
    leaders.forEach(leader -> byName.put(leader.name(), leader.accountIndex()));
    List<FollowerConfig> followers = new ArrayList<>();
    if (accounts != null && accounts.isArray()) {
      for (int i = 0; i < accounts.size() && i < indexes.size(); i++) {
        FollowerConfig follower = follower("ACCOUNTS[" + i + "]", accounts.get(i), indexes.get(i), byName);
        if (follower != null) {
          followers.add(follower);
        }
      }
    }
    LeaderFeedSettings feed = new LeaderFeedSettings(
      millis(Setting.LEADER_POLL_INTERVAL_MS, 100, 3_600_000),
      millis(Setting.LEADER_RECONCILE_INTERVAL_MS, 1_000, 86_400_000),
      millis(Setting.LEADER_STALE_AFTER_MS, 1_000, 86_400_000),
      millis(Setting.LEADER_DEBOUNCE_MS, 0, 60_000));
    return new Leaders(leaders, followers, feed, paperDemoLeader());
  }

  private List<LeaderConfig> leaders() {
    String json = text.apply(Setting.LEADERS);
    if (json == null) {
      return List.of();
    }
    JsonNode root = Json.array("LEADERS", json, "{\"name\", \"account_index\"}", problems);
    if (root == null) {
      return List.of();
    }
    List<LeaderConfig> leaders = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<Long> indexes = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      String where = "LEADERS[" + i + "]";
      JsonNode node = root.get(i);
      if (!node.isObject()) {
        problems.add(where + " must be a JSON object");
        continue;
      }
      unknownFields(where, node, LEADER_FIELDS);
      JsonNode name = node.get("name");
      JsonNode index = node.get("account_index");
      boolean nameValid = name != null && name.isTextual() && name.asText().matches(NAME_PATTERN);
      if (!nameValid) {
        problems.add(where + ".name must be 1 to 32 letters, digits, '_', '.' or '-'");
      }
      boolean indexValid = index != null && index.isIntegralNumber() && index.canConvertToLong()
        && index.asLong() >= 0 && index.asLong() <= ConfigParser.MAX_ACCOUNT_INDEX;
      if (!indexValid) {
        problems.add(where + ".account_index must be an integer between 0 and " + ConfigParser.MAX_ACCOUNT_INDEX);
      }
      if (!nameValid || !indexValid) {
        continue;
      }
      if (!names.add(name.asText()) || !indexes.add(index.asLong())) {
        problems.add(where + ": duplicate leader name or account index");
        continue;
      }
      leaders.add(new LeaderConfig(name.asText(), index.asLong()));
    }
    return leaders;
  }

  private FollowerConfig follower(String where, JsonNode node, Long accountIndex, Map<String, Long> leaders) {
    if (!node.isObject()) {
      return null;
    }
    JsonNode follow = node.get("follow");
    if (follow == null || follow.isNull()) {
      for (String field : ACCOUNT_FIELDS) {
        if (node.hasNonNull(field)) {
          problems.add(where + "." + field + " needs follow (the leader's name)");
        }
      }
      return null;
    }
    String leader = follow.isTextual() ? follow.asText() : null;
    if (leader == null || !leaders.containsKey(leader)) {
      problems.add(where + ".follow must name a leader of LEADERS");
    } else if (leaders.get(leader).equals(accountIndex)) {
      problems.add(where + ".follow: an account cannot follow itself");
    }
    Sizing sizing = sizing(where, node.get("sizing"));
    BigDecimal copyRatio = positive(where + ".copy_ratio", node.get("copy_ratio"), BigDecimal.ONE, MAX_COPY_RATIO);
    BigDecimal copyNotional = positive(where + ".copy_notional", node.get("copy_notional"), null,
      MAX_COPY_NOTIONAL);
    if (sizing == Sizing.FIXED_NOTIONAL && copyNotional == null && !node.hasNonNull("copy_notional")) {
      problems.add(where + ".copy_notional is required with sizing fixed_notional");
    } else if (sizing != Sizing.FIXED_NOTIONAL && node.hasNonNull("copy_notional")) {
      problems.add(where + ".copy_notional applies only to sizing fixed_notional");
    }
    Set<String> markets = markets(where + ".markets", node.get("markets"));
    Boolean copyExisting = bool(where + ".copy_existing", node.get("copy_existing"));
    BigDecimal drift = positive(where + ".drift_tolerance", node.get("drift_tolerance"), DEFAULT_DRIFT_TOLERANCE,
      BigDecimal.ONE);
    BigDecimal noChase = fraction(where + ".no_chase_tolerance", node.get("no_chase_tolerance"));
    if (accountIndex == null || leader == null || sizing == null || copyRatio == null || drift == null
      || copyExisting == null || (sizing == Sizing.FIXED_NOTIONAL && copyNotional == null)) {
      return null;
    }
    return new FollowerConfig(accountIndex, leader, sizing, copyRatio, copyNotional, markets, copyExisting, drift,
      noChase);
  }

  private Sizing sizing(String where, JsonNode node) {
    if (node == null || node.isNull()) {
      return Sizing.EQUITY_RATIO;
    }
    Sizing sizing = node.isTextual() ? Sizing.fromWire(node.asText()) : null;
    if (sizing == null) {
      problems.add(where + ".sizing must be equity_ratio, fixed_ratio or fixed_notional");
    }
    return sizing;
  }

  /** A decimal in (0, max]; {@code absent} when not given. */
  private BigDecimal positive(String name, JsonNode node, BigDecimal absent, BigDecimal max) {
    if (node == null || node.isNull()) {
      return absent;
    }
    BigDecimal value = decimal(name, node);
    if (value != null && (value.signum() <= 0 || value.compareTo(max) > 0)) {
      problems.add(name + " must be greater than 0 and at most " + max.toPlainString() + ", got "
        + value.toPlainString());
      return null;
    }
    return value;
  }

  private BigDecimal fraction(String name, JsonNode node) {
    if (node == null || node.isNull()) {
      return DEFAULT_NO_CHASE_TOLERANCE;
    }
    BigDecimal value = decimal(name, node);
    if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0)) {
      problems.add(name + " must be between 0 and 1, got " + value.toPlainString());
      return DEFAULT_NO_CHASE_TOLERANCE;
    }
    return value == null ? DEFAULT_NO_CHASE_TOLERANCE : value;
  }

  private BigDecimal decimal(String name, JsonNode node) {
    String value = node.isNumber() ? node.decimalValue().toPlainString() : node.isTextual() ? node.asText().strip()
      : "";
    if (!value.matches("\\d{1,12}(\\.\\d{1,18})?")) {
      problems.add(name + " must be a non-negative decimal (a number or a string)");
      return null;
    }
    return new BigDecimal(value);
  }

  private Boolean bool(String name, JsonNode node) {
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      problems.add(name + " must be true or false");
      return null;
    }
    return node.asBoolean();
  }

  /** {@code "all"} (or absent), a list of symbols, or the same as one comma-separated string. */
  private Set<String> markets(String name, JsonNode node) {
    if (node == null || node.isNull() || (node.isTextual() && node.asText().strip().equalsIgnoreCase("all"))) {
      return null;
    }
    List<String> symbols = new ArrayList<>();
    if (node.isTextual()) {
      for (String symbol : node.asText().split(",", -1)) {
        symbols.add(symbol.strip());
      }
    } else if (node.isArray()) {
      node.forEach(symbol -> symbols.add(symbol.isTextual() ? symbol.asText().strip() : ""));
    }
    Set<String> markets = new LinkedHashSet<>();
    for (String symbol : symbols) {
      if (!symbol.matches("[A-Za-z0-9._-]{1,32}")) {
        problems.add(name + " must be \"all\" or a list of market symbols");
        return null;
      }
      markets.add(symbol.toUpperCase(Locale.ROOT));
    }
    if (markets.isEmpty()) {
      problems.add(name + " must be \"all\" or a list of market symbols");
      return null;
    }
    return markets;
  }

  private Duration millis(Setting setting, int min, int max) {
    String value = text.apply(setting);
    if (value == null || !value.strip().matches("\\d{1,9}")) {
      problems.add(setting.name() + " must be a whole number of milliseconds"
        + (value == null ? "" : ", got " + ConfigParser.shown(value)));
      return Duration.ZERO;
    }
    long ms = Long.parseLong(value.strip());
    if (ms < min || ms > max) {
      problems.add(setting.name() + " must be between " + min + " and " + max + ", got " + ms);
    }
    return Duration.ofMillis(ms);
  }

  private boolean paperDemoLeader() {
    String value = text.apply(Setting.PAPER_DEMO_LEADER);
    if (value == null || value.equalsIgnoreCase("false")) {
      return false;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    problems.add("PAPER_DEMO_LEADER must be true or false, got " + ConfigParser.shown(value));
    return false;
  }

  private void unknownFields(String where, JsonNode node, Set<String> known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(where + ": unknown field '" + name + "'");
      }
    }
  }
}
