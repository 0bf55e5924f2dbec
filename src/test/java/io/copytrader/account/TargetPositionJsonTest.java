package io.copytrader.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.copytrader.journal.CanonicalJson;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A position request's JSON, as the journal keeps it and the bus carries it, and its bounds. */
class TargetPositionJsonTest {

  private static final FollowFigures FIGURES = new FollowFigures("alice", 42, new BigDecimal("-1.25"),
    new BigDecimal("3000.5"), new BigDecimal("25000"), "trade:991", new BigDecimal("0.005"), true);

  private static TradeRequest request(TargetPosition target) {
    return new TradeRequest(7001, 0, "ETH", TradeAction.POSITION, null, null, "follow:alice:7001:0:trade:991",
      1_764_000_000_000L, 5_000L, target);
  }

  @Test
  void aFollowRequestSurvivesTheJournalsCanonicalJson() {
    TradeRequest original = request(TargetPosition.ofBase(new BigDecimal("-0.75"), FIGURES));

    TradeRequest read = TradeRequest.fromJson(new JsonObject(CanonicalJson.normalize(original.toJson())));

    assertThat(read).isEqualTo(original);
    assertThat(original.toJson().getString("target_base")).isEqualTo("-0.75");
    assertThat(original.toJson().getJsonObject("follow").getString("leader_position")).isEqualTo("-1.25");
  }

  @Test
  void aRatioRequestSurvivesTheJournalsCanonicalJson() {
    TradeRequest original = request(TargetPosition.ofRatio(new BigDecimal("-0.5")));

    assertThat(TradeRequest.fromJson(new JsonObject(CanonicalJson.normalize(original.toJson())))).isEqualTo(original);
  }

  @Test
  void aFollowWithoutEntryEquityOrToleranceReadsAsNulls() {
    JsonObject json = request(TargetPosition.ofBase(BigDecimal.ONE, new FollowFigures("bob", 1, BigDecimal.ZERO, null,
      null, "e", null, false))).toJson();

    FollowFigures read = TradeRequest.fromJson(json).target().follow();

    assertThat(read.leaderEntry()).isNull();
    assertThat(read.leaderEquity()).isNull();
    assertThat(read.noChaseTolerance()).isNull();
    assertThat(read.drift()).isFalse();
  }

  @ParameterizedTest(name = "[{index}] target_ratio {0}")
  @CsvSource({"1.0001", "-1.5", "2"})
  void aRatioOutsideMinusOneToOneIsRefused(String ratio) {
    assertThatThrownBy(() -> TargetPosition.ofRatio(new BigDecimal(ratio)))
      .isInstanceOf(IllegalArgumentException.class).hasMessage("target_ratio must be between -1 and 1");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
    "1E-999999999 | target_base must have at most 18",
    "1E+999999999 | target_base must have at most 18",
    "0.1234567890123456789 | target_base must have at most 18",
    "1234567890123456789 | target_base must have at most 18",
    "12345678901234567890123456789012345678901 | target_base must be a decimal string of at most 40",
    "NaN | target_base is not a decimal number",
  })
  void anUnboundedDecimalIsRefusedBeforeAnythingComputesWithIt(String base, String message) {
    JsonObject json = request(TargetPosition.ofBase(BigDecimal.ONE, null)).toJson().put("target_base", base);

    assertThatThrownBy(() -> TradeRequest.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
      .hasMessageStartingWith(message);
  }

  @Test
  void trailingZerosDoNotCountAgainstTheBounds() {
    JsonObject json = request(TargetPosition.ofBase(BigDecimal.ONE, null)).toJson()
      .put("target_base", "0.50000000000000000000000");

    assertThat(TradeRequest.fromJson(json).target().base()).isEqualByComparingTo("0.5");
  }
}
