package io.copytrader.lighter;

import static io.copytrader.lighter.Await.result;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.paper.PaperAccount;
import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperExchange;
import io.copytrader.paper.limits.RateLimits;
import io.copytrader.paper.limits.StreamLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Subscriptions spread over as many connections as the exchange's limits need: with 4 subscriptions a connection
 * (on the paper exchange as in the stream's quota), two books and three accounts' three channels each cannot share
 * one connection (the fifth subscription would be refused, 23001); on four connections every channel is live.
 */
@ExtendWith(VertxExtension.class)
class StreamConnectionsSpreadTest {

  private static final int KEY_INDEX = 2;
  private static final ApiKey KEY = ApiKey.parse("0x" + "4e".repeat(40));
  private static final List<Long> ACCOUNTS = LongStream.range(6001, 6004).boxed().toList();
  private static final int SUBSCRIPTIONS_EACH = 4;
  private static final int CONNECTIONS = 4;

  @Test
  void everyAccountIsReadyWhenItsChannelsNeedSeveralConnections(Vertx vertx) {
    PaperExchange paper = new PaperExchange(PaperConfig.defaults().withAccounts(ACCOUNTS.stream()
        .map(account -> new PaperAccount(account, "0x15f43D1f2DeE81424aFd891943262aa90F22cc2A",
          new BigDecimal("10000"), Map.of(KEY_INDEX, KEY.publicKeyHex())))
        .toList())
      .withRateLimits(RateLimits.lighter().withStream(new StreamLimits(CONNECTIONS, SUBSCRIPTIONS_EACH, 200, 50,
        5_000))));
    result(vertx.deployVerticle(paper));
    LighterStream stream = new LighterStream(LighterStreamOptions.defaults(paper.baseUrl())
      .withQuota(StreamQuota.lighter().withConnections(SUBSCRIPTIONS_EACH, CONNECTIONS)),
      () -> Future.succeededFuture(List.of(0, 1)),
      ACCOUNTS.stream().map(account -> new LighterStream.StreamAccount(account, () -> token(account))).toList(),
      ServiceMetrics.forVertx());
    result(vertx.deployVerticle(stream));

    eventually("every account ready", Duration.ofSeconds(10), () -> ACCOUNTS.stream()
      .allMatch(account -> stream.fresh(account, AccountChannel.values())));
    eventually("both books live", () -> stream.bookTop(0).isPresent() && stream.bookTop(1).isPresent());
    assertThat(stream.fresh()).isTrue();
    assertThat(stream.connections()).isEqualTo(CONNECTIONS);
    JsonObject used = result(WebClient.create(vertx).get(paper.port(), "127.0.0.1", "/paper/limits").send())
      .bodyAsJsonObject().getJsonObject("streams_by_ip");
    assertThat(used.fieldNames()).hasSize(1);
    assertThat(used.getJsonObject(used.fieldNames().iterator().next()).getInteger("connections"))
      .isEqualTo(CONNECTIONS);
  }

  private static String token(long account) {
    return AuthToken.create(KEY, account, KEY_INDEX, System.currentTimeMillis() / 1000 + 600);
  }
}
