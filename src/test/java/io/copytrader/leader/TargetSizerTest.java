package io.copytrader.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.config.FollowerConfig;
import io.copytrader.config.Sizing;
import io.copytrader.market.Market;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetSizerTest {

  private static Market market(int sizeDecimals) {
    return new Market(0, "ETH", true, sizeDecimals, 2, new BigDecimal("0.0050"), new BigDecimal("10"),
      new BigDecimal("0.05"));
  }

  static FollowerConfig follower(Sizing sizing, String copyRatio, String copyNotional, Set<String> markets) {
    return new FollowerConfig(1002, "lead", sizing, new BigDecimal(copyRatio),
      decimal(copyNotional), markets, false, new BigDecimal("0.01"),
      new BigDecimal("0.005"));
  }

  private static String target(Sizing sizing, String copyRatio, String copyNotional, int sizeDecimals,
                               String leaderSize, String entry, String leaderEquity, String followerEquity) {
    Optional<BigDecimal> target = TargetSizer.target(follower(sizing, copyRatio, copyNotional, null),
      market(sizeDecimals), new LeaderPosition(0, new BigDecimal(leaderSize), decimal(entry)), decimal(leaderEquity),
      decimal(followerEquity));
    return target.map(BigDecimal::toPlainString).orElse("none");
  }

  private static BigDecimal decimal(String text) {
    return text == null || text.equals("-") ? null : new BigDecimal(text);
  }

  @ParameterizedTest(name = "[{index}] {0} ratio {1} notional {2}: leader {4} @ {5}, equities {6}/{7} -> {8}")
  @CsvSource({
    // equity_ratio: leader size × follower equity ÷ leader equity × copy_ratio, rounded toward zero
    "EQUITY_RATIO, 1, -, 4, 2, 3000, 10000, 5000, 1.0000",
    "EQUITY_RATIO, 1, -, 4, -2, 3000, 10000, 5000, -1.0000",
    "EQUITY_RATIO, 0.5, -, 4, 1.5, 3000, 30000, 10000, 0.2500",
    "EQUITY_RATIO, 1, -, 4, 1, 3000, 30000, 10000, 0.3333",
    "EQUITY_RATIO, 1, -, 4, -1, 3000, 30000, 10000, -0.3333",
    "EQUITY_RATIO, 1, -, 0, 1, 3000, 30000, 10000, 0",
    "EQUITY_RATIO, 1, -, 4, 1, 3000, -, 10000, none",
    "EQUITY_RATIO, 1, -, 4, 1, 3000, 0, 10000, none",
    "EQUITY_RATIO, 1, -, 4, 1, 3000, 10000, -, none",
    // fixed_ratio: leader size × copy_ratio
    "FIXED_RATIO, 0.5, -, 4, 3, 3000, -, -, 1.5000",
    "FIXED_RATIO, 0.3, -, 2, -1, 3000, -, -, -0.30",
    "FIXED_RATIO, 0.001, -, 2, 1, 3000, -, -, 0",
    "FIXED_RATIO, 2, -, 4, 1.23456, 3000, -, -, 2.4691",
    // fixed_notional: copy_notional ÷ leader entry, on the leader's side
    "FIXED_NOTIONAL, 1, 1000, 4, 5, 3000, -, -, 0.3333",
    "FIXED_NOTIONAL, 1, 1000, 4, -0.1, 3000, -, -, -0.3333",
    "FIXED_NOTIONAL, 1, 1000, 4, 5, -, -, -, none",
    // a flat leader is a flat target whatever is unknown
    "EQUITY_RATIO, 1, -, 4, 0, -, -, -, 0",
    "FIXED_NOTIONAL, 1, 1000, 4, 0, -, -, -, 0",
  })
  void sizesTheTargetByTheFollowersSizing(Sizing sizing, String copyRatio, String copyNotional, int sizeDecimals,
                                          String leaderSize, String entry, String leaderEquity,
                                          String followerEquity, String expected) {
    assertThat(target(sizing, copyRatio, copyNotional, sizeDecimals, leaderSize, entry, leaderEquity,
      followerEquity)).isEqualTo(expected);
  }

  @Test
  void followsOnlyTheListedMarketsCaseInsensitively() {
    FollowerConfig listed = follower(Sizing.FIXED_RATIO, "1", null, Set.of("ETH", "BTC"));
    assertThat(listed.follows("eth")).isTrue();
    assertThat(listed.follows("RESOLV")).isFalse();
    assertThat(listed.follows(null)).isFalse();
    assertThat(follower(Sizing.FIXED_RATIO, "1", null, null).follows("RESOLV")).isTrue();
  }
}
