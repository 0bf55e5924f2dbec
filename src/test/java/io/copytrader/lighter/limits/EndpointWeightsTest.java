package io.copytrader.lighter.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointWeightsTest {

  @ParameterizedTest(name = "{0} weighs {1}")
  @CsvSource({
    "/api/v1/sendTx, 6", "/api/v1/sendTxBatch, 6", "/api/v1/nextNonce, 6",
    "/api/v1/accountInactiveOrders, 100", "/api/v1/apikeys, 150",
    "/api/v1/recentTrades, 600", "/api/v1/trades, 600",
    "/api/v1/changeAccountTier, 3000", "/api/v1/tokens/create, 23000", "/api/v1/tokens, 3000",
    "/api/v1/account, 300", "/api/v1/accountActiveOrders, 300", "/api/v1/orderBooks, 300", "/api/v1/tx, 300",
    "/api/v1/unknown, 300", "/, 0", "/info, 0"})
  void eachEndpointWeighsAsLightersTableSays(String path, int weight) {
    assertThat(EndpointWeights.weight(path)).isEqualTo(weight);
  }

  @Test
  void aBatchWeighsSixPerTransaction() {
    assertThat(EndpointWeights.batch(1)).isEqualTo(6);
    assertThat(EndpointWeights.batch(50)).isEqualTo(300);
  }
}
