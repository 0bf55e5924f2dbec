package io.copytrader.account;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;

/**
 * The leader's figures behind a target a leader's change produced (README "Target positions"), journaled with the
 * request that carries them.
 *
 * @param leaderPosition the leader's signed position in base units: negative short, zero flat
 * @param leaderEntry the leader's average entry price, or null when the leader is flat or did not report one
 * @param leaderEquity the leader's equity when the change was seen, or null when it was not known
 * @param event what identifies the leader's change; part of the request's idempotency key
 * @param noChaseTolerance how far, as a fraction, the price may be worse than {@code leaderEntry} for this target to
 *   add exposure; null when any price goes
 * @param drift true when the target corrects a follower that drifted from the leader
 */
public record FollowFigures(String leader, long leaderAccountIndex, BigDecimal leaderPosition, BigDecimal leaderEntry,
                            BigDecimal leaderEquity, String event, BigDecimal noChaseTolerance, boolean drift) {

  static final int MAX_LEADER_NAME = 64;
  static final int MAX_EVENT = 128;
  private static final long MAX_ACCOUNT_INDEX = (1L << 48) - 2;
  private static final Set<String> FIELDS = Set.of("leader", "leader_account_index", "leader_position",
    "leader_entry", "leader_equity", "event", "no_chase_tolerance", "drift");

  public FollowFigures {
    Objects.requireNonNull(leader, "leader");
    Objects.requireNonNull(leaderPosition, "leaderPosition");
    Objects.requireNonNull(event, "event");
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("leader", leader)
      .put("leader_account_index", leaderAccountIndex)
      .put("leader_position", leaderPosition.toPlainString())
      .put("leader_entry", leaderEntry == null ? null : leaderEntry.toPlainString())
      .put("leader_equity", leaderEquity == null ? null : leaderEquity.toPlainString())
      .put("event", event)
      .put("no_chase_tolerance", noChaseTolerance == null ? null : noChaseTolerance.toPlainString())
      .put("drift", drift);
  }

  /** The figures as the contract spells them, each field bounded; an {@link IllegalArgumentException} names a bad one. */
  static FollowFigures fromJson(JsonObject json) {
    BoundedJson fields = new BoundedJson(json, "follow.", FIELDS);
    BigDecimal entry = fields.optionalDecimal("leader_entry");
    if (entry != null && entry.signum() <= 0) {
      throw new IllegalArgumentException("follow.leader_entry must be above 0");
    }
    BigDecimal equity = fields.optionalDecimal("leader_equity");
    if (equity != null && equity.signum() < 0) {
      throw new IllegalArgumentException("follow.leader_equity must not be negative");
    }
    BigDecimal tolerance = fields.optionalDecimal("no_chase_tolerance");
    if (tolerance != null && (tolerance.signum() < 0 || tolerance.compareTo(BigDecimal.ONE) > 0)) {
      throw new IllegalArgumentException("follow.no_chase_tolerance must be between 0 and 1");
    }
    return new FollowFigures(fields.text("leader", MAX_LEADER_NAME),
      fields.integer("leader_account_index", 0, MAX_ACCOUNT_INDEX), fields.decimal("leader_position"), entry, equity,
      fields.text("event", MAX_EVENT), tolerance, fields.flag("drift"));
  }
}
