package io.copytrader.account;

import static io.copytrader.testing.Polling.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.journal.RequestDetail;
import io.copytrader.journal.RequestState;
import io.copytrader.lighter.signer.SignedTx;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account started on a journal that a stopped service left with a target position executing and its order
 * signed, sent or not: the order is settled by evidence before the target is planned again, so the account reaches
 * the target with exactly one order even while the exchange's lookups lag behind it.
 */
@ExtendWith(VertxExtension.class)
class TargetRecoveryTest {

  private static final long CLIENT_ORDER_INDEX = 778;

  /**
   * A target of the 1.3333 ETH {@link ExecutorFixture#interruptedEntry} buys, its order delivered before the stop (the
   * exchange's lookups lagging behind it) or never sent.
   */
  @ParameterizedTest(name = "[{index}] order delivered before the stop: {0}")
  @ValueSource(booleans = {true, false})
  void anInterruptedTargetIsReachedWithExactlyOneOrder(boolean delivered, Vertx vertx, @TempDir Path dir) {
    ExecutorFixture fixture = new ExecutorFixture(vertx, dir);
    String id = fixture.accept(ExecutorFixture.request(TradeAction.LONG, "0.5")
      .withTarget(TargetPosition.ofBase(new BigDecimal("1.3333"), null)));
    SignedTx signed = fixture.interruptedEntry(id, CLIENT_ORDER_INDEX);
    if (delivered) {
      fixture.exchange.lagNextTx(8).sendTx(signed.txType(), signed.txInfo()).await();
    }

    vertx.deployVerticle(fixture.accountVerticle()).await();
    RequestDetail done = until(Duration.ofSeconds(20), () -> fixture.journal.getRequest(id).await().orElseThrow(),
      detail -> detail.request().state().isFinal());

    assertThat(done.request().state()).as("state").isEqualTo(RequestState.FILLED);
    assertThat(done.orders()).as("entry orders").filteredOn(row -> row.order().purpose().isEntry())
      .extracting(row -> row.order().clientOrderIndex()).containsOnly(CLIENT_ORDER_INDEX);
    assertThat(fixture.exchange.executedMarketOrders()).as("orders executed").isEqualTo(1);
    assertThat(fixture.exchange.position()).as("position").isEqualByComparingTo("1.3333");
  }
}
