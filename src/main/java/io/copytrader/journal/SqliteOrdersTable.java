package io.copytrader.journal;

import java.util.List;

/** SQLite's orders table ({@link Schema}): as the first release made it, and rebuilt with purposes added. */
final class SqliteOrdersTable {

  // As the first release made it; a later purpose is added by rebuilding it (Schema's TAKE_PROFIT_PURPOSE).
  static final String FIRST = """
    CREATE TABLE orders (
      request_id TEXT NOT NULL REFERENCES requests (request_id),
      ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
      purpose TEXT NOT NULL CHECK (purpose IN
        ('entry', 'close', 'reduce', 'stop_loss_place', 'stop_loss_modify', 'stop_loss_cancel')),
      market_id INTEGER NOT NULL,
      client_order_index INTEGER NOT NULL,
      nonce INTEGER NOT NULL,
      api_key_index INTEGER NOT NULL,
      tx_type INTEGER NOT NULL,
      tx_hash TEXT,
      tx_info TEXT NOT NULL,
      side TEXT CHECK (side IN ('buy', 'sell')),
      base_amount TEXT,
      price TEXT,
      trigger_price TEXT,
      state TEXT NOT NULL CHECK (state IN
        ('signed', 'sent', 'accepted', 'rejected', 'unknown', 'filled', 'partially_filled', 'cancelled')),
      filled_base TEXT,
      average_price TEXT,
      exchange_status TEXT,
      error_code TEXT,
      error_message TEXT,
      created_at INTEGER NOT NULL,
      sent_at INTEGER,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (request_id, ordinal)
    ) WITHOUT ROWID""";

  /** The orders table rebuilt with {@code added} purposes allowed after 'stop_loss_cancel'. */
  static List<String> purposesAdded(String added) {
    return List.of(
      FIRST.replace("CREATE TABLE orders (", "CREATE TABLE orders_purposes (")
        .replace("'stop_loss_cancel')", "'stop_loss_cancel', " + added + ")"),
      "INSERT INTO orders_purposes SELECT * FROM orders",
      "DROP TABLE orders",
      "ALTER TABLE orders_purposes RENAME TO orders",
      "CREATE INDEX orders_client_order_index ON orders (market_id, client_order_index)",
      "CREATE INDEX orders_tx_hash ON orders (tx_hash) WHERE tx_hash IS NOT NULL",
      "CREATE INDEX orders_entry_time ON orders (coalesce(sent_at, created_at)) WHERE purpose = 'entry'");
  }

  private SqliteOrdersTable() {
  }
}
