package io.copytrader.it;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/** The service's HTTP API as a signal source and an operator use it. */
final class ServiceApi {

  static final Set<String> FINAL_STATES = Set.of("filled", "partially_filled", "rejected", "failed", "expired",
    "refused");

  private final String baseUrl;

  ServiceApi(int port) {
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  String baseUrl() {
    return baseUrl;
  }

  static JsonObject open(long accountIndex, String symbol, double ratio) {
    return new JsonObject().put("account_index", accountIndex).put("symbol", symbol).put("trade_type", "long")
      .put("reference_position_ratio", ratio);
  }

  /** Posts a trade that must be accepted (202) and returns its request id. */
  String accept(JsonObject trade) {
    Http.Reply reply = Http.postJson(baseUrl + "/api/trade", trade);
    assertThat(reply.status()).as("POST /api/trade %s -> %s", trade, reply.body()).isEqualTo(202);
    return reply.json().getString("request_id");
  }

  JsonObject request(String requestId) {
    Http.Reply reply = Http.get(baseUrl + "/api/trade/" + requestId);
    assertThat(reply.status()).as("GET /api/trade/%s -> %s", requestId, reply.body()).isEqualTo(200);
    return reply.json();
  }


  /** Polls the request until it reaches one of {@code states}; fails with its last detail after {@code timeout}. */
  JsonObject awaitState(String requestId, Set<String> states, Duration timeout) {
    return eventually("request " + requestId + " in " + states, timeout, () -> request(requestId),
      detail -> states.contains(detail.getString("state")));
  }

  JsonObject awaitFinal(String requestId, Duration timeout) {
    return awaitState(requestId, FINAL_STATES, timeout);
  }
}
