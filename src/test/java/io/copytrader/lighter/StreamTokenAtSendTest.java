package io.copytrader.lighter;

import static io.copytrader.lighter.Await.result;
import static io.copytrader.testing.Polling.eventually;

import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.paper.PaperAccount;
import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperExchange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A private channel's auth token is made when its subscription goes out, not when it is queued: with the outbox
 * paced at 3 messages a second and tokens valid for about 2 s, the last of 12 subscriptions leave 4 s after they
 * were queued, when a token made at queueing would have expired and the paper exchange (as Lighter) would refuse
 * the channel ("invalid auth token").
 */
@ExtendWith(VertxExtension.class)
class StreamTokenAtSendTest {

  private static final int KEY_INDEX = 2;
  private static final ApiKey KEY = ApiKey.parse("0x" + "4e".repeat(40));
  private static final long FIRST_ACCOUNT = 5001;
  private static final List<Long> ACCOUNTS = LongStream.range(FIRST_ACCOUNT, FIRST_ACCOUNT + 4).boxed().toList();
  private static final StreamQuota THREE_A_SECOND = StreamQuota.lighter().withMessages(3, Duration.ofSeconds(1), Duration.ofMillis(1));

  @Test
  void everyAccountsChannelsGoLiveThoughTheQueueOutlastsATokensValidity(Vertx vertx) {
    PaperExchange paper = new PaperExchange(PaperConfig.defaults().withAccounts(ACCOUNTS.stream()
      .map(account -> new PaperAccount(account, "0x15f43D1f2DeE81424aFd891943262aa90F22cc2A",
        new BigDecimal("10000"), Map.of(KEY_INDEX, KEY.publicKeyHex())))
      .toList()));
    result(vertx.deployVerticle(paper));
    LighterStream stream = new LighterStream(LighterStreamOptions.defaults(paper.baseUrl()).withQuota(THREE_A_SECOND),
      () -> Future.succeededFuture(List.of()),
      ACCOUNTS.stream().map(account -> new LighterStream.StreamAccount(account, () -> shortLivedToken(account)))
        .toList(), ServiceMetrics.forVertx());
    result(vertx.deployVerticle(stream));

    eventually("every account's channels live", Duration.ofSeconds(15), () -> ACCOUNTS.stream()
      .allMatch(account -> stream.fresh(account, AccountChannel.values())));
  }

  /** Valid until the end of the next second: between 1 and 2 s from now. */
  private static String shortLivedToken(long account) {
    return AuthToken.create(KEY, account, KEY_INDEX, System.currentTimeMillis() / 1000 + 2);
  }
}
