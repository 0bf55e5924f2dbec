package io.copytrader.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.config.TradingParameters;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExecutionSettingsTest {

  private static final long ACCEPTED = 1_000_000L;
  private static final ExecutionSettings SETTINGS = new ExecutionSettings(
    new TradingParameters(BigDecimal.ONE, new BigDecimal("0.01"), new BigDecimal("0.05")), 4,
    Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(15));

  @ParameterizedTest(name = "signal={0} lag={1} now=+{2} ms -> late {3}")
  @CsvSource(nullValues = "-", textBlock = """
    -,        -,      0,      -
    -,        -,      60000,  -
    -,        -,      60001,  60001
    999000,   -,      59000,  -
    999000,   -,      59001,  60001
    999000,   500,    0,      1000
    1000000,  500,    500,    -
    1000000,  500,    501,    501
    1000000,  120000, 60001,  60001
    """)
  void requestExpiresAtTheEarlierOfQueueAgeAndSignalLag(Long signal, Long lag, long elapsed, Long late) {
    TradeRequest request = new TradeRequest(1, 0, "ETH", TradeAction.LONG, BigDecimal.ONE, null, null, signal, lag);
    QueuedRequest queued = QueuedRequest.fresh("r", request, ACCEPTED);

    Optional<Duration> lateness = SETTINGS.lateness(queued, ACCEPTED + elapsed);

    assertThat(lateness.map(Duration::toMillis).orElse(null)).isEqualTo(late);
  }
}
