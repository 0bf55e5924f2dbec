package io.copytrader.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain id {@code NETWORK} resolves to is the one the service signs with: the paper exchange (chain 304,
 * Lighter mainnet's) checks every signature against its own chain, as Lighter does.
 */
@ExtendWith(VertxExtension.class)
class NetworkChainIdTest {

  /** The harness sets CHAIN_ID for its loopback exchange; blanking it leaves the chain id to NETWORK. */
  private static JsonObject longOn(Vertx vertx, Path dir, String network) throws Exception {
    TradingHarness harness = TradingHarness.start(vertx, dir, 1, Map.of("CHAIN_ID", "", "NETWORK", network));
    TestAccount account = harness.freshAccount();
    return harness.awaitFinal(harness.trade(account, "ETH", "long", "0.5"));
  }

  @Test
  void aTradeSignedForTheExchangesNetworkFills(Vertx vertx, @TempDir Path dir) throws Exception {
    assertThat(longOn(vertx, dir, "lighter").getString("state")).isEqualTo("filled");
  }

  @Test
  void aTradeSignedForAnotherNetworkIsRefusedByTheExchange(Vertx vertx, @TempDir Path dir) throws Exception {
    JsonObject status = longOn(vertx, dir, "robinhood");

    assertThat(status.getString("state")).as(status.encode()).isIn("rejected", "failed");
    assertThat(status.encode()).contains("invalid signature");
  }
}
