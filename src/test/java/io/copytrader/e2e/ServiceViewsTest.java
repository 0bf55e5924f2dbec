package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.orders;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Addresses;
import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.lighter.EnrichedTx;
import io.copytrader.lighter.Order;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the service tells its callers after trading: a request's whole lifecycle, the account in the Python
 * service's shape, and Prometheus metrics.
 */
@ExtendWith(VertxExtension.class)
class ServiceViewsTest {

  private static final Pattern SAMPLE = Pattern.compile(
    "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\",?)*)\\})?"
      + " (-?[0-9.eE+-]+|NaN|[+-]Inf)(?: -?[0-9]+)?");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*");
  private static final String FILLED_LONGS = "copytrade_requests_total{kind=\"long\",state=\"filled\"}";
  private static TradingHarness harness;
  private static Vertx bus;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    bus = vertx;
    harness = TradingHarness.start(vertx, dir, 6, Map.of("PROTECTION_INTERVAL", "3600"));
  }

  @Test
  void aRequestsStatesArePublishedAsItIsAcceptedStartsAndEnds() {
    TestAccount account = harness.freshAccount();
    List<JsonObject> published = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> listener = bus.eventBus().consumer(Addresses.REQUEST_STATE_CHANGED,
      message -> published.add(message.body()));
    listener.completion().await();

    String first = harness.trade(account, "ETH", "long", "0.5");
    String second = harness.trade(account, "ETH", "close", null);
    harness.filled(first);
    harness.filled(second);

    List<String> firstStates = publishedStates(published, first);
    List<String> secondStates = publishedStates(published, second);
    listener.unregister().await();
    // The account had nothing else to run: the first was accepted executing; the second waited its turn.
    assertThat(firstStates).containsExactly("executing", "filled");
    assertThat(secondStates).containsExactly("queued", "executing", "filled");
  }

  private static List<String> publishedStates(List<JsonObject> published, String requestId) {
    return eventually("the request's final state published", Duration.ofSeconds(10),
      () -> published.stream().filter(event -> requestId.equals(event.getString("request_id")))
        .map(event -> event.getString("state")).toList(), seen -> seen.contains("filled"));
  }

  @Test
  void requestStatusShowsTheFinalStateWithOrdersAndTheirTransactions() {
    TestAccount account = harness.freshAccount();
    String id = harness.trade(account, "ETH", "long", "0.5");

    JsonObject status = harness.awaitFinal(id);

    assertThat(status.getString("request_id")).isEqualTo(id);
    assertThat(status.getString("state")).isEqualTo("filled");
    assertThat(status.getString("kind")).isEqualTo("trade");
    assertThat(status.getLong("account_index")).isEqualTo(account.index());
    assertThat(status.getJsonObject("request").getString("action")).isEqualTo("long");
    assertThat(status.getString("created_at")).isNotNull();
    assertThat(status.getString("started_at")).isNotNull();
    assertThat(status.getString("finished_at")).isNotNull();
    assertThat(status.getString("error_code")).isNull();
    JsonObject entry = orders(status, "entry").get(0);
    assertThat(entry.getString("state")).isEqualTo("filled");
    assertThat(entry.getString("exchange_status")).isEqualTo("filled");
    assertThat(entry.getString("filled_base")).isEqualTo("1.3333");
    assertThat(entry.getString("average_price")).isEqualTo("3000.3");
    assertThat(entry.getString("price")).as("worst price: best ask × 1.01, down to the tick").isEqualTo("3030.30");
    JsonObject stopLoss = orders(status, "stop_loss_place").get(0);
    assertThat(stopLoss.getString("trigger_price")).isEqualTo("2992.80");
    for (JsonObject order : new JsonObject[] {entry, stopLoss}) {
      String hash = order.getString("tx_hash");
      assertThat(hash).matches("[0-9a-f]{80}");
      EnrichedTx tx = harness.exchangeTx(hash);
      assertThat(tx.accountIndex()).isEqualTo(account.index());
      assertThat(tx.nonce()).isEqualTo(order.getLong("nonce"));
    }
    assertThat(harness.awaitTelegram(id, "Position opened")).contains("<b>Size:</b> 1.3333");
  }

  @Test
  void accountViewReadsTheStopLossesOfEveryMarketInOneActiveOrdersCall() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.3"));
    harness.filled(harness.trade(account, "BTC", "short", "0.3"));
    harness.resetExchangeRequests();

    HttpResponse<Buffer> response = harness.get("/api/account/" + account.index());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getJsonArray("stop_loss_orders").stream()
      .map(order -> ((JsonObject) order).getInteger("market_id"))).containsExactlyInAnyOrder(0, 1);
    assertThat(harness.exchangeRequests("/api/v1/accountActiveOrders")).isEqualTo(1);
  }

  @Test
  void accountViewHasThePythonServiceShapeWithMarketZeroAndItsStopLoss() {
    TestAccount account = harness.freshAccount();
    String id = harness.trade(account, "ETH", "long", "0.5");
    harness.filled(id);
    Order onExchange = harness.stopLosses(account, TradingHarness.ETH).get(0);

    HttpResponse<Buffer> response = harness.get("/api/account/" + account.index());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject view = response.bodyAsJsonObject();
    assertThat(view.fieldNames()).containsExactlyInAnyOrder("account_index", "l1_address", "available_balance",
      "collateral", "total_asset_value", "cross_asset_value", "status", "positions", "stop_loss_orders",
      "take_profit_orders");
    assertThat(view.getJsonArray("take_profit_orders")).as("no take-profit without TAKE_PROFIT_RATIO").isEmpty();
    assertThat(view.getLong("account_index")).isEqualTo(account.index());
    assertThat(view.getString("l1_address")).isEqualTo(String.format("0x%040x", account.index()));
    assertThat(view.getString("collateral")).isEqualTo(harness.exchangeAccount(account).collateral().toPlainString());
    assertThat(view.getInteger("status")).isEqualTo(1);
    JsonArray positions = view.getJsonArray("positions");
    assertThat(positions).hasSize(1);
    JsonObject position = positions.getJsonObject(0);
    assertThat(position.fieldNames()).containsExactlyInAnyOrder("market_id", "symbol", "position", "position_value",
      "avg_entry_price", "unrealized_pnl", "realized_pnl", "sign");
    assertThat(position.getInteger("market_id")).isZero();
    assertThat(position.getString("symbol")).isEqualTo("ETH");
    assertThat(position.getString("position")).isEqualTo("1.3333");
    assertThat(position.getString("avg_entry_price")).isEqualTo("3000.30");
    assertThat(position.getInteger("sign")).isEqualTo(1);
    JsonArray stopLosses = view.getJsonArray("stop_loss_orders");
    assertThat(stopLosses).as("market 0's stop-loss, which the Python service left out").hasSize(1);
    JsonObject stopLoss = stopLosses.getJsonObject(0);
    assertThat(stopLoss.fieldNames()).containsExactlyInAnyOrder("order_index", "order_id", "market_id", "symbol",
      "trigger_price", "price", "base_amount", "remaining_base_amount", "order_type", "status", "reduce_only",
      "cancels_order_index", "expires_at");
    assertThat(stopLoss.getLong("order_index")).isEqualTo(onExchange.orderIndex());
    assertThat(stopLoss.getInteger("market_id")).isZero();
    assertThat(stopLoss.getString("symbol")).isEqualTo("ETH");
    assertThat(stopLoss.getString("trigger_price")).isEqualTo("2992.80");
    assertThat(stopLoss.getString("price")).isEqualTo("2962.88");
    assertThat(stopLoss.getString("base_amount")).isEqualTo("1.3333");
    assertThat(stopLoss.getString("remaining_base_amount")).isEqualTo("1.3333");
    assertThat(stopLoss.getString("order_type")).isEqualTo("stop-loss-limit");
    assertThat(stopLoss.getString("status")).isEqualTo(onExchange.status());
    assertThat(stopLoss.getBoolean("reduce_only")).isTrue();
    assertThat(Instant.parse(stopLoss.getString("expires_at")))
      .isEqualTo(Instant.ofEpochMilli(onExchange.orderExpiry()));
    assertThat(harness.awaitTelegram(id, "Stop-loss placed")).contains("<b>Trigger:</b> 2992.8");
  }

  @Test
  void metricsAreValidPrometheusTextAndCountFinishedRequests() {
    double before = scrape().getOrDefault(FILLED_LONGS, 0.0);
    TestAccount account = harness.freshAccount();
    String id = harness.trade(account, "ETH", "long", "0.5");
    harness.filled(id);

    Map<String, Double> after = scrape();

    assertThat(after.get(FILLED_LONGS)).isEqualTo(before + 1);
    assertThat(after).containsKey("copytrade_telegram_sent_total");
    assertThat(harness.awaitTelegram(id, "Position opened")).contains("<b>Side:</b> LONG");
  }

  @Test
  void metricsCountTheJournalsCommitsAndTheWritesTheyCarried() {
    Map<String, Double> before = scrape();
    String id = harness.trade(harness.freshAccount(), "ETH", "long", "0.5");
    harness.filled(id);

    Map<String, Double> after = scrape();

    double transactions = after.get("copytrade_journal_transactions_total")
      - before.get("copytrade_journal_transactions_total");
    double operations = after.get("copytrade_journal_operations_total")
      - before.get("copytrade_journal_operations_total");
    assertThat(transactions).as("the request, its order and its fill were committed").isGreaterThan(0);
    assertThat(operations).isGreaterThanOrEqualTo(transactions);
  }

  @Test
  void healthAndMetricsShowThisNodeAsTheOnlyMemberWithoutAClusterManager() {
    JsonObject health = eventually("this node among the members", Duration.ofSeconds(10),
      () -> harness.get("/health").bodyAsJsonObject(), body -> !body.getJsonArray("members").isEmpty());

    assertThat(health.getString("cluster_manager")).isEqualTo("none");
    assertThat(health.getJsonArray("members")).singleElement().satisfies(member -> {
      JsonObject node = (JsonObject) member;
      assertThat(node.getString("node_id")).isEqualTo(health.getString("node_id"));
      assertThat(node.getInteger("http_port")).isEqualTo(harness.httpPort());
      assertThat(node.getJsonArray("owned_accounts").stream().map(index -> ((Number) index).longValue()))
        .containsExactlyElementsOf(IntStream.range(0, 6).mapToObj(i -> harness.account(i).index()).toList());
    });
    assertThat(scrape()).containsEntry("copytrade_cluster_members", 1.0);
  }

  /** Scrapes {@code /metrics}, requiring every line to be Prometheus text; samples keyed as written. */
  private static Map<String, Double> scrape() {
    HttpResponse<Buffer> response = harness.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
    Map<String, Double> samples = new HashMap<>();
    for (String line : response.bodyAsString().split("\n")) {
      if (line.isEmpty() || COMMENT.matcher(line).matches()) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      assertThat(sample.matches()).as("Prometheus sample line: %s", line).isTrue();
      StringBuilder key = new StringBuilder(sample.group(1));
      if (sample.group(2) != null && !sample.group(2).isEmpty()) {
        Matcher label = LABEL.matcher(sample.group(2));
        StringBuilder labels = new StringBuilder();
        while (label.find()) {
          labels.append(labels.length() == 0 ? "" : ",").append(label.group(1)).append("=\"")
            .append(label.group(2)).append('"');
        }
        key.append('{').append(labels).append('}');
      }
      String value = sample.group(3);
      samples.put(key.toString(), switch (value) {
        case "+Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        default -> Double.parseDouble(value);
      });
    }
    assertThat(samples).isNotEmpty();
    return samples;
  }
}
