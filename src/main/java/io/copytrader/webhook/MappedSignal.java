package io.copytrader.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * A webhook payload in the service's own terms: the body {@code /api/trade} or {@code /api/trade/adjust} would
 * take (less {@code account_index}, which fan-out sets per account), and for a strategy's position the target it
 * states.
 *
 * @param route          which native request the body is
 * @param body           the native body: native fields, aliases resolved, the idempotency key and times converted
 * @param accountIndex   the one account the signal names, or null for every account of its source
 * @param ticker         a chart ticker for the routes to map to a Lighter symbol ({@link TickerSymbols}), or null
 * @param targetRatio    for {@link Route#POSITION}: the signed fraction of equity to hold (0 = flat); else null
 */
public record MappedSignal(Route route, ObjectNode body, Long accountIndex, String ticker, BigDecimal targetRatio) {

  /** The native request a payload becomes. */
  public enum Route {
    TRADE,
    ADJUST,
    /** A strategy's position ({@code market_position}), sent as a target position ({@link #positionBody()}). */
    POSITION
  }

  /** The {@code /api/position} body of a {@link Route#POSITION} signal: the target as {@code target_ratio}. */
  public ObjectNode positionBody() {
    ObjectNode position = body.deepCopy();
    position.remove("reference_position_ratio");
    return position.put("target_ratio", targetRatio);
  }
}
