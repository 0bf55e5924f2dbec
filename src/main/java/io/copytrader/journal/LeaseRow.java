package io.copytrader.journal;

import java.time.Instant;

/**
 * One account's lease as the journal holds it; times are the database's clock.
 *
 * @param epoch grows at every acquisition, whoever acquires
 */
public record LeaseRow(long accountIndex, String owner, long epoch, Instant acquiredAt, Instant renewedAt,
                       Instant expiresAt) {
}
