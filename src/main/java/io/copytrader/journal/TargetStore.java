package io.copytrader.journal;

import io.copytrader.Side;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of target positions' plans and steps ({@code position_targets}, {@code target_steps}). */
final class TargetStore {

  private TargetStore() {
  }

  /** Keeps the first plan of a request: the position before it is the one the request started from. */
  static void recordPlan(Connection connection, String requestId, BigDecimal targetBase, BigDecimal positionBefore,
                         BigDecimal price) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT OR IGNORE INTO position_targets"
      + " (request_id, target_base, position_before, price) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, requestId);
      insert.setString(2, targetBase.toPlainString());
      insert.setString(3, positionBefore.toPlainString());
      insert.setString(4, price.toPlainString());
      insert.executeUpdate();
    }
  }

  static void recordStep(Connection connection, String requestId, TargetStepRecord step) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement("INSERT OR REPLACE INTO target_steps"
      + " (request_id, step, action, side, base_amount, client_order_index, outcome, detail)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      upsert.setString(1, requestId);
      upsert.setInt(2, step.step());
      upsert.setString(3, step.kind());
      upsert.setString(4, step.side().wire());
      upsert.setString(5, step.base().toPlainString());
      if (step.clientOrderIndex() == null) {
        upsert.setNull(6, Types.INTEGER);
      } else {
        upsert.setLong(6, step.clientOrderIndex());
      }
      upsert.setString(7, step.outcome().wire());
      upsert.setString(8, step.detail());
      upsert.executeUpdate();
    }
  }

  static Optional<TargetRecord> find(Connection connection, String requestId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT target_base, position_before, price"
      + " FROM position_targets WHERE request_id = ?")) {
      select.setString(1, requestId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(new TargetRecord(new BigDecimal(row.getString(1)), new BigDecimal(row.getString(2)),
          new BigDecimal(row.getString(3)), steps(connection, requestId)));
      }
    }
  }

  private static List<TargetStepRecord> steps(Connection connection, String requestId) throws SQLException {
    List<TargetStepRecord> steps = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT step, action, side, base_amount,"
      + " client_order_index, outcome, detail FROM target_steps WHERE request_id = ? ORDER BY step")) {
      select.setString(1, requestId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long orderIndex = rows.getLong(5);
          Long clientOrderIndex = rows.wasNull() ? null : orderIndex;
          steps.add(new TargetStepRecord(rows.getInt(1), rows.getString(2), Wire.parse(Side.class, rows.getString(3)),
            new BigDecimal(rows.getString(4)), clientOrderIndex, StepOutcome.fromWire(rows.getString(6)),
            rows.getString(7)));
        }
      }
    }
    return steps;
  }
}
