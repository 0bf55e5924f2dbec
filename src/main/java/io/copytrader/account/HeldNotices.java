package io.copytrader.account;

import io.copytrader.notify.Notice;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Notices of one account's requests whose record the journal may or may not have: the write failed with the journal
 * out of reach, and a COMMIT whose answer was lost may have committed. A final notice waits for the journal's word,
 * read when the request is taken up again ({@link RequestResumer#takeUpAgain}): a request ended under this owner's
 * epoch is reported with its held notice; one still unfinished is reported by whoever ends it (this owner's next run,
 * or the new owner's after a takeover), so it is reported once. A fill whose record was in doubt is notified by this
 * owner's next run of the request even when that run finds the fill recorded (by the write whose answer was lost),
 * where a run finding a fill recorded otherwise leaves it to the run that recorded it. Confined to the account's
 * context.
 */
final class HeldNotices {

  private final Map<String, Notice> held = new HashMap<>();
  /** Request id and order ordinal of each fill whose record was in doubt. */
  private final Set<String> fillsInDoubt = new HashSet<>();

  void hold(String requestId, Notice notice) {
    held.put(requestId, notice);
  }

  /** The request's held notice, no longer held. */
  Optional<Notice> take(String requestId) {
    return Optional.ofNullable(held.remove(requestId));
  }

  boolean holds(String requestId) {
    return held.containsKey(requestId);
  }

  /** The record of the order's fill failed with the journal out of reach: it may or may not have been written. */
  void fillInDoubt(String requestId, int ordinal) {
    fillsInDoubt.add(requestId + "#" + ordinal);
  }

  /** Whether the order's fill record was in doubt, no longer remembered. */
  boolean takeFillInDoubt(String requestId, int ordinal) {
    return fillsInDoubt.remove(requestId + "#" + ordinal);
  }
}
