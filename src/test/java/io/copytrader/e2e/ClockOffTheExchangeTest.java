package io.copytrader.e2e;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health checks read the exchange's time from its status answer: a host clock off the exchange's by more than
 * the few seconds the settlement of a lost answer allows for makes the node unhealthy and is notified, once, and
 * once again when it is right.
 */
@ExtendWith(VertxExtension.class)
class ClockOffTheExchangeTest {

  private static final Duration WITHIN = Duration.ofSeconds(20);

  @Test
  void aHostClockAheadOfTheExchangesIsReportedUntilItIsRight(Vertx vertx, @TempDir Path dir) throws Exception {
    TradingHarness harness = TradingHarness.start(vertx, dir, 1, Map.of());

    harness.injectFaults(new JsonObject().put("clock_offset_ms", -30_000));
    JsonObject off = eventually("the clock check down", WITHIN, () -> clockCheck(harness),
      check -> "DOWN".equals(check.getString("status")));
    String offNotice = eventually("the notice", WITHIN, () -> titled(harness, "Clock is off the exchange's"),
      texts -> !texts.isEmpty()).get(0);
    assertThat(harness.get("/health").bodyAsJsonObject().getString("status")).isEqualTo("unhealthy");
    harness.clearFaults();
    JsonObject right = eventually("the clock check up", WITHIN, () -> clockCheck(harness),
      check -> "UP".equals(check.getString("status")));
    eventually("the notice of its return", WITHIN, () -> titled(harness, "Clock is right again"),
      texts -> !texts.isEmpty());

    assertThat(off.getLong("ahead_of_exchange_ms_at_least")).isBetween(28_000L, 30_000L);
    assertThat(off.getLong("ahead_of_exchange_ms_at_most")).isBetween(30_000L, 32_000L);
    // A lost answer's transaction is taken to have expired only once the exchange's clock has surely passed it.
    assertThat(off.getLong("settles_expiry_after_ms")).isEqualTo(off.getLong("ahead_of_exchange_ms_at_most"));
    assertThat(offNotice).contains("ahead of the exchange's by");
    assertThat(titled(harness, "Clock is off the exchange's")).hasSize(1);
    assertThat(right.getLong("settles_expiry_after_ms")).isEqualTo(5_000L);
  }

  private static JsonObject clockCheck(TradingHarness harness) {
    return harness.get("/health").bodyAsJsonObject().getJsonObject("checks").getJsonObject("clock");
  }

  private static List<String> titled(TradingHarness harness, String title) {
    return harness.telegramTexts().stream().filter(text -> text.contains("<b>" + title + "</b>")).toList();
  }
}
