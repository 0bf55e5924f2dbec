package io.copytrader.killswitch;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.journal.KillSwitchEntry;
import io.copytrader.rails.KillMode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which flatten holds an account (it names the closes), and which positions a flatten closes. */
class FlattenPlanTest {

  private static KillSwitchEntry entry(Long account, KillMode mode, long setAt) {
    return new KillSwitchEntry(account, mode, "r", Instant.ofEpochMilli(setAt));
  }

  static Stream<Arguments> flattens() {
    return Stream.of(
      Arguments.of(List.of(), Optional.empty()),
      Arguments.of(List.of(entry(null, KillMode.HALT, 10)), Optional.empty()),
      Arguments.of(List.of(entry(8L, KillMode.FLATTEN, 10)), Optional.empty()),
      Arguments.of(List.of(entry(7L, KillMode.HALT, 30), entry(8L, KillMode.FLATTEN, 10)), Optional.empty()),
      Arguments.of(List.of(entry(null, KillMode.FLATTEN, 10)), Optional.of(10L)),
      Arguments.of(List.of(entry(7L, KillMode.FLATTEN, 20)), Optional.of(20L)),
      Arguments.of(List.of(entry(null, KillMode.FLATTEN, 10), entry(7L, KillMode.FLATTEN, 20)), Optional.of(20L)),
      Arguments.of(List.of(entry(null, KillMode.FLATTEN, 30), entry(7L, KillMode.FLATTEN, 20)), Optional.of(30L)),
      Arguments.of(List.of(entry(null, KillMode.FLATTEN, 10), entry(7L, KillMode.HALT, 20)), Optional.of(10L)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("flattens")
  void accountIsFlattenedByTheLatestFlattenThatHoldsIt(List<KillSwitchEntry> entries, Optional<Long> flattenId) {
    assertThat(Flattener.flattenId(entries, 7)).isEqualTo(flattenId);
  }

  @Test
  void closeKeysNameTheFlattenTheMarketAndTheRound() {
    assertThat(PositionCloser.idempotencyKey(1_764_000_000_000L, 2, 1)).isEqualTo("flatten-1764000000000-2-1");
  }

  @Test
  void onlyOpenPositionsOfTheViewAreClosed() {
    JsonObject view = new JsonObject().put("positions", new JsonArray()
      .add(position(0, "ETH", "1.5000", 1))
      .add(position(1, "BTC", "0.0000", 1))
      .add(position(2, "SOL", "3", -1)));

    List<OpenPosition> open = OpenPosition.of(view);

    assertThat(open).containsExactly(new OpenPosition(0, "ETH", new BigDecimal("1.5000"), 1),
      new OpenPosition(2, "SOL", new BigDecimal("3"), -1));
    assertThat(open).extracting(OpenPosition::label).containsExactly("ETH 1.5 long", "SOL 3 short");
  }

  private static JsonObject position(int market, String symbol, String size, int sign) {
    return new JsonObject().put("market_id", market).put("symbol", symbol).put("position", size).put("sign", sign);
  }
}
