package io.copytrader.lighter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When one channel of the stream is trusted, whatever the others do. */
class ChannelLivenessTest {

  private static final String POSITIONS = ChannelLiveness.key("account_all_positions", 7);
  private static final String BOOK = ChannelLiveness.key("order_book", 0);

  private ChannelLiveness liveness;

  @BeforeEach
  void subscribe() {
    liveness = new ChannelLiveness();
    liveness.subscribed(POSITIONS);
    liveness.subscribed(BOOK);
  }

  @Test
  void subscribedChannelIsStaleUntilItsSnapshot() {
    assertThat(liveness.fresh(POSITIONS)).isFalse();

    liveness.heard(POSITIONS);

    assertThat(liveness.fresh(POSITIONS)).isTrue();
  }

  @Test
  void channelOwingAChangeIsStaleWhileOthersKeepDelivering() {
    liveness.heard(POSITIONS);
    liveness.owe(POSITIONS);

    liveness.heard(BOOK);

    assertThat(liveness.fresh(POSITIONS)).isFalse();
    assertThat(liveness.fresh(BOOK)).isTrue();
    assertThat(liveness.staleCount()).isEqualTo(1);
  }

  @Test
  void frameAfterTheDebtMakesTheChannelFreshAgain() {
    liveness.heard(POSITIONS);
    liveness.owe(POSITIONS);

    liveness.heard(POSITIONS);

    assertThat(liveness.fresh(POSITIONS)).isTrue();
  }

  @Test
  void agreementWithRestMakesTheChannelFreshAgain() {
    liveness.heard(POSITIONS);
    liveness.owe(POSITIONS);

    liveness.vouch(POSITIONS);

    assertThat(liveness.fresh(POSITIONS)).isTrue();
  }

  @Test
  void agreementDoesNotStandInForTheSnapshot() {
    liveness.vouch(POSITIONS);

    assertThat(liveness.fresh(POSITIONS)).isFalse();
  }

  @Test
  void resubscribedChannelIsStaleUntilItsNewSnapshot() {
    liveness.heard(BOOK);

    liveness.subscribed(BOOK);

    assertThat(liveness.fresh(BOOK)).isFalse();
  }

  @Test
  void channelNeverSubscribedIsNeverFresh() {
    String unknown = ChannelLiveness.key("account_all_orders", 8);

    liveness.heard(unknown);

    assertThat(liveness.fresh(unknown)).isFalse();
  }

  @Test
  void frameIsHeardSinceAnEarlierReadingOnly() {
    long before = System.nanoTime();
    liveness.heard(POSITIONS);

    assertThat(liveness.heardSince(POSITIONS, before)).isTrue();
    assertThat(liveness.heardSince(POSITIONS, System.nanoTime())).isFalse();
  }

  @Test
  void lostConnectionForgetsEveryChannel() {
    liveness.heard(POSITIONS);

    liveness.clear();

    assertThat(liveness.fresh(POSITIONS)).isFalse();
    assertThat(liveness.staleCount()).isZero();
  }
}
