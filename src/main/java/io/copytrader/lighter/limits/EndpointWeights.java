package io.copytrader.lighter.limits;

import java.util.Map;

/**
 * What each request weighs against the rolling minute (docs/lighter-api.md, "Rate limits"): under {@code /api/v1/}
 * Lighter's table, 300 for an endpoint it does not list; nothing outside it ({@code GET /}, the status), which the
 * limits do not cover. A batch weighs {@link #TX} per transaction it carries.
 */
public final class EndpointWeights {

  /** sendTx, each transaction of sendTxBatch, nextNonce. */
  public static final int TX = 6;
  /** Every endpoint the table does not list. */
  public static final int OTHER = 300;

  private static final String API = "/api/v1/";

  private static final Map<String, Integer> WEIGHTS = Map.ofEntries(
    Map.entry("/api/v1/sendTx", TX),
    Map.entry("/api/v1/sendTxBatch", TX),
    Map.entry("/api/v1/nextNonce", TX),
    Map.entry("/api/v1/publicPools", 50),
    Map.entry("/api/v1/txFromL1TxHash", 50),
    Map.entry("/api/v1/accountInactiveOrders", 100),
    Map.entry("/api/v1/deposit/latest", 100),
    Map.entry("/api/v1/apikeys", 150),
    Map.entry("/api/v1/transferFeeInfo", 500),
    Map.entry("/api/v1/trades", 600),
    Map.entry("/api/v1/recentTrades", 600),
    Map.entry("/api/v1/changeAccountTier", 3000),
    Map.entry("/api/v1/setAccountMetadata", 3000),
    Map.entry("/api/v1/notification/ack", 3000),
    Map.entry("/api/v1/createIntentAddress", 3000),
    Map.entry("/api/v1/fastwithdraw", 3000));

  private EndpointWeights() {
  }

  /** The weight of one request to {@code path}: 0 outside {@code /api/v1/}. */
  public static int weight(String path) {
    if (!path.startsWith(API)) {
      return 0;
    }
    if (path.startsWith("/api/v1/tokens/create")) {
      return 23_000;
    }
    if (path.startsWith("/api/v1/tokens") || path.startsWith("/api/v1/referral/")) {
      return 3000;
    }
    return WEIGHTS.getOrDefault(path, OTHER);
  }

  /** The weight of a batch of {@code transactions} transactions. */
  public static int batch(int transactions) {
    return TX * Math.max(1, transactions);
  }
}
