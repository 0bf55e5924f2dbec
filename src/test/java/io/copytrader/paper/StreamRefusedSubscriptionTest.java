package io.copytrader.paper;

import static io.copytrader.lighter.Await.result;
import static io.copytrader.paper.PaperFixture.COLLATERAL;
import static io.copytrader.paper.PaperFixture.KEY;
import static io.copytrader.paper.PaperFixture.KEY_INDEX;
import static io.copytrader.paper.PaperFixture.L1_ADDRESS;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.AccountChannel;
import io.copytrader.lighter.LighterStream;
import io.copytrader.lighter.LighterStreamOptions;
import io.copytrader.lighter.StreamQuota;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.paper.limits.RateLimits;
import io.copytrader.paper.limits.StreamLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A subscription the exchange refuses is sent again until it is live: the service's pace (100 messages a second)
 * is beyond the paper exchange's 6 a minute, so of one book and three accounts' three channels each, 4 are refused
 * (30009, which names no channel); once the exchange's minute has passed (its limits' clock moved on), the
 * unconfirmed subscriptions go out again and every account's channels become live.
 */
@ExtendWith(VertxExtension.class)
class StreamRefusedSubscriptionTest {

  private static final List<Long> ACCOUNTS = LongStream.range(7001, 7004).boxed().toList();
  private static final int MESSAGES_PER_MINUTE = 6;
  private static final int SUBSCRIPTIONS = 1 + ACCOUNTS.size() * AccountChannel.values().length;

  @Test
  void refusedSubscriptionsAreSentAgainUntilEveryAccountIsLive(Vertx vertx) throws InterruptedException {
    AtomicLong now = new AtomicLong(System.currentTimeMillis());
    PaperFixture paper = PaperFixture.start(vertx, PaperConfig.defaults()
      .withAccounts(ACCOUNTS.stream().map(account -> PaperFixture.account(account, L1_ADDRESS, COLLATERAL)).toList())
      .withRateLimits(RateLimits.lighter().withStream(new StreamLimits(10, 500, MESSAGES_PER_MINUTE, 50, 5_000))),
      now::get);
    LighterStream stream = new LighterStream(LighterStreamOptions.defaults(paper.exchange.baseUrl())
      .withQuota(StreamQuota.lighter().withMessages(100, Duration.ofSeconds(1), Duration.ofMillis(1)))
      .withConfirmTimeout(Duration.ofMillis(300)),
      () -> Future.succeededFuture(List.of(0)),
      ACCOUNTS.stream().map(account -> new LighterStream.StreamAccount(account, () -> token(account))).toList(),
      ServiceMetrics.forVertx());
    result(vertx.deployVerticle(stream));

    eventually("the minute's subscriptions live, the rest refused",
      () -> stream.staleChannels() == SUBSCRIPTIONS - MESSAGES_PER_MINUTE);
    Thread.sleep(1_000);
    assertThat(stream.staleChannels()).as("refused while the exchange's minute lasts")
      .isEqualTo(SUBSCRIPTIONS - MESSAGES_PER_MINUTE);
    now.addAndGet(61_000);

    eventually("every account live", Duration.ofSeconds(10), () -> ACCOUNTS.stream()
      .allMatch(account -> stream.fresh(account, AccountChannel.values())));
    eventually("the book live", () -> stream.bookTop(0).isPresent());
    assertThat(stream.staleChannels()).isZero();
  }

  private static String token(long account) {
    return AuthToken.create(KEY, account, KEY_INDEX, System.currentTimeMillis() / 1000 + 600);
  }
}
