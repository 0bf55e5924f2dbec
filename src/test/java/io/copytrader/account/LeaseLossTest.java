package io.copytrader.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.journal.RequestDetail;
import io.copytrader.journal.RequestState;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request whose node loses the account's lease stops where it is: nothing more is sent, retried, ended or
 * notified, and the journal keeps it for the account's new owner to resume.
 */
@ExtendWith(VertxExtension.class)
class LeaseLossTest {

  private ExecutorFixture fixture;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dir) {
    fixture = new ExecutorFixture(vertx, dir);
  }

  @Test
  void aGateClosedForWantOfARenewalSendsNothingAndLeavesTheRequestExecutingUnreported() {
    long epoch = fixture.leases.epoch(ExecutorFixture.ACCOUNT).orElseThrow();
    // Held still, but last renewed longer ago than the gate allows: the journal's fence would pass, the gate not.
    fixture.leases.held(ExecutorFixture.ACCOUNT, epoch, fixture.leases.now() - Duration.ofHours(2).toNanos());

    RequestDetail stopped = fixture.execute(TradeAction.LONG, "0.5");

    assertThat(fixture.exchange.sendTxCalls()).isZero();
    assertThat(stopped.request().state()).isEqualTo(RequestState.EXECUTING);
    assertThat(stopped.request().attempts()).isEqualTo(1);
    assertThat(stopped.request().errorCode()).isNull();
    assertThat(fixture.notices).isEmpty();
  }

  @Test
  void aLostLeaseLeavesTheRequestQueuedForTheNewOwnerWithNothingSent() {
    fixture.leases.lost(ExecutorFixture.ACCOUNT);

    RequestDetail stopped = fixture.execute(TradeAction.LONG, "0.5");

    assertThat(fixture.exchange.sendTxCalls()).isZero();
    assertThat(stopped.request().state()).isEqualTo(RequestState.QUEUED);
    assertThat(stopped.orders()).isEmpty();
    assertThat(fixture.notices).isEmpty();
  }
}
