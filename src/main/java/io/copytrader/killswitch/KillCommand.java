package io.copytrader.killswitch;

import io.copytrader.FailureCode;
import io.copytrader.ServiceFailure;
import io.copytrader.journal.Journal;
import io.copytrader.rails.KillMode;
import io.copytrader.rails.KillSwitch;
import io.copytrader.rails.KillSwitchWire;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A change of the kill switch as {@code KILL_SWITCH_ENGAGE} and {@code KILL_SWITCH_RESUME} carry it, checked
 * against the configured accounts: whoever sends it (the HTTP API, an account's loss watch), a bad one is refused
 * with the code the HTTP API shows.
 *
 * @param mode halt or flatten for an engage, off for a resume
 * @param accountIndex the account it applies to, or null for all accounts
 * @param reason why it was engaged; null for a resume
 */
record KillCommand(KillMode mode, Long accountIndex, String reason) {

  static KillCommand engage(JsonObject body, Set<Long> accounts) {
    if (body == null) {
      throw invalid("the kill switch needs a mode and a reason");
    }
    Object mode = body.getValue("mode");
    if (!"halt".equals(mode) && !"flatten".equals(mode)) {
      throw invalid("mode must be one of halt, flatten");
    }
    Object reason = body.getValue("reason");
    if (!(reason instanceof String text) || text.isBlank() || text.length() > Journal.MAX_REASON_LENGTH) {
      throw invalid("reason must be a text of 1 to " + Journal.MAX_REASON_LENGTH + " characters");
    }
    return new KillCommand(KillMode.fromWire((String) mode), accountIndex(body, accounts), text.strip());
  }

  static KillCommand resume(JsonObject body, Set<Long> accounts) {
    return new KillCommand(KillMode.OFF, accountIndex(body, accounts), null);
  }

  /** The whole kill switch as the bus and {@code GET /api/rails} carry it. */
  static JsonObject toJson(KillSwitch killSwitch) {
    return new JsonObject(KillSwitchWire.toWire(killSwitch)).copy();
  }

  private static Long accountIndex(JsonObject body, Set<Long> accounts) {
    Object value = body == null ? null : body.getValue("account_index");
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
      throw invalid("account_index must be a non-negative integer");
    }
    long index = ((Number) value).longValue();
    if (!accounts.contains(index)) {
      throw new ServiceFailure(FailureCode.UNKNOWN_ACCOUNT, "account " + index + " is not configured");
    }
    return index;
  }

  private static ServiceFailure invalid(String message) {
    return new ServiceFailure(FailureCode.INVALID_REQUEST, message);
  }
}
