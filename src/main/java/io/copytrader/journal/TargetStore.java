package io.copytrader.journal;

import io.copytrader.Side;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The SQL of target positions' plans and steps ({@code position_targets}, {@code target_steps}). */
final class TargetStore {

  private TargetStore() {
  }

  /** Keeps the first plan of a request: the position before it is the one the request started from. */
  static void recordPlan(SqlSession session, String requestId, BigDecimal targetBase, BigDecimal positionBefore,
                         BigDecimal price) throws SQLException {
    session.update("INSERT INTO position_targets (request_id, target_base, position_before, price)"
        + " VALUES (?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING",
      requestId, targetBase.toPlainString(), positionBefore.toPlainString(), price.toPlainString());
  }

  static void recordStep(SqlSession session, String requestId, TargetStepRecord step) throws SQLException {
    session.update("INSERT INTO target_steps (request_id, step, action, side, base_amount, client_order_index,"
        + " outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id, step) DO UPDATE SET"
        + " action = excluded.action, side = excluded.side, base_amount = excluded.base_amount,"
        + " client_order_index = excluded.client_order_index, outcome = excluded.outcome, detail = excluded.detail",
      requestId, step.step(), step.kind(), step.side().wire(), step.base().toPlainString(), step.clientOrderIndex(),
      step.outcome().wire(), step.detail());
  }

  static Optional<TargetRecord> find(SqlSession session, String requestId) throws SQLException {
    Optional<TargetRecord> plan = session.first("SELECT target_base, position_before, price"
        + " FROM position_targets WHERE request_id = ?",
      row -> new TargetRecord(row.decimal(1), row.decimal(2), row.decimal(3), List.of()), requestId);
    if (plan.isEmpty()) {
      return plan;
    }
    return Optional.of(new TargetRecord(plan.get().targetBase(), plan.get().positionBefore(), plan.get().price(),
      steps(session, requestId)));
  }

  private static List<TargetStepRecord> steps(SqlSession session, String requestId) throws SQLException {
    return session.query("SELECT step, action, side, base_amount, client_order_index, outcome, detail"
        + " FROM target_steps WHERE request_id = ? ORDER BY step",
      row -> new TargetStepRecord(row.intValue(1), row.string(2), Wire.parse(Side.class, row.string(3)),
        row.decimal(4), row.nullableLong(5), StepOutcome.fromWire(row.string(6)), row.string(7)), requestId);
  }
}
