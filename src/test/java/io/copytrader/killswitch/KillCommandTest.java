package io.copytrader.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.copytrader.FailureCode;
import io.copytrader.ServiceFailure;
import io.copytrader.rails.KillMode;
import io.copytrader.rails.KillSwitch;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KillCommandTest {

  private static final Set<Long> ACCOUNTS = Set.of(7L, 8L);

  @ParameterizedTest(name = "{0} -> {1} {2} {3}")
  @CsvSource(delimiter = '|', value = {
    "{\"mode\":\"halt\",\"reason\":\"r\"}                          | HALT    |   | r",
    "{\"mode\":\"flatten\",\"account_index\":7,\"reason\":\" r \"} | FLATTEN | 7 | r",
    "{\"mode\":\"halt\",\"account_index\":8,\"reason\":\"loss\"}   | HALT    | 8 | loss",
  })
  void engageTakesAModeAnAccountAndAReason(String body, KillMode mode, Long account, String reason) {
    assertThat(KillCommand.engage(new JsonObject(body), ACCOUNTS)).isEqualTo(new KillCommand(mode, account, reason));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "{\"reason\":\"r\"}                                          | INVALID_REQUEST",
    "{\"mode\":\"off\",\"reason\":\"r\"}                         | INVALID_REQUEST",
    "{\"mode\":\"Halt\",\"reason\":\"r\"}                        | INVALID_REQUEST",
    "{\"mode\":\"halt\"}                                         | INVALID_REQUEST",
    "{\"mode\":\"halt\",\"reason\":\" \"}                        | INVALID_REQUEST",
    "{\"mode\":\"halt\",\"reason\":5}                            | INVALID_REQUEST",
    "{\"mode\":\"halt\",\"reason\":\"r\",\"account_index\":-7}   | INVALID_REQUEST",
    "{\"mode\":\"halt\",\"reason\":\"r\",\"account_index\":7.0}  | INVALID_REQUEST",
    "{\"mode\":\"halt\",\"reason\":\"r\",\"account_index\":\"7\"} | INVALID_REQUEST",
    "{\"mode\":\"halt\",\"reason\":\"r\",\"account_index\":9}    | UNKNOWN_ACCOUNT",
  })
  void engageRefusesWhatTheJournalCouldNotKeep(String body, FailureCode code) {
    assertThatThrownBy(() -> KillCommand.engage(new JsonObject(body), ACCOUNTS))
      .isInstanceOfSatisfying(ServiceFailure.class, failure -> assertThat(failure.code()).isEqualTo(code));
  }

  @Test
  void engageWithoutABodyIsInvalid() {
    assertThatThrownBy(() -> KillCommand.engage(null, ACCOUNTS))
      .isInstanceOfSatisfying(ServiceFailure.class,
        failure -> assertThat(failure.code()).isEqualTo(FailureCode.INVALID_REQUEST));
  }

  @Test
  void reasonLongerThanTheJournalKeepsIsInvalid() {
    JsonObject body = new JsonObject().put("mode", "halt").put("reason", "x".repeat(501));

    assertThatThrownBy(() -> KillCommand.engage(body, ACCOUNTS)).isInstanceOf(ServiceFailure.class);
  }

  @Test
  void resumeWithoutAnAccountClearsAll() {
    assertThat(KillCommand.resume(new JsonObject(), ACCOUNTS).accountIndex()).isNull();
    assertThat(KillCommand.resume(null, ACCOUNTS).accountIndex()).isNull();
  }

  @Test
  void resumeOfAnAccountNotConfiguredIsUnknown() {
    assertThatThrownBy(() -> KillCommand.resume(new JsonObject().put("account_index", 9), ACCOUNTS))
      .isInstanceOfSatisfying(ServiceFailure.class,
        failure -> assertThat(failure.code()).isEqualTo(FailureCode.UNKNOWN_ACCOUNT));
  }

  @Test
  void killSwitchTravelsAsItsWireForm() {
    KillSwitch killSwitch = new KillSwitch(KillMode.HALT, Map.of(8L, KillMode.FLATTEN));

    assertThat(KillCommand.toJson(killSwitch)).isEqualTo(new JsonObject().put("mode", "halt")
      .put("accounts", new JsonObject().put("8", "flatten")));
    assertThat(KillCommand.toJson(killSwitch).encode()).isEqualTo("{\"mode\":\"halt\",\"accounts\":{\"8\":\"flatten\"}}");
  }
}
