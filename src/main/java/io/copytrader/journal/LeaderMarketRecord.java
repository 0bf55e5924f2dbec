package io.copytrader.journal;

import java.math.BigDecimal;

/**
 * A leader's position in one market as last seen, and the change that produced it.
 *
 * @param position signed base amount, zero when flat
 * @param entry    the average entry price, null when flat or not known
 * @param equity   the leader's equity when it was seen, null when not known
 * @param event    identifies the change; part of every idempotency key submitted for it
 */
public record LeaderMarketRecord(String leader, int marketId, BigDecimal position, BigDecimal entry,
                                 BigDecimal equity, String event) {
}
