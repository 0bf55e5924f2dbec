package io.copytrader.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperExchange;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A paper exchange in the test JVM, on its own Vert.x, that outlives the service processes trading on it: the
 * exchange side of the truth (positions, filled orders per client order index) for crash and restart tests.
 */
final class PaperFixture implements AutoCloseable {

  static final BigDecimal COLLATERAL = new BigDecimal("10000");

  private final Vertx vertx = Vertx.vertx();
  private final PaperExchange exchange;
  private final LossyLink link;

  PaperFixture(List<TestAccount> accounts) {
    exchange = new PaperExchange(PaperConfig.defaults()
      .withAccounts(accounts.stream().map(account -> account.paperAccount(COLLATERAL)).toList()));
    vertx.deployVerticle(exchange).await();
    link = new LossyLink(vertx, exchange.port()).start().await();
  }

  /** The exchange itself. */
  String baseUrl() {
    return exchange.baseUrl();
  }

  /** The exchange behind a link that can lose sends in transit; see {@link #loseSends}. */
  String lossyUrl() {
    return link.baseUrl();
  }

  /** While on, sends through {@link #lossyUrl()} never reach the exchange and are never answered. */
  void loseSends(boolean lose) {
    link.loseSends(lose);
  }

  /** Sends that reached the link, lost or forwarded. */
  long sendsThroughLink() {
    return link.receivedSends();
  }

  void faults(JsonObject faults) {
    Http.Reply reply = Http.postJson(baseUrl() + "/paper/faults", faults);
    assertThat(reply.status()).as("POST /paper/faults -> %s", reply.body()).isEqualTo(200);
  }

  void clearFaults() {
    assertThat(Http.delete(baseUrl() + "/paper/faults").status()).isEqualTo(200);
  }

  /** How many requests reached {@code path} (counted as they arrive, before any injected latency). */
  long requests(String path) {
    JsonObject counts = Http.get(baseUrl() + "/paper/requests").json();
    Object count = counts.getValue(path);
    return count instanceof Number number ? number.longValue() : 0;
  }

  /** The signed position size of {@code account} in {@code marketId}; zero when it has none. */
  BigDecimal position(TestAccount account, int marketId) {
    JsonObject reply = Http.get(baseUrl() + "/api/v1/account?by=index&value=" + account.accountIndex()).json();
    JsonArray positions = reply.getJsonArray("accounts").getJsonObject(0).getJsonArray("positions");
    return positions.stream().map(JsonObject.class::cast)
      .filter(position -> position.getInteger("market_id") == marketId)
      .map(position -> new BigDecimal(position.getString("position"))
        .multiply(BigDecimal.valueOf(position.getInteger("sign"))))
      .findFirst().orElse(BigDecimal.ZERO);
  }

  /** The account's finished orders that filled something, as the exchange recorded them (newest 100). */
  List<JsonObject> filledOrders(TestAccount account) {
    return orders(account, "/api/v1/accountInactiveOrders?limit=100&").stream()
      .filter(order -> new BigDecimal(order.getString("filled_base_amount")).signum() > 0)
      .toList();
  }

  /** The account's resting orders (stop-losses among them) in every market. */
  List<JsonObject> activeOrders(TestAccount account) {
    return orders(account, "/api/v1/accountActiveOrders?market_id=255&");
  }

  private List<JsonObject> orders(TestAccount account, String pathAndQuery) {
    long deadline = System.currentTimeMillis() / 1000 + 600;
    String token = AuthToken.create(account.apiKey(), account.accountIndex(), account.apiKeyIndex(), deadline);
    Http.Reply reply = Http.get(baseUrl() + pathAndQuery + "account_index=" + account.accountIndex() + "&auth="
      + URLEncoder.encode(token, StandardCharsets.UTF_8));
    assertThat(reply.status()).as("%s -> %s", pathAndQuery, reply.body()).isEqualTo(200);
    return reply.json().getJsonArray("orders").stream().map(JsonObject.class::cast).toList();
  }

  /** Filled orders per client order index: every value must be 1 when nothing executed twice. */
  static Map<Long, Long> fillsPerClientOrderIndex(List<JsonObject> filledOrders) {
    return filledOrders.stream().collect(Collectors.groupingBy(order -> order.getLong("client_order_index"),
      Collectors.counting()));
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
