package io.copytrader.e2e;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account whose streams never come up (the stream URL names a port nothing listens on): {@code /health} never
 * calls it ready, and it trades all the same, on REST.
 */
@ExtendWith(VertxExtension.class)
class AccountReadinessTest {

  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 1, Map.of("STREAM_URL", "ws://127.0.0.1:" + closedPort() + "/stream"));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void anAccountWithoutLiveStreamsIsNotReadyAndTradesOnRest() {
    TestAccount account = harness.freshAccount();
    eventually("the account answering health", Duration.ofSeconds(10), () -> harness.accountHealth(account),
      health -> health.containsKey("queued"));

    harness.filled(harness.trade(account, "ETH", "long", "0.1"));

    assertThat(harness.accountHealth(account).getBoolean("ready")).isFalse();
    assertThat(harness.exchangeRequests("/api/v1/account")).isPositive();
  }
}
