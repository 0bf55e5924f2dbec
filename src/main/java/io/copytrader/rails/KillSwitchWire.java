package io.copytrader.rails;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kill switch as the event bus and {@code GET /api/rails} carry it: {@code {"mode": "off"|"halt"|"flatten",
 * "accounts": {"<index>": "halt"|"flatten"}}}, as plain maps so this package stays free of Vert.x.
 */
public final class KillSwitchWire {

  private KillSwitchWire() {
  }

  public static Map<String, Object> toWire(KillSwitch killSwitch) {
    Map<String, Object> accounts = new TreeMap<>();
    killSwitch.accounts().forEach((index, mode) -> accounts.put(Long.toString(index), mode.wire()));
    Map<String, Object> wire = new LinkedHashMap<>();
    wire.put("mode", killSwitch.global().wire());
    wire.put("accounts", accounts);
    return wire;
  }

  /**
   * The kill switch from the two parts {@link #toWire} writes: {@code "mode"} and the {@code "accounts"} map.
   *
   * @throws IllegalArgumentException when a mode or an account index is not one {@link #toWire} writes
   */
  public static KillSwitch fromWire(String global, Map<String, ?> accounts) {
    if (global == null || accounts == null) {
      throw new IllegalArgumentException("a kill switch has a mode and accounts");
    }
    Map<Long, KillMode> modes = new LinkedHashMap<>();
    accounts.forEach((index, mode) -> modes.put(Long.parseLong(index),
      KillMode.fromWire(String.valueOf(mode))));
    return new KillSwitch(KillMode.fromWire(global), modes);
  }
}
