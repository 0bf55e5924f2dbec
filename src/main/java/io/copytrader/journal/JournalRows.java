package io.copytrader.journal;

import io.copytrader.Side;
import java.math.BigDecimal;
import java.sql.SQLException;

/** How the journal's rows map to its records, and its values to the database's columns. */
final class JournalRows {

  static final String REQUEST_COLUMNS = "request_id, account_index, kind, body, idempotency_key,"
    + " fingerprint, state, created_at, started_at, finished_at, error_code, error_message, signal_timestamp,"
    + " max_lag_ms, attempts";

  static final String ORDER_COLUMNS = "request_id, ordinal, purpose, market_id, client_order_index,"
    + " nonce, api_key_index, tx_type, tx_hash, tx_info, side, base_amount, price, trigger_price, state,"
    + " filled_base, average_price, exchange_status, error_code, error_message, created_at, sent_at, updated_at";

  private JournalRows() {
  }

  /** A row of {@link #REQUEST_COLUMNS}. */
  static RequestRecord request(SqlRow row) throws SQLException {
    return new RequestRecord(
      row.string(1),
      row.longValue(2),
      RequestKind.fromWire(row.string(3)),
      row.string(4),
      row.string(5),
      row.string(6),
      RequestState.fromWire(row.string(7)),
      row.instant(8),
      row.instant(9),
      row.instant(10),
      row.string(11),
      row.string(12),
      row.nullableLong(13),
      row.nullableLong(14),
      row.intValue(15));
  }

  /** A row of {@link #ORDER_COLUMNS}. */
  static OrderRecord order(SqlRow row) throws SQLException {
    String side = row.string(11);
    return new OrderRecord(new NewOrder(
      row.string(1),
      row.intValue(2),
      OrderPurpose.fromWire(row.string(3)),
      row.intValue(4),
      row.longValue(5),
      row.longValue(6),
      row.intValue(7),
      row.intValue(8),
      row.string(9),
      row.string(10),
      side == null ? null : Wire.parse(Side.class, side),
      row.decimal(12),
      row.decimal(13),
      row.decimal(14)),
      OrderState.fromWire(row.string(15)),
      row.decimal(16),
      row.decimal(17),
      row.string(18),
      row.string(19),
      row.string(20),
      row.instant(21),
      row.instant(22),
      row.instant(23));
  }

  /** Money is stored as BigDecimal's plain text so no precision is lost to a floating-point column. */
  static String plain(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }
}
