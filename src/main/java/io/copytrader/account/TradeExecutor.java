package io.copytrader.account;

import io.copytrader.config.AccountConfig;
import io.copytrader.journal.Journal;
import io.copytrader.metrics.ServiceMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Carries each accepted request of one account from start to final state ({@link RequestExecution}), with the
 * parts it is given: signs and sends each order at most once, confirms the fill, keeps the position's stop-loss
 * in line, journals every step and reports the outcome once.
 */
public final class TradeExecutor implements RequestExecutor {

  /** The SDK's default: a transaction the sequencer has not taken within ten minutes is void. */
  static final Duration TX_EXPIRY = Duration.ofMinutes(10).minusSeconds(1);

  private final ExecutionParts parts;

  /**
   * Reads the book top and the account before an order, follows the order to its fill, learns the position
   * after it and keeps the stop-loss through {@code view} (the streams while they are fresh); refuses openings
   * while {@code killSwitch} says halt or flatten.
   */
  public TradeExecutor(Vertx vertx, AccountConfig account, ExecutionSettings settings, ExchangeSession session,
                       ExchangeView view, Journal journal, ClientOrderIndexAllocator orderIndexes,
                       AccountKillSwitch killSwitch, ServiceMetrics metrics) {
    this(ExecutionParts.of(vertx, account, settings, session, view, journal, orderIndexes, killSwitch, metrics));
  }

  TradeExecutor(ExecutionParts parts) {
    this.parts = parts;
  }

  @Override
  public HeldNotices heldNotices() {
    return parts.heldNotices();
  }

  @Override
  public boolean inTime(TradeRequest request, long nowMillis) {
    return request.action().isExit() || parts.settings().lateness(request, nowMillis, nowMillis).isEmpty();
  }

  @Override
  public Future<Void> execute(QueuedRequest queued) {
    // Composed, so that even a fault while the execution starts ends in a failed future the account handles.
    return Future.succeededFuture(queued).compose(start -> start.request().action() == TradeAction.POSITION
      ? new TargetExecution(parts, start).run() : new RequestExecution(parts, start).run());
  }
}
