package io.copytrader.journal;

import io.copytrader.Side;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/** Requests and orders shaped like the ones the account executor journals. */
final class JournalFixtures {

  private JournalFixtures() {
  }

  static NewRequest trade(String requestId, long accountIndex, String idempotencyKey, String ratio) {
    JsonObject body = new JsonObject()
      .put("account_index", accountIndex)
      .put("market_id", 0)
      .put("symbol", "ETH")
      .put("action", "long")
      .put("reference_position_ratio", ratio);
    return NewRequest.of(requestId, accountIndex, RequestKind.TRADE, body, idempotencyKey, null, null);
  }

  static NewOrder entry(String requestId, int ordinal, long clientOrderIndex) {
    return order(requestId, ordinal, OrderPurpose.ENTRY, clientOrderIndex);
  }

  static NewOrder order(String requestId, int ordinal, OrderPurpose purpose, long clientOrderIndex) {
    return order(requestId, ordinal, purpose, 0, clientOrderIndex);
  }

  static NewOrder order(String requestId, int ordinal, OrderPurpose purpose, int marketId, long clientOrderIndex) {
    return new NewOrder(requestId, ordinal, purpose, marketId, clientOrderIndex, 41 + ordinal, 3, 14, null,
      "{\"AccountIndex\":7,\"Nonce\":" + (41 + ordinal) + ",\"Sig\":\"c2ln\"}", Side.BUY,
      new BigDecimal("0.0123"), new BigDecimal("3012.45"), null);
  }
}
