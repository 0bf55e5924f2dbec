package io.copytrader.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A sender's {@code timestamp} as epoch milliseconds: epoch seconds or milliseconds (a JSON integer or a string of
 * digits), or ISO-8601 as TradingView's {@code {{timenow}}} writes it ({@code 2026-12-06T09:58:18Z}). Below
 * {@value #SECONDS_BELOW} a number is read as seconds: as milliseconds it would be before March 1973, as seconds
 * it is before the year 5138.
 */
final class SignalTime {

  static final long SECONDS_BELOW = 100_000_000_000L;
  private static final int MAX_TEXT_LENGTH = 40;

  private SignalTime() {
  }

  static long epochMillis(String field, JsonNode node) throws SignalException {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return fromNumber(field, node.longValue());
    }
    if (node.isTextual() && node.textValue().length() <= MAX_TEXT_LENGTH) {
      String text = node.textValue().strip();
      if (text.matches("\\d{1,15}")) {
        return fromNumber(field, Long.parseLong(text));
      }
      try {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
      } catch (DateTimeException | ArithmeticException e) {
        throw invalid(field);
      }
    }
    throw invalid(field);
  }

  private static long fromNumber(String field, long value) throws SignalException {
    if (value <= 0) {
      throw invalid(field);
    }
    return value < SECONDS_BELOW ? value * 1000 : value;
  }

  private static SignalException invalid(String field) {
    return new SignalException(field + " must be epoch seconds, epoch milliseconds or an ISO-8601 time"
      + " such as 2026-12-06T09:58:18Z");
  }
}
