package io.copytrader.account;

import io.copytrader.rails.KillMode;
import io.copytrader.rails.KillSwitch;

/**
 * The kill switch as one account last learnt it: read from the journal when the account starts, then replaced by
 * every {@code KILL_SWITCH_CHANGED} publish. Used from the account's context only.
 */
final class AccountKillSwitch {

  private final long accountIndex;
  private KillSwitch current = KillSwitch.OFF;
  private long changes;

  AccountKillSwitch(long accountIndex) {
    this.accountIndex = accountIndex;
  }

  /** What the kill switch lets this account do now: the stricter of the global and the account's own mode. */
  KillMode mode() {
    return current.effectiveMode(accountIndex);
  }

  /** A change published after the journal recorded it: always the newest state. */
  void changed(KillSwitch killSwitch) {
    current = killSwitch;
    changes++;
  }

  /** How many changes were heard so far: a journal read begun before a change is older than that change. */
  long changes() {
    return changes;
  }

  /** The state read from the journal, kept unless a change was heard since the read began ({@code changesBefore}). */
  void read(KillSwitch killSwitch, long changesBefore) {
    if (changes == changesBefore) {
      current = killSwitch;
    }
  }
}
