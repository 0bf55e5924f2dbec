package io.copytrader.config;

import java.time.Duration;

/**
 * How leaders are watched.
 *
 * @param pollInterval      REST polling of a leader whose stream channel is refused or down
 * @param reconcileInterval the full REST read that replaces the leader's state, and the followers' drift check
 * @param staleAfter        a feed silent this long is stale: followers stop opening until a reconcile succeeds
 * @param debounce          how long a burst of changes is gathered into one
 */
public record LeaderFeedSettings(Duration pollInterval, Duration reconcileInterval, Duration staleAfter,
                                 Duration debounce) {
}
