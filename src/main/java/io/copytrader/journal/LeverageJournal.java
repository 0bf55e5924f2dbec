package io.copytrader.journal;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/**
 * The journal's leverage changes: each UpdateLeverage is written before it is sent (with its nonce, hash and
 * signed bytes, as every order is) and its outcome after, so the journal holds every transaction that may have
 * reached Lighter.
 */
public final class LeverageJournal {

  private static final Set<String> OUTCOMES = Set.of("sent", "applied", "refused", "not_sent", "unconfirmed");

  private final Journal journal;

  public LeverageJournal(Journal journal) {
    this.journal = journal;
  }

  /**
   * Writes a signed change (its {@code changeId} and {@code state} are ignored) once the account's lease fence
   * passed, as for an order; answers its id.
   */
  public Future<Long> signed(LeverageChange change, long now) {
    return journal.write(session -> {
      journal.fence().check(session, change.accountIndex());
      return session.first("INSERT INTO leverage_changes (account_index, request_id,"
        + " market_id, initial_margin_fraction, margin_mode, nonce, api_key_index, tx_hash, tx_info, state,"
        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'signed', ?, ?) RETURNING change_id",
        row -> row.longValue(1), change.accountIndex(), change.requestId(), change.marketId(),
        change.initialMarginFraction(), change.marginMode(), change.nonce(), change.apiKeyIndex(), change.txHash(),
        change.txInfo(), now, now).orElseThrow();
    });
  }

  /** Records what became of a change: {@code sent}, {@code applied}, {@code refused}, … with the exchange's error. */
  public Future<Void> outcome(long changeId, String state, String errorCode, String errorMessage, long now) {
    if (!OUTCOMES.contains(state)) {
      return Future.failedFuture(new JournalException("unknown leverage change state " + state));
    }
    return journal.write(session -> {
      session.update("UPDATE leverage_changes SET state = ?, error_code = ?, error_message = ?, updated_at = ?"
        + " WHERE change_id = ?", state, errorCode, errorMessage, now, changeId);
      return null;
    });
  }

  /** The account's changes, oldest first. */
  public Future<List<LeverageChange>> changes(long accountIndex) {
    return journal.read(session -> session.query("SELECT change_id, account_index, request_id, market_id,"
        + " initial_margin_fraction, margin_mode, nonce, api_key_index, tx_hash, tx_info, state, error_code,"
        + " error_message FROM leverage_changes WHERE account_index = ? ORDER BY change_id",
      row -> new LeverageChange(row.longValue(1), row.longValue(2), row.string(3), row.intValue(4), row.intValue(5),
        row.intValue(6), row.longValue(7), row.intValue(8), row.string(9), row.string(10), row.string(11),
        row.string(12), row.string(13)), accountIndex));
  }
}
