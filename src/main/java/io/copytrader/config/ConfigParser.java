package io.copytrader.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.copytrader.lighter.limits.AccountTier;
import io.copytrader.paper.limits.RateLimits;
import io.copytrader.rails.RailLimits;
import io.copytrader.rails.RailOverrides;
import io.copytrader.webhook.SignalSources;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns raw variables into an {@link AppConfig}, collecting every problem before failing so an operator
 * fixes them in one pass. Problems name the variable and the rule, never a secret value.
 */
final class ConfigParser {

  static final long MAX_ACCOUNT_INDEX = (1L << 48) - 2;
  private static final int MAX_API_KEY_INDEX = 254;
  private static final int PRIVATE_KEY_HEX_LENGTH = 80;
  private static final Set<String> ACCOUNT_FIELDS = Set.of("index", "account_index", "api_index", "api_key_index",
    "private_key", "name", "scaling_factor", "max_slippage", "stop_loss_ratio", LeverageSettings.ACCOUNT_FIELD,
    TakeProfitSettings.ACCOUNT_FIELD);

  private final Map<String, String> values;
  private final List<String> problems;
  private final List<String> warnings = new ArrayList<>();
  private boolean accountsInvalid;
  /** The global rails, which an account's own override; null when they have a problem. */
  private RailLimits rails;
  private LeverageSetting leverage;
  /** ACCOUNTS as read, and each entry's account index (null for an invalid entry), for the follower fields. */
  private JsonNode accountsRoot;
  private final List<Long> entryIndexes = new ArrayList<>();

  private ConfigParser(Map<String, String> values, List<String> problems) {
    this.values = values;
    this.problems = problems;
  }

  static LoadedConfig parse(Map<String, String> values, List<String> problems) throws ConfigException {
    return new ConfigParser(values, problems).parse();
  }

  private LoadedConfig parse() throws ConfigException {
    Integer chainId = integer(Setting.CHAIN_ID, 1, Integer.MAX_VALUE);
    String l1Address = l1Address();
    rails = RailSettings.global(this::text, problems);
    leverage = LeverageSettings.global(text(Setting.LEVERAGE), problems);
    List<AccountConfig> accounts = accounts();
    SignalSources signalSources = SignalSourceSettings.parse(text(Setting.SIGNAL_SOURCES),
      text(Setting.WEBHOOK_TRUSTED_PROXIES), accountsInvalid ? Set.of()
        : accounts.stream().map(AccountConfig::accountIndex).collect(Collectors.toSet()), problems);
    Leaders leaders = LeaderSettings.parse(this::text, accountsRoot, entryIndexes, problems);
    TradingParameters trading = new TradingParameters(
      required(Setting.SCALING_FACTOR, scalingFactor(Setting.SCALING_FACTOR.name(), decimal(Setting.SCALING_FACTOR))),
      required(Setting.MAX_SLIPPAGE, ratio(Setting.MAX_SLIPPAGE.name(), decimal(Setting.MAX_SLIPPAGE))),
      required(Setting.STOP_LOSS_RATIO, ratio(Setting.STOP_LOSS_RATIO.name(), decimal(Setting.STOP_LOSS_RATIO))),
      TakeProfitSettings.global(text(Setting.TAKE_PROFIT_RATIO), problems));
    Integer maxRetries = required(Setting.MAX_RETRIES, integer(Setting.MAX_RETRIES, 0, 100));
    Integer retryInterval = required(Setting.RETRY_INTERVAL, integer(Setting.RETRY_INTERVAL, 1, 3600));
    TelegramConfig telegram = telegram();
    String apiKey = text(Setting.API_KEY);
    String httpHost = text(Setting.HTTP_HOST);
    Integer httpPort = required(Setting.HTTP_PORT, integer(Setting.HTTP_PORT, 0, 65535));
    String dataDir = text(Setting.DATA_DIR);
    if (dataDir == null) {
      problems.add("DATA_DIR must be set (where the journal lives)");
    }
    JournalSettings journal = JournalSettings.parse(text(Setting.JOURNAL_URL), problems);
    ClusterSettings cluster = ClusterSettings.parse(this::text, httpPort, journal.postgresql(), problems);
    Integer maxQueue = required(Setting.MAX_QUEUE_PER_ACCOUNT, integer(Setting.MAX_QUEUE_PER_ACCOUNT, 1, 100_000));
    Integer paperPort = integer(Setting.PAPER_PORT, 0, 65535);
    BigDecimal paperBalance = required(Setting.PAPER_BALANCE, decimal(Setting.PAPER_BALANCE));
    if (paperBalance != null && paperBalance.signum() <= 0) {
      problems.add("PAPER_BALANCE must be greater than 0, got " + paperBalance.toPlainString());
    }
    Integer paperSequencerDelay = integer(Setting.PAPER_SEQUENCER_DELAY_MS, 0, 600_000);
    RateLimits paperLimits = PaperLimitSettings.parse(this::text, problems);
    Integer maxSignalAge = required(Setting.MAX_SIGNAL_AGE, integer(Setting.MAX_SIGNAL_AGE, 1, 86_400));
    Integer shutdownGrace = required(Setting.SHUTDOWN_GRACE, integer(Setting.SHUTDOWN_GRACE, 0, 3600));
    AppConfig.LogFormat logFormat = logFormat();
    Integer protectionInterval = required(Setting.PROTECTION_INTERVAL,
      integer(Setting.PROTECTION_INTERVAL, 1, 86_400));
    ExternalPositions external = ExternalPositions.parse(text(Setting.PROTECT_EXTERNAL_POSITIONS), problems);
    Mode mode = mode(accounts);
    LighterEndpoint endpoint = EndpointResolver.resolve(text(Setting.NETWORK), text(Setting.BASE_URL),
      text(Setting.STREAM_URL), chainId, mode, problems, warnings);
    AccountTier accountTier = TierSetting.parse(text(Setting.LIGHTER_ACCOUNT_TIER), mode, paperLimits,
      problems);

    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    if (!telegram.enabled()) {
      warnings.add("Telegram is not configured (TELEGRAM_BOT_API_KEY, TELEGRAM_GROUP_ID): notifications are logged only");
    }
    if (apiKey == null) {
      warnings.add("API_KEY is not set: the API is open to anyone who can reach it"
        + (httpHost == null ? "; binding to 127.0.0.1 only" : "; HTTP_HOST=" + httpHost));
    }
    String host = httpHost != null ? httpHost : apiKey == null ? "127.0.0.1" : "0.0.0.0";
    AccountPolicy policy = new AccountPolicy(trading, maxQueue, maxRetries, Duration.ofSeconds(retryInterval),
      Duration.ofSeconds(maxSignalAge), Duration.ofSeconds(protectionInterval), external, rails,
      leverage);
    AppConfig config = new AppConfig(mode, endpoint, new Accounts(accounts, l1Address),
      policy, telegram, new HttpSettings(host, httpPort, apiKey == null ? null : Secret.of(apiKey),
        signalSources),
      new PaperSettings(paperPort, paperBalance,
        paperSequencerDelay == null ? null : Duration.ofMillis(paperSequencerDelay), paperLimits),
      Path.of(dataDir), journal, Duration.ofSeconds(shutdownGrace), logFormat, leaders, accountTier, cluster);
    return new LoadedConfig(config, warnings);
  }

  private Mode mode(List<AccountConfig> accounts) {
    String mode = text(Setting.MODE);
    if (mode == null) {
      return accounts.isEmpty() ? Mode.PAPER : Mode.LIVE;
    }
    switch (mode.toLowerCase(Locale.ROOT)) {
      case "paper":
        return Mode.PAPER;
      case "live":
        if (accounts.isEmpty() && !accountsInvalid) {
          problems.add("MODE=live needs at least one account in ACCOUNTS or ACCOUNTS_FILE");
        }
        return Mode.LIVE;
      default:
        problems.add("MODE must be paper or live, got " + shown(mode));
        return Mode.PAPER;
    }
  }

  private AppConfig.LogFormat logFormat() {
    String format = text(Setting.LOG_FORMAT);
    if (format == null || format.equalsIgnoreCase("text")) {
      return AppConfig.LogFormat.TEXT;
    }
    if (format.equalsIgnoreCase("json")) {
      return AppConfig.LogFormat.JSON;
    }
    problems.add("LOG_FORMAT must be text or json, got " + shown(format));
    return AppConfig.LogFormat.TEXT;
  }

  private String l1Address() {
    String address = text(Setting.L1_ADDRESS);
    if (address != null && !Eip55.isValid(address)) {
      problems.add("L1_ADDRESS must be a 0x-prefixed 20-byte hex address with a valid EIP-55 checksum");
    }
    return address;
  }

  private TelegramConfig telegram() {
    String token = text(Setting.TELEGRAM_BOT_API_KEY);
    String chat = text(Setting.TELEGRAM_GROUP_ID);
    Long thread = null;
    String threadText = text(Setting.TELEGRAM_THREAD_ID);
    if (threadText != null) {
      try {
        thread = Long.parseLong(threadText);
      } catch (NumberFormatException e) {
        problems.add("TELEGRAM_THREAD_ID must be an integer, got " + shown(threadText));
      }
    }
    if ((token == null) != (chat == null)) {
      problems.add("TELEGRAM_BOT_API_KEY and TELEGRAM_GROUP_ID must be set together");
    }
    String apiUrl = text(Setting.TELEGRAM_API_URL);
    if (apiUrl == null) {
      apiUrl = TelegramConfig.DEFAULT_API_URL;
    } else if (!apiUrl.startsWith("http://") && !apiUrl.startsWith("https://")) {
      problems.add("TELEGRAM_API_URL must start with http:// or https://");
    }
    return new TelegramConfig(token, chat, thread, apiUrl, FanoutNoticeSettings.parse(this::text, problems));
  }

  private List<AccountConfig> accounts() {
    String json = text(Setting.ACCOUNTS);
    if (json == null) {
      return List.of();
    }
    JsonNode root;
    try {
      root = Json.STRICT.readTree(json);
    } catch (JsonProcessingException e) {
      problems.add("ACCOUNTS is not valid JSON " + Json.position(e));
      accountsInvalid = true;
      return List.of();
    }
    if (root == null || !root.isArray()) {
      problems.add("ACCOUNTS must be a JSON array of accounts");
      accountsInvalid = true;
      return List.of();
    }
    accountsRoot = root;
    List<AccountConfig> accounts = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      int before = problems.size();
      AccountConfig account = account("ACCOUNTS[" + i + "]", root.get(i));
      entryIndexes.add(account == null ? null : account.accountIndex());
      if (account == null || problems.size() > before) {
        accountsInvalid = true;
        continue;
      }
      if (!seen.add(account.accountIndex())) {
        problems.add("ACCOUNTS[" + i + "]: duplicate account index " + account.accountIndex());
        continue;
      }
      accounts.add(account);
    }
    return accounts;
  }

  private AccountConfig account(String where, JsonNode node) {
    if (!node.isObject()) {
      problems.add(where + " must be a JSON object");
      return null;
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!ACCOUNT_FIELDS.contains(name) && !RailSettings.ACCOUNT_FIELDS.contains(name)
        && !LeaderSettings.ACCOUNT_FIELDS.contains(name)) {
        problems.add(where + ": unknown field '" + name + "'");
      }
    }
    Long index = accountInteger(where, node, "index", "account_index", 0, MAX_ACCOUNT_INDEX);
    Long apiIndex = accountInteger(where, node, "api_index", "api_key_index", 0, MAX_API_KEY_INDEX);
    String privateKey = privateKey(where, node.get("private_key"));
    String name = null;
    JsonNode nameNode = node.get("name");
    if (nameNode != null && !nameNode.isNull()) {
      if (!nameNode.isTextual() || nameNode.asText().isBlank() || nameNode.asText().length() > 64) {
        problems.add(where + ".name must be a non-empty string of at most 64 characters");
      } else {
        name = nameNode.asText();
      }
    }
    BigDecimal scaling = scalingFactor(where + ".scaling_factor", accountDecimal(where, node, "scaling_factor"));
    BigDecimal slippage = ratio(where + ".max_slippage", accountDecimal(where, node, "max_slippage"));
    BigDecimal stopLoss = ratio(where + ".stop_loss_ratio", accountDecimal(where, node, "stop_loss_ratio"));
    RailOverrides overrides = RailSettings.account(where, node, problems);
    LeverageSetting ownLeverage = LeverageSettings.account(where, node, problems);
    BigDecimal takeProfit = TakeProfitSettings.account(where, node, problems);
    if (index == null || apiIndex == null || privateKey == null || rails == null) {
      return null;
    }
    return new AccountConfig(index, apiIndex.intValue(), Secret.of(privateKey), name, scaling, slippage, stopLoss,
      RailLimits.merge(rails, overrides), ownLeverage.over(leverage), takeProfit);
  }

  private Long accountInteger(String where, JsonNode node, String pythonName, String name, long min, long max) {
    JsonNode python = node.get(pythonName);
    JsonNode modern = node.get(name);
    if (python != null && modern != null) {
      problems.add(where + ": set either " + pythonName + " or " + name + ", not both");
      return null;
    }
    JsonNode value = python != null ? python : modern;
    String field = python != null ? pythonName : name;
    if (value == null || value.isNull()) {
      problems.add(where + "." + name + " is required (or " + pythonName + ")");
      return null;
    }
    BigInteger number = null;
    if (value.isIntegralNumber()) {
      number = value.bigIntegerValue();
    } else if (value.isTextual() && value.asText().strip().matches("-?\\d{1,19}")) {
      number = new BigInteger(value.asText().strip());
    }
    if (number == null) {
      problems.add(where + "." + field + " must be an integer");
      return null;
    }
    if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
      problems.add(where + "." + field + " must be between " + min + " and " + max + ", got " + number);
      return null;
    }
    return number.longValueExact();
  }

  private String privateKey(String where, JsonNode node) {
    if (node == null || node.isNull()) {
      problems.add(where + ".private_key is required");
      return null;
    }
    String hex = node.isTextual() ? node.asText().strip() : "";
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (digits.length() != PRIVATE_KEY_HEX_LENGTH || !digits.matches("[0-9a-fA-F]+")) {
      problems.add(where + ".private_key must be 40 bytes of hex (80 hex digits, with or without 0x)");
      return null;
    }
    return digits.toLowerCase(Locale.ROOT);
  }

  private BigDecimal accountDecimal(String where, JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual()) {
      BigDecimal parsed = parseDecimal(value.asText());
      if (parsed != null) {
        return parsed;
      }
    }
    problems.add(where + "." + name + " must be a number");
    return null;
  }

  private BigDecimal ratio(String name, BigDecimal value) {
    if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0)) {
      problems.add(name + " must be between 0 and 1, got " + value.toPlainString());
    }
    return value;
  }

  private BigDecimal scalingFactor(String name, BigDecimal value) {
    if (value != null && (value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(100)) > 0)) {
      problems.add(name + " must be greater than 0 and at most 100, got " + value.toPlainString());
    }
    return value;
  }

  /** A setting with a bundled default that an override blanked out. */
  private <T> T required(Setting setting, T value) {
    if (value == null && text(setting) == null) {
      problems.add(setting.name() + " must be set");
    }
    return value;
  }

  private String text(Setting setting) {
    return ConfigLoader.blankToNull(values.get(setting.name()));
  }

  private BigDecimal decimal(Setting setting) {
    String text = text(setting);
    if (text == null) {
      return null;
    }
    BigDecimal value = parseDecimal(text);
    if (value == null) {
      problems.add(setting.name() + " must be a number, got " + shown(text));
    }
    return value;
  }

  private Integer integer(Setting setting, int min, int max) {
    String text = text(setting);
    if (text == null) {
      return null;
    }
    if (!text.matches("[+-]?\\d{1,10}")) {
      problems.add(setting.name() + " must be a whole number, got " + shown(text));
      return null;
    }
    long value = Long.parseLong(text);
    if (value < min || value > max) {
      problems.add(setting.name() + " must be between " + min + " and " + max + ", got " + value);
      return null;
    }
    return (int) value;
  }

  /**
   * A rejected value as a problem may quote it: short ones in full, longer ones only by length, since a long
   * value in the wrong variable is most likely a key pasted into the wrong line.
   */
  static String shown(String value) {
    return value.length() <= 24 ? "'" + value + "'" : "a value of " + value.length() + " characters";
  }

  private static BigDecimal parseDecimal(String text) {
    String trimmed = text.strip();
    if (!trimmed.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?")) {
      return null;
    }
    return new BigDecimal(trimmed);
  }
}
