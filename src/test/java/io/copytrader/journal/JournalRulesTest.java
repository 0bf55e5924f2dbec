package io.copytrader.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JournalRulesTest {

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource({
    "queued, executing, true",
    "queued, expired, true",
    "queued, rejected, true",
    "queued, failed, true",
    "queued, filled, false",
    "queued, partially_filled, false",
    "queued, queued, false",
    "queued, refused, true",
    "executing, filled, true",
    "executing, partially_filled, true",
    "executing, rejected, true",
    "executing, failed, true",
    "executing, expired, true",
    "executing, queued, false",
    "executing, executing, false",
    "executing, refused, true",
    "refused, executing, false",
    "refused, filled, false",
    "filled, executing, false",
    "filled, failed, false",
    "rejected, queued, false",
    "expired, executing, false",
    "failed, filled, false",
  })
  void requestStateMoves(String from, String to, boolean allowed) {
    assertThat(RequestState.fromWire(from).canMoveTo(RequestState.fromWire(to))).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource({
    "signed, sent, true",
    "signed, rejected, true",
    "signed, unknown, true",
    "signed, filled, true",
    "signed, cancelled, true",
    "sent, accepted, true",
    "sent, filled, true",
    "sent, partially_filled, true",
    "sent, cancelled, true",
    "sent, unknown, true",
    "sent, signed, false",
    "accepted, accepted, true",
    "accepted, filled, true",
    "accepted, sent, false",
    "unknown, filled, true",
    "unknown, rejected, true",
    "unknown, sent, false",
    "partially_filled, filled, true",
    "partially_filled, partially_filled, true",
    "partially_filled, cancelled, true",
    "partially_filled, rejected, false",
    "filled, cancelled, false",
    "filled, filled, false",
    "cancelled, filled, false",
    "rejected, sent, false",
  })
  void orderStateMoves(String from, String to, boolean allowed) {
    assertThat(OrderState.fromWire(from).canMoveTo(OrderState.fromWire(to))).isEqualTo(allowed);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"b\":1,\"a\":2}|{\"a\":2,\"b\":1}",
    "{\"z\":{\"y\":1,\"x\":[{\"d\":1,\"c\":2}]}}|{\"z\":{\"x\":[{\"c\":2,\"d\":1}],\"y\":1}}",
    "{ \"ratio\" : \"0.50\" }|{\"ratio\":\"0.50\"}",
  })
  void canonicalFormSortsKeysAndDropsWhitespace(String input, String canonical) {
    assertThat(CanonicalJson.normalize(input)).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[1,2]", "not json", "\"text\""})
  void nonObjectBodyIsRejected(String body) {
    assertThatThrownBy(() -> CanonicalJson.normalize(body)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"a\":1,\"b\":2}|{\"b\":2,\"a\":1}|true",
    "{\"ratio\":\"0.5\"}|{\"ratio\":\"0.50\"}|false",
    "{\"action\":\"long\"}|{\"action\":\"short\"}|false",
  })
  void fingerprintFollowsContentNotFieldOrder(String left, String right, boolean equal) {
    NewRequest first = NewRequest.of("a", 1, RequestKind.TRADE, new JsonObject(left), "k", null, null);
    NewRequest second = NewRequest.of("b", 1, RequestKind.TRADE, new JsonObject(right), "k", null, null);
    assertThat(first.fingerprint().equals(second.fingerprint())).isEqualTo(equal);
    assertThat(first.fingerprint()).hasSize(64).matches("[0-9a-f]+");
  }

  @ParameterizedTest
  @CsvSource({
    "1700000000123, 1700000000123-ab12cd34",
    "0, r:with:colons",
  })
  void cursorRoundTripsThroughItsText(long millis, String requestId) {
    RequestCursor cursor = new RequestCursor(Instant.ofEpochMilli(millis), requestId);
    assertThat(RequestCursor.parse(cursor.encode())).isEqualTo(cursor);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "123", ":abc", "123:", "abc:def", "1.5:x"})
  void malformedCursorIsRejected(String text) {
    assertThatThrownBy(() -> RequestCursor.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, RequestQuery.MAX_LIMIT + 1})
  void pageLimitOutsideBoundsIsRejected(int limit) {
    assertThatThrownBy(() -> new RequestQuery(null, limit, null)).isInstanceOf(IllegalArgumentException.class);
  }
}
