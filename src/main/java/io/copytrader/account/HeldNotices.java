package io.copytrader.account;

import io.copytrader.notify.Notice;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Final notices of one account's requests whose end the journal may or may not have recorded: the write failed with
 * the journal out of reach, and a COMMIT whose answer was lost may have committed. Each waits for the journal's word,
 * read when the request is taken up again ({@link RequestResumer#takeUpAgain}): a request ended under this owner's
 * epoch is reported with its held notice; one still unfinished is reported by whoever ends it (this owner's next run,
 * or the new owner's after a takeover), so it is reported once. Confined to the account's context.
 */
final class HeldNotices {

  private final Map<String, Notice> held = new HashMap<>();

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
}
