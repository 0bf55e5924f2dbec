package io.copytrader.campaign;

import io.copytrader.campaign.CampaignTarget.Account;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Read-only views the checks compare: the exchange's own ledger (Lighter's REST as the paper exchange serves it:
 * {@code account}, {@code accountActiveOrders}, {@code accountInactiveOrders}, {@code accountOrders}) and the
 * service's journal ({@code GET /api/trades}, {@code GET /api/trade/{id}}, README.md "HTTP API").
 */
final class Ledgers {

  /** Inactive orders are listed at most this many per call (PaperExchange.inactiveOrders). */
  static final int INACTIVE_LIMIT = 100;
  private static final int LOOKUP_BATCH = 20;

  private final CampaignHttp exchangeHttp = new CampaignHttp(null);
  private final CampaignHttp serviceHttp = new CampaignHttp(CampaignTarget.API_KEY);
  private final CampaignTarget target;

  Ledgers(CampaignTarget target) {
    this.target = target;
  }

  // ----- the exchange

  /** Open positions by market id, signed: positive long, negative short; flat markets absent. */
  Map<Integer, BigDecimal> positions(Account account) {
    JsonObject reply = exchange("/api/v1/account?by=index&value=" + account.index());
    Map<Integer, BigDecimal> open = new HashMap<>();
    JsonArray positions = reply.getJsonArray("accounts").getJsonObject(0).getJsonArray("positions");
    for (Object item : positions) {
      JsonObject position = (JsonObject) item;
      BigDecimal size = new BigDecimal(position.getString("position"))
        .multiply(BigDecimal.valueOf(position.getInteger("sign")));
      if (size.signum() != 0) {
        open.put(position.getInteger("market_id"), size);
      }
    }
    return open;
  }

  /** Resting orders (stop-losses among them) in every market. */
  List<JsonObject> activeOrders(Account account) {
    return orders(account, "/api/v1/accountActiveOrders?market_id=255&");
  }

  /** Finished orders in one market, newest {@value #INACTIVE_LIMIT}. */
  List<JsonObject> inactiveOrders(Account account, int marketId) {
    return orders(account, "/api/v1/accountInactiveOrders?limit=" + INACTIVE_LIMIT + "&market_id=" + marketId + "&");
  }

  /** The exchange's orders (live and finished) with these client order indexes. */
  List<JsonObject> ordersByClientIndex(Account account, List<Long> clientOrderIndexes) {
    List<JsonObject> found = new ArrayList<>();
    for (int from = 0; from < clientOrderIndexes.size(); from += LOOKUP_BATCH) {
      String list = clientOrderIndexes.subList(from, Math.min(from + LOOKUP_BATCH, clientOrderIndexes.size()))
        .stream().map(String::valueOf).collect(Collectors.joining(","));
      found.addAll(orders(account, "/api/v1/accountOrders?client_order_indexes=" + list + "&"));
    }
    return found;
  }

  private List<JsonObject> orders(Account account, String pathAndQuery) {
    JsonObject reply = exchange(pathAndQuery + "account_index=" + account.index() + "&auth="
      + URLEncoder.encode(account.authToken(), StandardCharsets.UTF_8));
    return reply.getJsonArray("orders").stream().map(JsonObject.class::cast).toList();
  }

  private JsonObject exchange(String pathAndQuery) {
    CampaignHttp.Reply reply = exchangeHttp.get(target.exchangeUrl() + pathAndQuery);
    if (!reply.ok()) {
      // Auth tokens in the query are never echoed: only the path is named.
      String path = pathAndQuery.substring(0, pathAndQuery.indexOf('?') < 0 ? pathAndQuery.length()
        : pathAndQuery.indexOf('?'));
      throw new IllegalStateException("exchange " + path + " -> " + reply.status() + " " + reply.body());
    }
    return reply.json();
  }

  // ----- the journal

  /**
   * Request kinds a signal source posts; protection runs are the service's own
   * (src/main/java/io/copytrader/journal/RequestKind.java) and carry no signal's guarantees.
   */
  static final Set<String> SIGNAL_KINDS = Set.of("trade", "adjust");

  /** Every trade and adjustment the journal holds for the account, newest first (all pages). */
  List<JsonObject> requests(Account account) {
    List<JsonObject> all = new ArrayList<>();
    String before = null;
    do {
      String query = "/api/trades?account_index=" + account.index() + "&limit=500"
        + (before == null ? "" : "&before=" + URLEncoder.encode(before, StandardCharsets.UTF_8));
      JsonObject page = service(query).orElseThrow(() -> new IllegalStateException("GET " + query + " failed"));
      page.getJsonArray("requests").stream().map(JsonObject.class::cast)
        .filter(request -> SIGNAL_KINDS.contains(request.getString("kind"))).forEach(all::add);
      before = page.getString("next");
    } while (before != null);
    return all;
  }

  /** A request with its orders, or empty when the service does not answer. */
  Optional<JsonObject> request(String requestId) {
    return service("/api/trade/" + requestId);
  }

  /** The journal details (orders included) of those of {@code requests} that are the account's. */
  List<JsonObject> details(Account account, List<JsonObject> requests) {
    return requests.stream()
      .filter(request -> request.getLong("account_index") == account.index())
      .map(request -> request(request.getString("request_id")).orElseThrow(() ->
        new IllegalStateException("GET /api/trade/" + request.getString("request_id") + " failed")))
      .toList();
  }

  private Optional<JsonObject> service(String pathAndQuery) {
    CampaignHttp.Reply reply = serviceHttp.get(target.serviceUrl() + pathAndQuery);
    return reply.ok() ? Optional.of(reply.json()) : Optional.empty();
  }

  static BigDecimal decimal(JsonObject order, String field) {
    String value = order.getString(field);
    return value == null ? BigDecimal.ZERO : new BigDecimal(value);
  }
}
