package io.copytrader.rails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KillSwitchTest {

  @ParameterizedTest(name = "global {0}, account {1} -> {2}")
  @CsvSource({"OFF, OFF, OFF", "HALT, OFF, HALT", "OFF, HALT, HALT", "HALT, FLATTEN, FLATTEN",
    "FLATTEN, HALT, FLATTEN", "FLATTEN, OFF, FLATTEN"})
  void anAccountIsHeldByTheStricterOfTheGlobalAndItsOwnMode(KillMode global, KillMode own, KillMode effective) {
    KillSwitch killSwitch = new KillSwitch(global, own == KillMode.OFF ? Map.of() : Map.of(7L, own));

    assertThat(killSwitch.effectiveMode(7)).isEqualTo(effective);
    assertThat(killSwitch.effectiveMode(8)).isEqualTo(global);
  }

  @Test
  void engagingWithoutAnAccountSetsTheGlobalMode() {
    KillSwitch killSwitch = KillSwitch.OFF.engage(7L, KillMode.HALT).engage(null, KillMode.FLATTEN);

    assertThat(killSwitch).isEqualTo(new KillSwitch(KillMode.FLATTEN, Map.of(7L, KillMode.HALT)));
  }

  @Test
  void resumingOneAccountLeavesTheGlobalModeHoldingIt() {
    KillSwitch killSwitch = KillSwitch.OFF.engage(null, KillMode.HALT).engage(7L, KillMode.FLATTEN).resume(7L);

    assertThat(killSwitch.effectiveMode(7)).isEqualTo(KillMode.HALT);
    assertThat(killSwitch.accounts()).isEmpty();
  }

  @Test
  void resumingWithoutAnAccountClearsEveryMode() {
    KillSwitch killSwitch = KillSwitch.OFF.engage(null, KillMode.HALT).engage(7L, KillMode.FLATTEN).resume(null);

    assertThat(killSwitch).isEqualTo(KillSwitch.OFF);
  }

  @Test
  void offIsNotAModeToEngage() {
    assertThatThrownBy(() -> KillSwitch.OFF.engage(7L, KillMode.OFF)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource({"off, OFF", "halt, HALT", "flatten, FLATTEN"})
  void modesReadTheirWireNames(String wire, KillMode mode) {
    assertThat(KillMode.fromWire(wire)).isEqualTo(mode);
    assertThat(mode.wire()).isEqualTo(wire);
  }

  @Test
  void anUnknownModeIsRefused() {
    assertThatThrownBy(() -> KillMode.fromWire("HALT")).hasMessageContaining("off, halt, flatten");
  }
}
