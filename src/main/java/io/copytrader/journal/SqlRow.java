package io.copytrader.journal;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;

/** One row of a result, its columns counted from 1; a SQL NULL reads as null where the type allows it. */
interface SqlRow {

  String string(int column) throws SQLException;

  /** A column that is never NULL. */
  long longValue(int column) throws SQLException;

  Long nullableLong(int column) throws SQLException;

  /** A column that is never NULL. */
  default int intValue(int column) throws SQLException {
    return Math.toIntExact(longValue(column));
  }

  default Instant instant(int column) throws SQLException {
    Long millis = nullableLong(column);
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }

  /** Money is stored as BigDecimal's plain text (JournalRows.plain). */
  default BigDecimal decimal(int column) throws SQLException {
    String text = string(column);
    return text == null ? null : new BigDecimal(text);
  }
}
