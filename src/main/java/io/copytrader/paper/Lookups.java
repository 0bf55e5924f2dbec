package io.copytrader.paper;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What REST lookups see: the applied state, or, while the fault control {@code lookup_lag_ms} is set, the state as
 * it was that long ago, as when the servers answering lookups trail the sequencer.
 *
 * <p>While a lag is set, every change is recorded as a view per account (its {@code account} row, its orders, its
 * nonces) and a lookup answers from the newest view at least the lag old; the state when the lag was set is the
 * oldest view, so what happened before stays visible. Lagging: {@code account}, {@code accountOrders},
 * {@code accountActiveOrders}, {@code accountInactiveOrders}, {@code nextNonce}, {@code apikeys} (nonces) and
 * {@code tx} (see {@link #visible(long, long)}); not lagging: market data, {@code accountsByL1Address} and the
 * WebSocket streams (held with {@code /paper/streams/hold-account-updates} instead). Views older than the lag are
 * dropped, so raising the lag does not bring older states back. Confined to the exchange's context.
 */
final class Lookups {

  /** One account as lookups showed it from {@code at} (epoch ms) on. */
  private record View(long at, JsonObject account, List<JsonObject> live, List<JsonObject> finished,
                      Map<Integer, Long> nonces) {
  }

  private final PaperEngine engine;
  private final PaperJson json;
  private long lagMs;
  /** When the lag was set: what happened before stays visible, as the state lookups showed then. */
  private long laggingSince;
  private final Map<Long, Deque<View>> views = new HashMap<>();

  Lookups(PaperEngine engine, PaperJson json) {
    this.engine = engine;
    this.json = json;
  }

  /** Sets the lag; setting one when there was none starts the history from the current state. */
  void lag(long newLagMs, long now) {
    if (newLagMs == 0) {
      views.clear();
    } else if (lagMs == 0) {
      laggingSince = now;
      engine.accounts().forEach(account -> views.computeIfAbsent(account.index, index -> new ArrayDeque<>())
        .addLast(view(account, Long.MIN_VALUE)));
    }
    lagMs = newLagMs;
  }

  /** Records the state after a change, while a lag is set. */
  void record(long now) {
    if (lagMs == 0) {
      return;
    }
    long cutoff = cutoff(now);
    for (PaperAccountState account : engine.accounts()) {
      Deque<View> history = views.computeIfAbsent(account.index, index -> new ArrayDeque<>());
      history.addLast(view(account, now));
      // The newest view at or before the cutoff still answers lookups; any older one never will again.
      while (history.size() >= 2 && secondOf(history).at <= cutoff) {
        history.removeFirst();
      }
    }
  }

  /** Whether something that happened at {@code at} (epoch ms) shows in a lookup now. */
  boolean visible(long at, long now) {
    return lagMs == 0 || at <= cutoff(now);
  }

  /** The time whose state lookups show now. */
  private long cutoff(long now) {
    return Math.max(now - lagMs, laggingSince);
  }

  JsonObject account(PaperAccountState account, boolean activeOnly, long now) {
    Optional<View> view = asOf(account, now);
    if (view.isEmpty()) {
      return json.account(account, activeOnly);
    }
    JsonObject row = view.get().account.copy();
    if (activeOnly) {
      JsonArray open = new JsonArray();
      row.getJsonArray("positions").stream().map(JsonObject.class::cast)
        .filter(position -> new BigDecimal(position.getString("position")).signum() != 0).forEach(open::add);
      row.put("positions", open);
    }
    return row;
  }

  /** The account's live orders, in one market (null: all). */
  List<JsonObject> live(PaperAccountState account, Integer marketId, long now) {
    Optional<View> view = asOf(account, now);
    if (view.isEmpty()) {
      return account.live.stream().filter(order -> marketId == null || order.marketId == marketId)
        .map(json::order).toList();
    }
    return view.get().live.stream()
      .filter(order -> marketId == null || order.getInteger("market_index") == marketId.intValue()).toList();
  }

  /** The account's finished orders, newest first. */
  List<JsonObject> finished(PaperAccountState account, long now) {
    Optional<View> view = asOf(account, now);
    return view.isPresent() ? view.get().finished : account.finished.stream().map(json::order).toList();
  }

  /** The nonce {@code nextNonce} answers: the one after the last consumed, null for an unknown key. */
  Long nonce(PaperAccountState account, int apiKeyIndex, long now) {
    return asOf(account, now).map(View::nonces).orElse(account.nonces).get(apiKeyIndex);
  }

  private Optional<View> asOf(PaperAccountState account, long now) {
    Deque<View> history = lagMs == 0 ? null : views.get(account.index);
    if (history == null) {
      return Optional.empty();
    }
    long cutoff = cutoff(now);
    for (Iterator<View> newestFirst = history.descendingIterator(); newestFirst.hasNext(); ) {
      View view = newestFirst.next();
      if (view.at <= cutoff) {
        return Optional.of(view);
      }
    }
    return Optional.empty();
  }

  private View view(PaperAccountState account, long at) {
    List<JsonObject> finished = new ArrayList<>();
    account.finished.forEach(order -> finished.add(json.order(order)));
    return new View(at, json.account(account, false), account.live.stream().map(json::order).toList(),
      List.copyOf(finished), Map.copyOf(account.nonces));
  }

  private static View secondOf(Deque<View> history) {
    Iterator<View> oldestFirst = history.iterator();
    oldestFirst.next();
    return oldestFirst.next();
  }
}
