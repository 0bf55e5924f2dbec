package io.copytrader.account;

import io.copytrader.testing.HeldJournal;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Side;
import io.copytrader.journal.Journal;
import io.copytrader.journal.NewOrder;
import io.copytrader.journal.NewRequest;
import io.copytrader.journal.OrderPurpose;
import io.copytrader.journal.RequestKind;
import io.copytrader.lighter.signer.CreateGroupedOrdersTx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal rows of a grouped entry: the entry and its attached stop-loss stand together or not at all. A restart
 * that closed the journal between the two rows left the entry's (with the whole group's bytes, which the next start
 * re-sends to settle it) without the stop-loss's, so the attached stop-loss the exchange then armed was nobody's: the
 * keeper placed a second one beside it and no protection run would ever cancel either (campaign seeds 45 and 85).
 */
@ExtendWith(VertxExtension.class)
class SignedOrderRowsTest {

  private static final String REQUEST = "r-1";

  @Test
  void aGroupsStopLossRowIsJournaledWithItsEntryWhenTheJournalClosesRightAfter(Vertx vertx, @TempDir Path dir) {
    Journal journal = executing(vertx, dir);
    AtomicInteger ordinals = new AtomicInteger();
    Future<Void> recorded = new SignedOrderRows(journal, REQUEST, ordinals::getAndIncrement)
      .record(List.of(row(OrderPurpose.ENTRY, 500), row(OrderPurpose.STOP_LOSS_PLACE, 501)));
    // A restart closes the journal while the group is being journaled: whatever it took in, it finishes.
    journal.close().await();
    recorded.await();

    assertThat(journaledIndexes(vertx, dir)).containsExactly(500L, 501L);
  }

  @Test
  void aGroupWhoseStopLossRowIsRefusedLeavesNoEntryRow(Vertx vertx, @TempDir Path dir) {
    Journal journal = executing(vertx, dir);
    // The stop-loss's row takes an ordinal already used, so the journal refuses it.
    Future<Void> recorded = new SignedOrderRows(journal, REQUEST, () -> 0)
      .record(List.of(row(OrderPurpose.ENTRY, 500), row(OrderPurpose.STOP_LOSS_PLACE, 501)));
    Throwable refused = recorded.transform(result -> Future.succeededFuture(result)).await().cause();
    journal.close().await();

    assertThat(refused).isNotNull();
    assertThat(journaledIndexes(vertx, dir)).isEmpty();
  }

  private static Journal executing(Vertx vertx, Path dir) {
    Journal journal = HeldJournal.open(vertx, dir, 7).await();
    journal.insertRequest(NewRequest.of(REQUEST, 7, RequestKind.TRADE, new JsonObject().put("symbol", "ETH"), null,
      null, null)).compose(inserted -> journal.markExecuting(REQUEST)).await();
    return journal;
  }

  private static List<Long> journaledIndexes(Vertx vertx, Path dir) {
    Journal reopened = HeldJournal.open(vertx, dir, 7).await();
    try {
      return reopened.getRequest(REQUEST).await().orElseThrow().orders().stream()
        .map(order -> order.order().clientOrderIndex()).toList();
    } finally {
      reopened.close().await();
    }
  }

  private static IntFunction<NewOrder> row(OrderPurpose purpose, long clientOrderIndex) {
    return ordinal -> new NewOrder(REQUEST, ordinal, purpose, 0, clientOrderIndex, 3, 0, CreateGroupedOrdersTx.TX_TYPE,
      "0xabc", "{\"group\":true}", purpose == OrderPurpose.ENTRY ? Side.BUY : Side.SELL, BigDecimal.ONE,
      new BigDecimal("3000"), purpose == OrderPurpose.ENTRY ? null : new BigDecimal("2900"));
  }
}
