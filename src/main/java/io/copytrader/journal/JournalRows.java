package io.copytrader.journal;

import io.copytrader.Side;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How the journal's rows map to its records, and its values to SQLite's columns. */
final class JournalRows {

  static final String REQUEST_COLUMNS = "request_id, account_index, kind, body, idempotency_key,"
    + " fingerprint, state, created_at, started_at, finished_at, error_code, error_message, signal_timestamp,"
    + " max_lag_ms, attempts";

  static final String ORDER_COLUMNS = "request_id, ordinal, purpose, market_id, client_order_index,"
    + " nonce, api_key_index, tx_type, tx_hash, tx_info, side, base_amount, price, trigger_price, state,"
    + " filled_base, average_price, exchange_status, error_code, error_message, created_at, sent_at, updated_at";

  private JournalRows() {
  }

  static List<RequestRecord> requests(PreparedStatement select) throws SQLException {
    List<RequestRecord> requests = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        requests.add(new RequestRecord(
          rows.getString(1),
          rows.getLong(2),
          RequestKind.fromWire(rows.getString(3)),
          rows.getString(4),
          rows.getString(5),
          rows.getString(6),
          RequestState.fromWire(rows.getString(7)),
          instant(rows, 8),
          instant(rows, 9),
          instant(rows, 10),
          rows.getString(11),
          rows.getString(12),
          nullableLong(rows, 13),
          nullableLong(rows, 14),
          rows.getInt(15)));
      }
    }
    return requests;
  }

  static OrderRecord order(ResultSet rows) throws SQLException {
    String side = rows.getString(11);
    return new OrderRecord(new NewOrder(
      rows.getString(1),
      rows.getInt(2),
      OrderPurpose.fromWire(rows.getString(3)),
      rows.getInt(4),
      rows.getLong(5),
      rows.getLong(6),
      rows.getInt(7),
      rows.getInt(8),
      rows.getString(9),
      rows.getString(10),
      side == null ? null : Wire.parse(Side.class, side),
      decimal(rows, 12),
      decimal(rows, 13),
      decimal(rows, 14)),
      OrderState.fromWire(rows.getString(15)),
      decimal(rows, 16),
      decimal(rows, 17),
      rows.getString(18),
      rows.getString(19),
      rows.getString(20),
      instant(rows, 21),
      instant(rows, 22),
      instant(rows, 23));
  }

  static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setLong(index, value);
    }
  }

  static Long nullableLong(ResultSet rows, int column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }

  static Instant instant(ResultSet rows, int column) throws SQLException {
    Long millis = nullableLong(rows, column);
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }

  /** Money is stored as BigDecimal's plain text so no precision is lost to a floating-point column. */
  static String plain(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }

  static BigDecimal decimal(ResultSet rows, int column) throws SQLException {
    String text = rows.getString(column);
    return text == null ? null : new BigDecimal(text);
  }
}
