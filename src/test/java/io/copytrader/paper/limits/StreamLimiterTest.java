package io.copytrader.paper.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.limits.AccountTier;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StreamLimiterTest {

  private static final String IP = "10.0.0.1";
  private static final String OTHER_IP = "10.0.0.2";

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final StreamLimiter limiter = new StreamLimiter(new StreamLimits(2, 3, 4, 2, 2), now::get);

  @Test
  void lightersLimitsAreTheDefault() {
    assertThat(StreamLimits.lighter()).isEqualTo(new StreamLimits(255, 500, 200, 50, 5_000));
    assertThat(RateLimits.lighter().enabled()).isTrue();
    assertThat(RateLimits.lighter().defaultTier()).isEqualTo(AccountTier.PREMIUM);
  }

  @Test
  void anIpHoldsAsManyConnectionsAsTheCapAndAClosedOneFreesItsPlace() {
    assertThat(limiter.connect(IP)).isEmpty();
    assertThat(limiter.connect(IP)).isEmpty();
    assertThat(limiter.connect(IP)).contains(LimitRefusal.TOO_MANY_CONNECTIONS);
    assertThat(limiter.connect(OTHER_IP)).isEmpty();

    limiter.closed(IP);
    assertThat(limiter.connect(IP)).isEmpty();
  }

  @Test
  void aConnectionFollowsAsManyChannelsAsTheCap() {
    assertThat(limiter.subscribe(IP, 2, -1)).isEmpty();
    assertThat(limiter.subscribe(IP, 3, -1)).contains(LimitRefusal.TOO_MANY_SUBSCRIPTIONS);
  }

  @Test
  void anIpFollowsAsManyDifferentAccountsAsTheCapAndMoreChannelsOfThemFreely() {
    assertThat(limiter.subscribe(IP, 0, 7)).isEmpty();
    assertThat(limiter.subscribe(IP, 0, 8)).isEmpty();
    assertThat(limiter.subscribe(IP, 1, 7)).as("an account already followed").isEmpty();
    assertThat(limiter.subscribe(IP, 0, 9)).contains(LimitRefusal.TOO_MANY_DIFFERENT_ACCOUNTS);
    assertThat(limiter.subscribe(OTHER_IP, 0, 9)).isEmpty();

    limiter.unsubscribed(IP, 8);
    assertThat(limiter.subscribe(IP, 0, 9)).isEmpty();
  }

  @Test
  void anAccountIsFollowedUntilItsLastChannelEnds() {
    limiter.subscribe(IP, 0, 7);
    limiter.subscribe(IP, 1, 7);
    limiter.subscribe(IP, 0, 8);

    limiter.unsubscribed(IP, 7);
    assertThat(limiter.subscribe(IP, 0, 9)).contains(LimitRefusal.TOO_MANY_DIFFERENT_ACCOUNTS);
    limiter.unsubscribed(IP, 7);
    assertThat(limiter.subscribe(IP, 0, 9)).isEmpty();
  }

  @Test
  void anIpSendsAsManyFramesInAMinuteAsTheCap() {
    for (int i = 0; i < 4; i++) {
      assertThat(limiter.message(IP)).isEmpty();
      limiter.answered(IP);
    }

    assertThat(limiter.message(IP)).contains(LimitRefusal.TOO_MANY_MESSAGES);
    now.addAndGet(60_000);
    assertThat(limiter.message(IP)).isEmpty();
  }

  @Test
  void anIpHasAsManyFramesInFlightAsTheCapUntilOneIsAnswered() {
    assertThat(limiter.message(IP)).isEmpty();
    assertThat(limiter.message(IP)).isEmpty();

    assertThat(limiter.message(IP)).contains(LimitRefusal.TOO_MANY_INFLIGHT);
    limiter.answered(IP);
    assertThat(limiter.message(IP)).isEmpty();
  }

  @Test
  void usageShowsEachIpsConnectionsFramesInFlightAndAccounts() {
    limiter.connect(IP);
    limiter.message(IP);
    limiter.subscribe(IP, 0, 7);

    assertThat(limiter.usage()).containsEntry(IP, new StreamLimiter.Usage(1, 1, 1, 1));
  }
}
