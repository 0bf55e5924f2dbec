package io.copytrader.journal;

import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The journal's record of target positions (README "Target positions"): each request's plan (the target in base
 * units, the position before, the price) and its steps with their outcomes, which {@code GET /api/trade/{id}} shows
 * and a restart reads to go on from where the request stopped.
 */
public final class TargetJournal {

  private final Journal journal;

  public TargetJournal(Journal journal) {
    this.journal = journal;
  }

  /** Journals a request's plan; a later plan of the same request (a retry, a restart) keeps the first one. */
  public Future<Void> recordPlan(String requestId, BigDecimal targetBase, BigDecimal positionBefore, BigDecimal price) {
    return journal.write(session -> {
      TargetStore.recordPlan(session, requestId, targetBase, positionBefore, price);
      return null;
    });
  }

  /** Journals a step as it now stands, replacing what was journaled of it before. */
  public Future<Void> recordStep(String requestId, TargetStepRecord step) {
    return journal.write(session -> {
      TargetStore.recordStep(session, requestId, step);
      return null;
    });
  }

  public Future<Optional<TargetRecord>> find(String requestId) {
    return journal.read(session -> TargetStore.find(session, requestId));
  }
}
