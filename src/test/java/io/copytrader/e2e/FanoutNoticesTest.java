package io.copytrader.e2e;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook signal to the 30 accounts of a source, on the paper exchange, reaches Telegram as one summary of what
 * each account did, the one account a rail refused named in it; a signal to one account is notified as ever.
 */
@ExtendWith(VertxExtension.class)
class FanoutNoticesTest {

  private static final int ACCOUNTS = 30;
  private static final String TOKEN = "crowd-token-0123456789abcdef";
  /** Long enough for every account of a signal to report within one window on a busy machine. */
  private static final String WINDOW_MS = "5000";
  private static final Duration SUMMARY = Duration.ofSeconds(30);

  private static TradingHarness harness;
  private static TestAccount refusing;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    List<JsonObject> fields = new ArrayList<>(Collections.nCopies(ACCOUNTS - 1, new JsonObject()));
    fields.add(new JsonObject().put("symbol_allowlist", "BTC"));
    JsonArray indexes = new JsonArray();
    IntStream.range(0, ACCOUNTS).forEach(i -> indexes.add(7001 + i));
    String sources = new JsonArray().add(new JsonObject().put("name", "crowd").put("token", TOKEN)
      .put("accounts", indexes).put("defaults", new JsonObject().put("ratio", "0.05"))).encode();
    harness = TradingHarness.start(vertx, dir, fields, Map.of("SIGNAL_SOURCES", sources,
      "NOTIFY_FANOUT_WINDOW_MS", WINDOW_MS));
    refusing = harness.account(ACCOUNTS - 1);
  }

  private static List<String> signal(JsonObject body) {
    HttpResponse<Buffer> response = harness.withoutKey(HttpMethod.POST, "/api/webhook/" + TOKEN)
      .sendJsonObject(body).await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    List<String> ids = response.bodyAsJsonObject().getJsonArray("requests").stream()
      .map(request -> ((JsonObject) request).getString("request_id")).toList();
    ids.forEach(harness::awaitFinal);
    return ids;
  }

  private static List<String> summariesOf(String key) {
    return harness.telegramTexts().stream().filter(text -> text.contains("<b>Signal:</b> " + key + "\n")).toList();
  }

  @Test
  void aSignalToThirtyAccountsIsOneSummaryNamingTheRefusedAccount() {
    List<String> requests = signal(new JsonObject().put("symbol", "ETH").put("trade_type", "long")
      .put("id", "crowd-long-1"));

    String summary = eventually("the signal's summary", SUMMARY, () -> summariesOf("webhook:crowd:crowd-long-1"),
      found -> !found.isEmpty()).get(0);
    assertThat(summary).contains("Signal to 30 accounts", "<b>Accounts reporting:</b> 30 of 30",
      "<b>Filled:</b> 29 (opened 29)", "<b>Refused by a rail:</b> 1", "<b>Need a look:</b> 1",
      "<b>#" + refusing.index() + ":</b> WARNING Trade refused by a rail: Code RAIL_SYMBOL");
    assertThat(summariesOf("webhook:crowd:crowd-long-1")).hasSize(1);
    assertThat(requests).allSatisfy(request -> assertThat(harness.telegramFor(request)).isEmpty());
  }

  @Test
  void aSignalToOneAccountOfTheSourceIsNotifiedAlone() {
    TestAccount one = harness.account(0);

    String request = signal(new JsonObject().put("symbol", "BTC").put("trade_type", "long")
      .put("account_index", one.index()).put("id", "crowd-one-1")).get(0);

    assertThat(harness.awaitTelegram(request, "Position opened")).contains("<b>Account:</b> #" + one.index() + "\n");
    assertThat(summariesOf("webhook:crowd:crowd-one-1")).isEmpty();
  }
}
