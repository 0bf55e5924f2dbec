package io.copytrader.paper.limits;

import io.copytrader.lighter.limits.AccountTier;
import io.copytrader.lighter.limits.RollingMinute;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Lighter's REST limits (docs/lighter-api.md, "Rate limits"): weight spent in a rolling minute, per IP for requests
 * that prove no account, per L1 address for those that do (an auth token, a signed transaction), each against its
 * tier's budget. A refused request spends nothing. Not thread-safe: confined to the exchange's context.
 */
public final class RestLimiter {

  private final LongSupplier clock;
  private final Map<String, RollingMinute> byIp = new HashMap<>();
  private final Map<String, RollingMinute> byL1 = new HashMap<>();
  private final Map<String, Long> refusedByIp = new TreeMap<>();
  private final Map<String, Long> refusedByL1 = new TreeMap<>();

  public RestLimiter(LongSupplier clock) {
    this.clock = clock;
  }

  /**
   * Spends a request of {@code weight} from {@code ip}, on behalf of {@code l1Address} (null when it proves no
   * account) at that account's {@code tier}: empty when it fits, else why it is refused.
   */
  public Optional<LimitRefusal> admit(String ip, String l1Address, AccountTier tier, int weight) {
    boolean authenticated = l1Address != null;
    String key = authenticated ? l1Address : ip;
    RollingMinute window = (authenticated ? byL1 : byIp).computeIfAbsent(key, unused -> new RollingMinute());
    if (window.tryCharge(tier.cost(weight), tier.weightPerMinute(), clock.getAsLong())) {
      return Optional.empty();
    }
    (authenticated ? refusedByL1 : refusedByIp).merge(key, 1L, Long::sum);
    return Optional.of(LimitRefusal.TOO_MANY_REQUESTS);
  }

  /** Weight each IP spent in the last minute (those that spent some). */
  public Map<String, Long> usedByIp() {
    return used(byIp);
  }

  /** Weight each L1 address spent in the last minute (those that spent some). */
  public Map<String, Long> usedByL1() {
    return used(byL1);
  }

  /** Requests refused, per IP, since the start. */
  public Map<String, Long> refusedByIp() {
    return Map.copyOf(refusedByIp);
  }

  /** Requests refused, per L1 address, since the start. */
  public Map<String, Long> refusedByL1() {
    return Map.copyOf(refusedByL1);
  }

  /** What each key spent in the last minute; keys whose minute is empty are forgotten. */
  private Map<String, Long> used(Map<String, RollingMinute> windows) {
    long now = clock.getAsLong();
    Map<String, Long> used = new TreeMap<>();
    windows.entrySet().removeIf(entry -> entry.getValue().used(now) == 0);
    windows.forEach((key, window) -> used.put(key, window.used(now)));
    return used;
  }
}
