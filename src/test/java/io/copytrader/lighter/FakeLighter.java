package io.copytrader.lighter;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable Lighter REST endpoint on loopback for client tests: canned bodies taken from the API
 * reference's fixtures, per-path overrides, queued faults (status + body, dropped connection, delay), and a
 * record of every request (path, query, headers, form).
 */
public final class FakeLighter {

  public record Recorded(String method, String path, MultiMap query, MultiMap headers, MultiMap form) {
  }

  private record Reply(int status, String body, boolean drop, long delayMs) {
  }

  public static final String STATUS = "{\"status\":1,\"network_id\":1,\"timestamp\":1717777777}";
  public static final String ORDER_BOOKS = "{\"code\":200,\"order_books\":["
    + "{\"symbol\":\"ETH\",\"market_id\":0,\"market_type\":\"perp\",\"base_asset_id\":0,\"quote_asset_id\":0,"
    + "\"status\":\"active\",\"taker_fee\":\"0.0000\",\"is_taker_fee_enabled\":true,\"maker_fee\":\"0.0000\","
    + "\"is_maker_fee_enabled\":true,\"liquidation_fee\":\"1.0000\",\"min_base_amount\":\"0.0050\","
    + "\"min_quote_amount\":\"10.000000\",\"order_quote_limit\":\"281474976.710655\",\"supported_size_decimals\":4,"
    + "\"supported_price_decimals\":2,\"supported_quote_decimals\":6},"
    + "{\"symbol\":\"RESOLV\",\"market_id\":51,\"market_type\":\"perp\",\"status\":\"active\",\"taker_fee\":\"0.0000\","
    + "\"maker_fee\":\"0.0000\",\"liquidation_fee\":\"1.0000\",\"min_base_amount\":\"20\",\"min_quote_amount\":\"10.000000\","
    + "\"order_quote_limit\":\"\",\"supported_size_decimals\":0,\"supported_price_decimals\":6,\"supported_quote_decimals\":6},"
    + "{\"symbol\":\"OLD\",\"market_id\":90,\"market_type\":\"perp\",\"status\":\"inactive\",\"taker_fee\":\"0.0000\","
    + "\"maker_fee\":\"0.0000\",\"liquidation_fee\":\"1.0000\",\"min_base_amount\":\"1.0\",\"min_quote_amount\":\"10.000000\","
    + "\"order_quote_limit\":\"\",\"supported_size_decimals\":1,\"supported_price_decimals\":4,\"supported_quote_decimals\":6},"
    + "{\"symbol\":\"ETH/USDC\",\"market_id\":2048,\"market_type\":\"spot\",\"status\":\"active\",\"taker_fee\":\"0.0000\","
    + "\"maker_fee\":\"0.0000\",\"liquidation_fee\":\"0.0000\",\"min_base_amount\":\"0.0050\",\"min_quote_amount\":\"10.000000\","
    + "\"order_quote_limit\":\"\",\"supported_size_decimals\":4,\"supported_price_decimals\":2,\"supported_quote_decimals\":6}]}";
  public static final String ORDER_BOOK_DETAILS = "{\"code\":200,\"order_book_details\":["
    + "{\"symbol\":\"ETH\",\"market_id\":0,\"market_type\":\"perp\",\"status\":\"active\",\"taker_fee\":\"0.0000\","
    + "\"maker_fee\":\"0.0000\",\"min_base_amount\":\"0.0050\",\"min_quote_amount\":\"10.000000\","
    + "\"supported_size_decimals\":4,\"supported_price_decimals\":2,\"supported_quote_decimals\":6,\"size_decimals\":4,"
    + "\"price_decimals\":2,\"quote_multiplier\":1,\"default_initial_margin_fraction\":500,"
    + "\"min_initial_margin_fraction\":200,\"maintenance_margin_fraction\":120,\"closeout_margin_fraction\":80,"
    + "\"last_trade_price\":2361.30,\"daily_trades_count\":428074,\"daily_base_token_volume\":195399.1521,"
    + "\"open_interest\":27350.8981,\"daily_chart\":{},\"market_config\":{\"market_margin_mode\":0,"
    + "\"insurance_fund_account_index\":281474976710655,\"liquidation_mode\":0,\"force_reduce_only\":false,"
    + "\"trading_hours\":\"\",\"funding_fee_discounts_enabled\":false,\"hidden\":false},\"strategy_index\":2},"
    + "{\"symbol\":\"RESOLV\",\"market_id\":51,\"market_type\":\"perp\",\"status\":\"active\",\"min_base_amount\":\"20\","
    + "\"min_quote_amount\":\"10.000000\",\"size_decimals\":0,\"price_decimals\":6,\"quote_multiplier\":1,"
    + "\"default_initial_margin_fraction\":3333,\"min_initial_margin_fraction\":2000,"
    + "\"maintenance_margin_fraction\":1200,\"closeout_margin_fraction\":800,\"last_trade_price\":0.140512},"
    + "{\"symbol\":\"OLD\",\"market_id\":90,\"market_type\":\"perp\",\"status\":\"inactive\",\"min_base_amount\":\"1.0\","
    + "\"min_quote_amount\":\"10.000000\",\"size_decimals\":1,\"price_decimals\":4,\"quote_multiplier\":1,"
    + "\"default_initial_margin_fraction\":1000,\"last_trade_price\":1.5}],\"spot_order_book_details\":[]}";
  public static final String ORDER_BOOK_ORDERS = "{\"code\":200,\"total_asks\":1,\"asks\":[{\"order_index\":281476929510111,"
    + "\"order_id\":\"281476929510111\",\"owner_account_index\":7,\"initial_base_amount\":\"0.0317\","
    + "\"remaining_base_amount\":\"0.0317\",\"price\":\"2361.32\",\"order_expiry\":1780360584479,\"transaction_time\":0}],"
    + "\"total_bids\":1,\"bids\":[{\"order_index\":281476929510112,\"order_id\":\"281476929510112\","
    + "\"owner_account_index\":8,\"initial_base_amount\":\"1.5000\",\"remaining_base_amount\":\"1.2000\","
    + "\"price\":\"2361.31\",\"order_expiry\":1780360584479,\"transaction_time\":0}]}";
  public static final String ACCOUNT = "{\"code\":200,\"total\":1,\"accounts\":[{\"code\":0,\"account_type\":0,"
    + "\"index\":1077,\"l1_address\":\"0x15f43D1f2DeE81424aFd891943262aa90F22cc2A\",\"cancel_all_time\":0,"
    + "\"total_order_count\":2,\"total_isolated_order_count\":0,\"pending_order_count\":0,"
    + "\"available_balance\":\"12582.743947\",\"status\":1,\"collateral\":\"9100.242706\",\"account_index\":1077,"
    + "\"name\":\"\",\"description\":\"\",\"can_invite\":true,\"referral_points_percentage\":\"\","
    + "\"positions\":[{\"market_id\":0,\"symbol\":\"ETH\",\"initial_margin_fraction\":\"5.00\",\"open_order_count\":0,"
    + "\"pending_order_count\":0,\"position_tied_order_count\":1,\"sign\":-1,\"position\":\"18.0193\","
    + "\"avg_entry_price\":\"2669.84\",\"position_value\":\"54306.566340\",\"unrealized_pnl\":\"6197.829558\","
    + "\"realized_pnl\":\"0.000000\",\"liquidation_price\":\"2191.1107231380406\",\"margin_mode\":0,"
    + "\"allocated_margin\":\"0.000000\"},{\"market_id\":51,\"symbol\":\"RESOLV\",\"initial_margin_fraction\":\"33.33\","
    + "\"open_order_count\":0,\"pending_order_count\":0,\"position_tied_order_count\":0,\"sign\":1,\"position\":\"0\","
    + "\"avg_entry_price\":\"0.000000\",\"position_value\":\"0.000000\",\"unrealized_pnl\":\"0.000000\","
    + "\"realized_pnl\":\"1.250000\",\"liquidation_price\":\"0\",\"margin_mode\":0,\"allocated_margin\":\"0.000000\"}],"
    + "\"assets\":[{\"symbol\":\"USDC\",\"asset_id\":3,\"balance\":\"9100.242706\",\"locked_balance\":\"0.000000\","
    + "\"margin_mode\":\"disabled\"}],\"total_asset_value\":\"15298.072264000002\","
    + "\"cross_asset_value\":\"15298.072264000002\",\"shares\":[],\"pending_unlocks\":[]}]}";
  public static final String ORDERS = "{\"code\":200,\"next_cursor\":\"cursor-1\",\"orders\":[{\"order_index\":281476929510110,"
    + "\"client_order_index\":42,\"order_id\":\"281476929510110\",\"client_order_id\":\"42\",\"market_index\":0,"
    + "\"owner_account_index\":712440,\"initial_base_amount\":\"0.0050\",\"price\":\"2352.74\",\"nonce\":9182390020,"
    + "\"remaining_base_amount\":\"0.0050\",\"is_ask\":true,\"base_size\":50,\"base_price\":235274,"
    + "\"filled_base_amount\":\"0.0000\",\"filled_quote_amount\":\"0.000000\",\"side\":\"sell\",\"type\":\"stop-loss-limit\","
    + "\"time_in_force\":\"good-till-time\",\"reduce_only\":true,\"trigger_price\":\"2400.00\",\"order_expiry\":1780360584479,"
    + "\"status\":\"pending\",\"trigger_status\":\"mark-price\",\"trigger_time\":0,\"parent_order_index\":0,"
    + "\"parent_order_id\":\"0\",\"to_trigger_order_id_0\":\"0\",\"to_trigger_order_id_1\":\"0\",\"to_cancel_order_id_0\":\"0\","
    + "\"integrator_fee_collector_index\":\"0\",\"integrator_taker_fee\":\"0\",\"integrator_maker_fee\":\"0\","
    + "\"block_height\":227535532,\"timestamp\":1777941383576,\"created_at\":1777941383576,\"updated_at\":1777941383576,"
    + "\"transaction_time\":1777941383576735}]}";
  public static final String NEXT_NONCE = "{\"code\":200,\"nonce\":722}";
  public static final String API_KEYS = "{\"code\":200,\"api_keys\":[{\"account_index\":1077,\"api_key_index\":4,"
    + "\"nonce\":722,\"public_key\":\"" + "ab".repeat(40) + "\",\"transaction_time\":1777945103092648}]}";
  public static final String TX = "{\"code\":200,\"hash\":\"" + "0f".repeat(40) + "\",\"type\":14,\"info\":\"{}\","
    + "\"event_info\":\"{\\\"a\\\":1077,\\\"ae\\\":\\\"\\\"}\",\"status\":2,\"transaction_index\":5,"
    + "\"l1_address\":\"0x15f43D1f2DeE81424aFd891943262aa90F22cc2A\",\"account_index\":1077,\"nonce\":721,"
    + "\"expire_at\":1777945703092,\"block_height\":227535533,\"queued_at\":1777945103092,\"executed_at\":1777945103192,"
    + "\"sequence_index\":99,\"parent_hash\":\"\",\"api_key_index\":4,\"transaction_time\":1777945103092648,"
    + "\"committed_at\":0,\"verified_at\":0}";
  public static final String SEND_TX = "{\"code\":200,\"message\":\"{\\\"ratelimit\\\": \\\"didn't use volume quota\\\"}\","
    + "\"tx_hash\":\"" + "e3".repeat(40) + "\",\"predicted_execution_time_ms\":1766088500120}";
  public static final String INVALID_NONCE = "{\"code\":21104,\"message\":\"invalid nonce\"}";
  public static final String TOO_MANY_REQUESTS = "{\"code\":23000,\"message\":\"Too Many Requests!\"}";

  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  private final Deque<Reply> queuedFaults = new ArrayDeque<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger count = new AtomicInteger();
  private HttpServer server;
  private Vertx vertx;

  public FakeLighter() {
    reply("/", 200, STATUS);
    reply("/api/v1/orderBooks", 200, ORDER_BOOKS);
    reply("/api/v1/orderBookDetails", 200, ORDER_BOOK_DETAILS);
    reply("/api/v1/orderBookOrders", 200, ORDER_BOOK_ORDERS);
    reply("/api/v1/account", 200, ACCOUNT);
    reply("/api/v1/accountActiveOrders", 200, ORDERS);
    reply("/api/v1/accountOrders", 200, ORDERS);
    reply("/api/v1/nextNonce", 200, NEXT_NONCE);
    reply("/api/v1/apikeys", 200, API_KEYS);
    reply("/api/v1/tx", 200, TX);
    reply("/api/v1/sendTx", 200, SEND_TX);
  }

  public Future<FakeLighter> start(Vertx vertx) {
    this.vertx = vertx;
    return vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").map(listening -> {
      server = listening;
      return this;
    });
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The normal answer for a path from now on. */
  public FakeLighter reply(String path, int status, String body) {
    replies.put(path, new Reply(status, body, false, 0));
    return this;
  }

  /** The next {@code times} requests (any path) get this status and body. */
  public synchronized FakeLighter failNext(int times, int status, String body) {
    for (int i = 0; i < times; i++) {
      queuedFaults.add(new Reply(status, body, false, 0));
    }
    return this;
  }

  /** The next {@code times} requests (any path) have their connection closed without an answer. */
  public synchronized FakeLighter dropNext(int times) {
    for (int i = 0; i < times; i++) {
      queuedFaults.add(new Reply(0, null, true, 0));
    }
    return this;
  }

  /** The next request (any path) is answered normally after {@code delayMs}. */
  public synchronized FakeLighter delayNext(long delayMs) {
    queuedFaults.add(new Reply(0, null, false, delayMs));
    return this;
  }

  public int requestCount() {
    return count.get();
  }

  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  public Recorded last() {
    return requests.get(requests.size() - 1);
  }

  public long count(String path) {
    return requests.stream().filter(request -> request.path().equals(path)).count();
  }

  private synchronized Reply nextFault() {
    return queuedFaults.poll();
  }

  private void handle(HttpServerRequest request) {
    count.incrementAndGet();
    Reply fault = nextFault();
    if (fault != null && fault.drop()) {
      record(request, MultiMap.caseInsensitiveMultiMap());
      request.connection().close();
      return;
    }
    if (request.method() == HttpMethod.POST) {
      request.setExpectMultipart(true);
    }
    request.end().onComplete(ended -> {
      record(request, request.formAttributes());
      Reply normal = replies.getOrDefault(request.path(), new Reply(404, "{\"code\":29404,\"message\":\"not found\"}",
        false, 0));
      Reply answer = fault == null || fault.delayMs() > 0 ? normal : fault;
      long delay = fault == null ? 0 : fault.delayMs();
      if (delay > 0) {
        vertx.setTimer(delay, timer -> send(request, answer));
      } else {
        send(request, answer);
      }
    });
  }

  private void record(HttpServerRequest request, MultiMap form) {
    requests.add(new Recorded(request.method().name(), request.path(),
      MultiMap.caseInsensitiveMultiMap().addAll(request.params()),
      MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
      MultiMap.caseInsensitiveMultiMap().addAll(form)));
  }

  private static void send(HttpServerRequest request, Reply reply) {
    if (request.response().closed()) {
      return;
    }
    request.response().setStatusCode(reply.status()).putHeader("Content-Type", "application/json").end(reply.body());
  }
}
