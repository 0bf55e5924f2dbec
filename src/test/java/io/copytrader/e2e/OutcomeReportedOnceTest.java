package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.testing.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request's outcome is reported once, by whoever records it, when the journal's record and the run part ways (on a
 * PostgreSQL journal, with triggers standing in for the faults): its end lost with the connection, its fill
 * recorded by another run (as an account's new owner records it while the old owner is paused), or the answer to
 * its fill's record lost after it committed.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutcomeReportedOnceTest {

  private final PostgresServer server = PostgresServer.shared();
  private String schema;
  private TradingHarness harness;

  @BeforeAll
  void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    schema = server.freshSchema();
    harness = TradingHarness.start(vertx, dir, 3, Map.of("JOURNAL_URL", server.url(schema)));
  }

  /**
   * PostgreSQL ends the session in the very transaction that writes the request {@code expired}, so the write fails
   * as the journal being out of reach and nothing of it commits. The service takes the request up again once the
   * journal is back and ends it again.
   */
  @Test
  void aRequestWhoseEndWasLostWithTheConnectionIsReportedOnce() {
    TestAccount account = harness.freshAccount();
    loseTheConnectionOfTheFirstEndWritten("expired");

    String id = harness.submit("/api/trade", TradingHarness.tradeBody(account, "ETH", "long", "0.5")
      .put("signal_timestamp", System.currentTimeMillis() - 10_000).put("max_lag_ms", 1_000));
    assertThat(harness.awaitFinal(id).getString("state")).isEqualTo("expired");
    // Notices go out in order: once the next request's is out, a second one of the first would be too.
    String next = harness.trade(account, "ETH", "long", "0.5");
    harness.filled(next);
    harness.awaitTelegram(next, "Position opened");

    assertThat(server.sql(schema, "SELECT is_called FROM ends_lost")).as("the fault fired").isEqualTo("t");
    assertThat(harness.telegramFor(id)).filteredOn(text -> text.contains("<b>Trade request expired</b>"))
      .hasSize(1);
  }

  @Test
  void aFillAnotherRunRecordedIsLeftForItToReport() {
    TestAccount account = harness.freshAccount();
    recordTheFirstEntryFilledAsItIsSent();

    String id = openedThenIncreased(account);

    assertThat(server.sql(schema, "SELECT is_called FROM fills_recorded")).as("the fault fired").isEqualTo("t");
    assertThat(harness.telegramFor(id)).noneMatch(text -> text.contains("<b>Position opened</b>"));
    assertThat(harness.filledMarketOrders(account, ETH)).hasSize(2);
  }

  /**
   * The record of the entry's fill commits, but its answer is lost with the connection: PostgreSQL ends the session
   * of that record (nothing of it commits), and the fill is written in the transaction of the run that takes the
   * request up again, before that run records the fill itself, as the lost COMMIT would have left it.
   */
  @Test
  void aFillWhoseRecordsAnswerWasLostIsReportedOnceByTheNextRun() {
    TestAccount account = harness.freshAccount();
    loseTheAnswerOfTheFirstFillRecorded();

    String id = openedThenIncreased(account);

    assertThat(server.sql(schema, "SELECT is_called FROM fill_answers_lost")).as("the fault fired").isEqualTo("t");
    assertThat(server.sql(schema, "SELECT is_called FROM fills_written_after")).as("the fill written after")
      .isEqualTo("t");
    assertThat(harness.telegramFor(id)).filteredOn(text -> text.contains("<b>Position opened</b>")).hasSize(1);
    assertThat(harness.filledMarketOrders(account, ETH)).hasSize(2);
  }

  /**
   * Opens a long, then increases it once the opening has filled; answers the opening's request once the increase's
   * notice is out: notices go out in order, so a second one of the opening would be out too.
   */
  private String openedThenIncreased(TestAccount account) {
    String id = harness.trade(account, "ETH", "long", "0.5");
    harness.filled(id);
    String next = harness.adjust(account, "ETH", "increase", "0.1");
    harness.filled(next);
    harness.awaitTelegram(next, "Position increased");
    return id;
  }

  private void loseTheAnswerOfTheFirstFillRecorded() {
    server.sql(schema, """
      CREATE SEQUENCE fill_answers_lost;
      CREATE SEQUENCE fills_written_after;
      CREATE FUNCTION lose_the_fills_answer() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.purpose = 'entry' AND NEW.state = 'filled' AND OLD.state <> 'filled' THEN
          IF nextval('fill_answers_lost') = 1 THEN
            PERFORM pg_terminate_backend(pg_backend_pid());
          END IF;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER lose_the_fills_answer BEFORE UPDATE ON orders FOR EACH ROW
        EXECUTE FUNCTION lose_the_fills_answer();
      CREATE FUNCTION write_the_lost_fill() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.attempts > OLD.attempts AND (SELECT is_called FROM fill_answers_lost) THEN
          IF nextval('fills_written_after') = 1 THEN
            UPDATE orders SET state = 'filled', filled_base = base_amount, average_price = price
              WHERE request_id = NEW.request_id AND purpose = 'entry';
          END IF;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER write_the_lost_fill AFTER UPDATE ON requests FOR EACH ROW
        EXECUTE FUNCTION write_the_lost_fill();
      """);
  }

  /** The first entry row leaving {@code signed} is written filled, as another run recording its fill would leave it. */
  private void recordTheFirstEntryFilledAsItIsSent() {
    server.sql(schema, """
      CREATE SEQUENCE fills_recorded;
      CREATE FUNCTION record_the_fill() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.purpose = 'entry' AND OLD.state = 'signed' AND NEW.state IN ('sent', 'accepted') THEN
          IF nextval('fills_recorded') = 1 THEN
            NEW.state := 'filled';
            NEW.filled_base := NEW.base_amount;
            NEW.average_price := NEW.price;
          END IF;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER record_the_fill BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION record_the_fill();
      """);
  }

  /** Ends the session of the first transaction that ends a request in {@code state}; a sequence is not rolled back. */
  private void loseTheConnectionOfTheFirstEndWritten(String state) {
    server.sql(schema, """
      CREATE SEQUENCE ends_lost;
      CREATE FUNCTION lose_the_end() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.state = '%s' AND OLD.state <> '%s' THEN
          IF nextval('ends_lost') = 1 THEN
            PERFORM pg_terminate_backend(pg_backend_pid());
          END IF;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER lose_the_end BEFORE UPDATE ON requests FOR EACH ROW EXECUTE FUNCTION lose_the_end();
      """.formatted(state, state));
  }
}
