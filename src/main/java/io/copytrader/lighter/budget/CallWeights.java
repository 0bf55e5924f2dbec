package io.copytrader.lighter.budget;

import java.util.Map;

/**
 * The weight Lighter counts for one call of each REST endpoint the service uses (docs/lighter-api.md, "Rate
 * limits"): sends and {@code nextNonce} 6, {@code accountInactiveOrders} 100, {@code apikeys} 150,
 * {@code trades}/{@code recentTrades} 600, every other {@code /api/v1/} endpoint 300. {@code GET /} (the status the
 * health check reads) is outside {@code /api/v1/} and costs nothing.
 */
public final class CallWeights {

  static final int OTHER = 300;

  private static final Map<String, Integer> WEIGHTS = Map.of(
    "status", 0,
    "sendTx", 6,
    "sendTxBatch", 6,
    "nextNonce", 6,
    "accountInactiveOrders", 100,
    "apikeys", 150,
    "trades", 600,
    "recentTrades", 600);

  private CallWeights() {
  }

  /** The weight of one call to the endpoint (its path after {@code /api/v1/}, or {@code status} for {@code /}). */
  public static int weight(String endpoint) {
    return WEIGHTS.getOrDefault(endpoint, OTHER);
  }
}
