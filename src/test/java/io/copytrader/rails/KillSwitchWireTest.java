package io.copytrader.rails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KillSwitchWireTest {

  static Stream<KillSwitch> killSwitches() {
    return Stream.of(KillSwitch.OFF, new KillSwitch(KillMode.HALT, Map.of()),
      new KillSwitch(KillMode.OFF, Map.of(7L, KillMode.FLATTEN, 281474976710654L, KillMode.HALT)));
  }

  @ParameterizedTest
  @MethodSource("killSwitches")
  void aKillSwitchReadsBackAsItWasWritten(KillSwitch killSwitch) {
    Map<String, Object> wire = KillSwitchWire.toWire(killSwitch);

    @SuppressWarnings("unchecked")
    Map<String, ?> accounts = (Map<String, ?>) wire.get("accounts");
    assertThat(KillSwitchWire.fromWire((String) wire.get("mode"), accounts)).isEqualTo(killSwitch);
  }

  @Test
  void theWireNamesModesInLowerCaseAndAccountsByTheirIndex() {
    Map<String, Object> wire = KillSwitchWire.toWire(new KillSwitch(KillMode.HALT, Map.of(7L, KillMode.FLATTEN)));

    assertThat(wire).containsEntry("mode", "halt").containsEntry("accounts", Map.of("7", "flatten"));
  }

  @Test
  void anUnknownModeIsRefused() {
    assertThatThrownBy(() -> KillSwitchWire.fromWire("stop", Map.of()))
      .isInstanceOf(IllegalArgumentException.class);
  }
}
