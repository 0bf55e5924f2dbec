package io.copytrader.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a webhook payload into the body of a native request ({@link MappedSignal}); the native request's own rules
 * then check that body exactly as {@code /api/trade} checks its own. README.md, "From TradingView", lists the
 * fields:
 * <ul>
 *   <li>the native fields of {@code /api/trade} and {@code /api/trade/adjust};</li>
 *   <li>{@code trade_type} or {@code action} (TradingView's {@code {{strategy.order.action}}}), case-insensitive:
 *   {@code long}/{@code buy}, {@code short}/{@code sell}, {@code close}/{@code flat};</li>
 *   <li>{@code market_position} (long, short, flat) with an optional {@code market_position_size}: a target
 *   position of {@code +ratio}, {@code -ratio} or 0, the ratio being the payload's or the source's default; a size
 *   of 0 is flat. It takes precedence over {@code action}, which only says how the strategy got there;</li>
 *   <li>{@code ticker} instead of {@code symbol} ({@link TickerSymbols});</li>
 *   <li>{@code timestamp} ({@link SignalTime}) and {@code max_lag} in seconds, as {@code signal_timestamp} and
 *   {@code max_lag_ms};</li>
 *   <li>{@code id}, {@code signalId} or {@code client_request_id} as the idempotency key, kept per source:
 *   {@code webhook:<source>:<id>};</li>
 *   <li>{@code secret}, the source's token when it is not in the URL (checked before mapping).</li>
 * </ul>
 */
public final class SignalMapper {

  static final int MAX_ID_LENGTH = 64;
  private static final long MAX_ACCOUNT_INDEX = (1L << 48) - 2;
  private static final long MAX_LAG_SECONDS = 86_400;
  private static final Set<String> NATIVE = Set.of("account_index", "market_id", "symbol", "trade_type",
    "reference_position_ratio", "adjustment_type", "percentage", "client_request_id", "signal_timestamp",
    "max_lag_ms");
  private static final Set<String> WEBHOOK = Set.of("secret", "ticker", "action", "market_position",
    "market_position_size", "timestamp", "max_lag", "id", "signalId");
  private static final Map<String, String> TRADE_TYPES = Map.of("long", "long", "buy", "long", "short", "short",
    "sell", "short", "close", "close", "flat", "close");
  private static final String RATIO = "reference_position_ratio";

  private SignalMapper() {
  }

  /** Maps {@code payload} (a JSON object) sent by {@code source}. */
  public static MappedSignal map(JsonNode payload, SignalSource source) throws SignalException {
    ObjectNode body = payload.deepCopy();
    // Unknown fields stay in the body, for the native rules to refuse them by name.
    WEBHOOK.forEach(body::remove);
    Long accountIndex = accountIndex(payload);
    body.remove("account_index");
    String ticker = ticker(payload);
    times(payload, body);
    idempotencyKey(payload, body, source.name());
    if (payload.hasNonNull("market_position")) {
      return position(payload, body, source, accountIndex, ticker);
    }
    if (payload.hasNonNull("adjustment_type")) {
      return new MappedSignal(MappedSignal.Route.ADJUST, body, accountIndex, ticker, null);
    }
    String tradeType = tradeType(payload);
    if (tradeType != null) {
      body.put("trade_type", tradeType);
      if (!tradeType.equals("close") && !payload.has(RATIO) && source.defaultRatio() != null) {
        body.put(RATIO, source.defaultRatio());
      }
    }
    return new MappedSignal(MappedSignal.Route.TRADE, body, accountIndex, ticker, null);
  }

  private static MappedSignal position(JsonNode payload, ObjectNode body, SignalSource source, Long accountIndex,
                                       String ticker) throws SignalException {
    if (payload.has("trade_type") || payload.has("adjustment_type")) {
      throw new SignalException("market_position states the position to hold: send it without trade_type and"
        + " adjustment_type");
    }
    String side = lowerText(payload, "market_position");
    if (!Set.of("long", "short", "flat").contains(side)) {
      throw new SignalException("market_position must be one of long, short, flat");
    }
    BigDecimal size = positionSize(payload);
    boolean flat = side.equals("flat") || size != null && size.signum() == 0;
    if (side.equals("flat") && size != null && size.signum() != 0) {
      throw new SignalException("market_position_size must be 0 when market_position is flat");
    }
    if (flat) {
      body.remove(RATIO);
      return new MappedSignal(MappedSignal.Route.POSITION, body, accountIndex, ticker, BigDecimal.ZERO);
    }
    BigDecimal ratio = payload.has(RATIO) ? Ratios.bounded(RATIO, payload.get(RATIO)) : source.defaultRatio();
    if (ratio == null) {
      throw new SignalException(RATIO + " is required (or defaults.ratio in the source's configuration)");
    }
    body.put(RATIO, ratio);
    return new MappedSignal(MappedSignal.Route.POSITION, body, accountIndex, ticker,
      side.equals("long") ? ratio : ratio.negate());
  }

  private static String tradeType(JsonNode payload) throws SignalException {
    if (payload.hasNonNull("trade_type") && payload.hasNonNull("action")) {
      throw new SignalException("set trade_type or action, not both");
    }
    String field = payload.hasNonNull("action") ? "action" : "trade_type";
    if (!payload.hasNonNull(field)) {
      return null;
    }
    String type = TRADE_TYPES.get(lowerText(payload, field));
    if (type == null) {
      throw new SignalException(field + " must be one of long, short, close, buy, sell, flat");
    }
    return type;
  }

  /** The account named, or null for every account of the source (absent or JSON null, as natively). */
  private static Long accountIndex(JsonNode payload) throws SignalException {
    JsonNode node = payload.get("account_index");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      throw new SignalException("account_index must be an integer");
    }
    if (!node.canConvertToLong() || node.longValue() < 0 || node.longValue() > MAX_ACCOUNT_INDEX) {
      throw new SignalException("account_index must be between 0 and " + MAX_ACCOUNT_INDEX);
    }
    return node.longValue();
  }

  private static String ticker(JsonNode payload) throws SignalException {
    if (!payload.hasNonNull("ticker")) {
      return null;
    }
    if (payload.hasNonNull("symbol")) {
      throw new SignalException("set ticker or symbol, not both");
    }
    JsonNode node = payload.get("ticker");
    String text = node.isTextual() ? node.textValue().strip() : "";
    if (text.isEmpty() || text.length() > 64 || !text.chars().allMatch(c -> c >= 0x21 && c < 0x7f)) {
      throw new SignalException("ticker must be 1 to 64 printable ASCII characters");
    }
    return text;
  }

  private static void times(JsonNode payload, ObjectNode body) throws SignalException {
    if (payload.hasNonNull("timestamp")) {
      if (payload.has("signal_timestamp")) {
        throw new SignalException("set timestamp or signal_timestamp, not both");
      }
      body.put("signal_timestamp", SignalTime.epochMillis("timestamp", payload.get("timestamp")));
    }
    if (payload.hasNonNull("max_lag")) {
      if (payload.has("max_lag_ms")) {
        throw new SignalException("set max_lag or max_lag_ms, not both");
      }
      JsonNode node = payload.get("max_lag");
      String text = node.isIntegralNumber() ? node.asText() : node.isTextual() ? node.textValue().strip() : "";
      if (!text.matches("\\d{1,6}") || Long.parseLong(text) < 1 || Long.parseLong(text) > MAX_LAG_SECONDS) {
        throw new SignalException("max_lag must be a whole number of seconds from 1 to " + MAX_LAG_SECONDS);
      }
      body.put("max_lag_ms", Long.parseLong(text) * 1000);
    }
  }

  private static void idempotencyKey(JsonNode payload, ObjectNode body, String source) throws SignalException {
    String field = null;
    for (String name : new String[] {"id", "signalId", "client_request_id"}) {
      if (payload.hasNonNull(name)) {
        if (field != null) {
          throw new SignalException("set one of id, signalId, client_request_id, not " + field + " and " + name);
        }
        field = name;
      }
    }
    body.remove("client_request_id");
    if (field == null) {
      return;
    }
    JsonNode node = payload.get(field);
    String id = node.isIntegralNumber() ? node.asText() : node.isTextual() ? node.textValue().strip() : "";
    if (id.isEmpty() || id.length() > MAX_ID_LENGTH || !id.chars().allMatch(c -> c >= 0x21 && c < 0x7f)) {
      throw new SignalException(field + " must be 1 to " + MAX_ID_LENGTH + " printable ASCII characters");
    }
    body.put("client_request_id", "webhook:" + source + ":" + id);
  }

  private static BigDecimal positionSize(JsonNode payload) throws SignalException {
    if (!payload.hasNonNull("market_position_size")) {
      return null;
    }
    JsonNode node = payload.get("market_position_size");
    BigDecimal size = node.isTextual() ? Ratios.parse(node.textValue()) : node.isNumber() ? node.decimalValue()
      : null;
    if (size == null || size.signum() < 0) {
      throw new SignalException("market_position_size must be a number of at least 0");
    }
    return size;
  }

  private static String lowerText(JsonNode payload, String field) throws SignalException {
    JsonNode node = payload.get(field);
    if (!node.isTextual()) {
      throw new SignalException(field + " must be a string");
    }
    return node.textValue().strip().toLowerCase(Locale.ROOT);
  }
}
