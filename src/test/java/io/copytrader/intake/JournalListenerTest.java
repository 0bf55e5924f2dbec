package io.copytrader.intake;

import io.copytrader.testing.HeldJournal;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Addresses;
import io.copytrader.config.JournalSettings;
import io.copytrader.journal.Journal;
import io.copytrader.journal.NewRequest;
import io.copytrader.journal.RequestKind;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The backstop on a SQLite journal, which notifies nothing: a request waiting unclaimed is relayed to its account. */
@ExtendWith(VertxExtension.class)
class JournalListenerTest {

  @Test
  void aRequestWaitingUnclaimedIsRelayedToItsAccountWithinTheBackstop(Vertx vertx, @TempDir Path dir) {
    Journal journal = HeldJournal.open(vertx, dir).await();
    try {
      ConcurrentLinkedQueue<String> relayed = new ConcurrentLinkedQueue<>();
      MessageConsumer<JsonObject> nine = vertx.eventBus().localConsumer(Addresses.accountIntake(9),
        relay -> relayed.add("9"));
      MessageConsumer<JsonObject> ten = vertx.eventBus().localConsumer(Addresses.accountIntake(10),
        relay -> relayed.add("10"));
      nine.completion().await();
      ten.completion().await();
      vertx.deployVerticle(new JournalListener(JournalSettings.SQLITE, journal)).await();
      journal.insertRequest(NewRequest.of("waiting", 9, RequestKind.TRADE, new JsonObject().put("action", "long"),
        null, null, null)).await();

      eventually("a relay", Duration.ofMillis(3 * JournalListener.BACKSTOP_MS), () -> !relayed.isEmpty());
      assertThat(relayed).isNotEmpty().containsOnly("9");
    } finally {
      journal.close().await();
    }
  }
}
