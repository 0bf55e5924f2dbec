package io.copytrader.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The service's journal read straight from disk while no service process holds it, to see exactly what a
 * stopped or killed process left behind for the next start.
 */
final class JournalFile {

  private JournalFile() {
  }

  /** Request id → journaled state, for every request in the journal. */
  static Map<String, String> requestStates(Path dataDirectory) {
    Map<String, String> states = new LinkedHashMap<>();
    query(dataDirectory, "SELECT request_id, state FROM requests ORDER BY created_at", result -> {
      while (result.next()) {
        states.put(result.getString(1), result.getString(2));
      }
    });
    return states;
  }

  private interface Rows {
    void read(ResultSet result) throws SQLException;
  }

  private static void query(Path dataDirectory, String sql, Rows rows) {
    String url = "jdbc:sqlite:" + dataDirectory.resolve("journal.db").toAbsolutePath();
    try (Connection connection = DriverManager.getConnection(url);
         PreparedStatement statement = connection.prepareStatement(sql);
         ResultSet result = statement.executeQuery()) {
      rows.read(result);
    } catch (SQLException e) {
      throw new AssertionError("cannot read the journal in " + dataDirectory + ": " + e.getMessage(), e);
    }
  }
}
