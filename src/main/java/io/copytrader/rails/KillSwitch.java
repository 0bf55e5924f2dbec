package io.copytrader.rails;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The kill switch: one mode for all accounts and one per account. An account is held by the stricter of the two,
 * so a global halt cannot be undone for one account by resuming that account alone.
 *
 * @param global the mode set for all accounts
 * @param accounts the modes set per account index; {@link KillMode#OFF} is never stored
 */
public record KillSwitch(KillMode global, Map<Long, KillMode> accounts) {

  public static final KillSwitch OFF = new KillSwitch(KillMode.OFF, Map.of());

  public KillSwitch {
    Objects.requireNonNull(global, "global");
    accounts = Map.copyOf(accounts);
    if (accounts.containsValue(KillMode.OFF)) {
      throw new IllegalArgumentException("an account's kill switch is set to halt or flatten, or not stored");
    }
  }

  public KillMode effectiveMode(long accountIndex) {
    return global.strictest(accounts.getOrDefault(accountIndex, KillMode.OFF));
  }

  /** Sets {@code mode} for one account, or for all when {@code accountIndex} is null. */
  public KillSwitch engage(Long accountIndex, KillMode mode) {
    if (mode == KillMode.OFF) {
      throw new IllegalArgumentException("the kill switch is cleared by resume, not engaged as off");
    }
    if (accountIndex == null) {
      return new KillSwitch(mode, accounts);
    }
    Map<Long, KillMode> next = new HashMap<>(accounts);
    next.put(accountIndex, mode);
    return new KillSwitch(global, next);
  }

  /**
   * Clears one account's own mode (the global one still holds it), or, when {@code accountIndex} is null, every
   * mode: the global one and each account's.
   */
  public KillSwitch resume(Long accountIndex) {
    if (accountIndex == null) {
      return OFF;
    }
    Map<Long, KillMode> next = new HashMap<>(accounts);
    next.remove(accountIndex);
    return new KillSwitch(global, next);
  }
}
