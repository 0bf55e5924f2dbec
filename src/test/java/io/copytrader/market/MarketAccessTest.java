package io.copytrader.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.OrderBookDetail;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which markets take opening orders: the pure rule, and how it is read from orderBookDetails. */
class MarketAccessTest {

  @ParameterizedTest(name = "reduce-only {0}, hidden {1}, hours \"{2}\", multiplier {3} -> {4}")
  @CsvSource(delimiter = '|', value = {
    "false | false | ''            | 1                    | ",
    "false | false | ''            | 1.000000000000000000 | ",
    "true  | false | ''            | 1                    | is reduce-only",
    "false | true  | ''            | 1                    | is hidden",
    "false | false | 'Mon-Fri 9-17' | 1                   | has trading hours",
    "false | false | ' '           | 1                    | has trading hours",
    "false | false | ''            | 1000                 | has multiplier 1000",
    "false | false | ''            | 0.001                | has multiplier 0.001",
    "true  | true  | 'x'           | 10                   | is reduce-only",
  })
  void opensOnlyWhereNothingStandsInTheWay(boolean reduceOnly, boolean hidden, String hours, String multiplier,
                                          String refusal) {
    Optional<String> reason = new MarketAccess(reduceOnly, hidden, hours, new BigDecimal(multiplier)).openingRefusal();

    if (refusal == null) {
      assertThat(reason).isEmpty();
    } else {
      assertThat(reason).hasValueSatisfying(text -> assertThat(text).startsWith(refusal));
    }
  }

  @Test
  void aLongTradingHoursTextIsShortenedInTheReason() {
    int length = 200;
    String reason = new MarketAccess(false, false, "h".repeat(length), BigDecimal.ONE).openingRefusal().orElseThrow();

    assertThat(reason).hasSizeLessThan(length);
  }

  @ParameterizedTest(name = "market_config {0}, multiplier {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
    "absent              | absent | open",
    "false,false,''      | 1      | open",
    "false,false,absent  | absent | open",
    "true,false,''       | 1      | closed",
    "false,true,''       | 1      | closed",
    "false,false,'9-17'  | 1      | closed",
    "false,false,''      | 2      | closed",
  })
  void fieldsLighterLeavesOutCountAsInTheLiveCapture(String config, String multiplier, String expected) {
    OrderBookDetail.MarketConfig marketConfig = null;
    if (!"absent".equals(config)) {
      String[] parts = config.split(",");
      marketConfig = new OrderBookDetail.MarketConfig(Boolean.parseBoolean(parts[0]), Boolean.parseBoolean(parts[1]),
        "absent".equals(parts[2]) ? null : parts[2].replace("'", ""));
    }
    OrderBookDetail detail = new OrderBookDetail("ETH", 0, "perp", "active", BigDecimal.ZERO, BigDecimal.ZERO,
      new BigDecimal("0.0050"), BigDecimal.TEN, 4, 2, 1, "absent".equals(multiplier) ? null : new BigDecimal(multiplier),
      500, 200, 120, 80, null, null, marketConfig);

    assertThat(MarketTable.access(detail).openingRefusal().isEmpty()).isEqualTo("open".equals(expected));
  }
}
