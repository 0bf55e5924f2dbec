package io.copytrader.journal;

import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
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

  /** Writes a signed change (its {@code changeId} and {@code state} are ignored); answers its id. */
  public Future<Long> signed(LeverageChange change, long now) {
    return journal.write(connection -> {
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO leverage_changes (account_index,"
        + " request_id, market_id, initial_margin_fraction, margin_mode, nonce, api_key_index, tx_hash, tx_info,"
        + " state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'signed', ?, ?) RETURNING change_id")) {
        insert.setLong(1, change.accountIndex());
        insert.setString(2, change.requestId());
        insert.setInt(3, change.marketId());
        insert.setInt(4, change.initialMarginFraction());
        insert.setInt(5, change.marginMode());
        insert.setLong(6, change.nonce());
        insert.setInt(7, change.apiKeyIndex());
        insert.setString(8, change.txHash());
        insert.setString(9, change.txInfo());
        insert.setLong(10, now);
        insert.setLong(11, now);
        try (ResultSet key = insert.executeQuery()) {
          key.next();
          return key.getLong(1);
        }
      }
    });
  }

  /** Records what became of a change: {@code sent}, {@code applied}, {@code refused}, … with the exchange's error. */
  public Future<Void> outcome(long changeId, String state, String errorCode, String errorMessage, long now) {
    if (!OUTCOMES.contains(state)) {
      return Future.failedFuture(new JournalException("unknown leverage change state " + state));
    }
    return journal.write(connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE leverage_changes SET state = ?,"
        + " error_code = ?, error_message = ?, updated_at = ? WHERE change_id = ?")) {
        update.setString(1, state);
        update.setString(2, errorCode);
        update.setString(3, errorMessage);
        update.setLong(4, now);
        update.setLong(5, changeId);
        update.executeUpdate();
        return null;
      }
    });
  }

  /** The account's changes, oldest first. */
  public Future<List<LeverageChange>> changes(long accountIndex) {
    return journal.read(connection -> {
      List<LeverageChange> changes = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT change_id, account_index, request_id,"
        + " market_id, initial_margin_fraction, margin_mode, nonce, api_key_index, tx_hash, tx_info, state,"
        + " error_code, error_message FROM leverage_changes WHERE account_index = ? ORDER BY change_id")) {
        select.setLong(1, accountIndex);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            changes.add(new LeverageChange(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getInt(4),
              rows.getInt(5), rows.getInt(6), rows.getLong(7), rows.getInt(8), rows.getString(9), rows.getString(10),
              rows.getString(11), rows.getString(12), rows.getString(13)));
          }
        }
      }
      return changes;
    });
  }
}
