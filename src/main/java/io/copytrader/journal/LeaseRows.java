package io.copytrader.journal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The account lease rows as an operator reads them ({@code GET /api/nodes}): which node holds each account, under
 * which epoch, and how long until the row expires by the database's clock, the one clock leases are kept by. Reads
 * only; the lease rows are written where leases are taken and renewed.
 */
public final class LeaseRows {

  private LeaseRows() {
  }

  /**
   * One account's lease.
   *
   * @param expiresInMs milliseconds until the lease expires, negative once it has
   */
  public record LeaseRow(long accountIndex, String owner, long epoch, long expiresInMs) {

    public JsonObject toJson() {
      return new JsonObject()
        .put("account_index", accountIndex)
        .put("owner", owner)
        .put("epoch", epoch)
        .put("expires_in_ms", expiresInMs);
    }
  }

  /** Every lease row, by account index. */
  public static Future<List<LeaseRow>> all(Journal journal) {
    return journal.read(session -> session.query("SELECT account_index, owner, epoch, expires_at - "
        + session.dialect().nowMillis() + " FROM account_leases ORDER BY account_index",
      row -> new LeaseRow(row.longValue(1), row.string(2), row.longValue(3), row.longValue(4))));
  }
}
