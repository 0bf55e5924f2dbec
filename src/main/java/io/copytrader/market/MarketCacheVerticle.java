package io.copytrader.market;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.lighter.LighterClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the exchange's perpetual markets in memory and answers questions about them on the event bus.
 *
 * <ul>
 *   <li>{@link Addresses#MARKET_RESOLVE}: {@code {"market_id": 0}} or {@code {"symbol": "eth"}} (case-insensitive)
 *   → the active market as {@link MarketJson}; fails {@code UNKNOWN_MARKET}, {@code UNKNOWN_SYMBOL},
 *   {@code MARKET_INACTIVE}, {@code INVALID_REQUEST}, or {@code EXCHANGE_UNAVAILABLE} while no market list
 *   could ever be loaded.</li>
 *   <li>{@link Addresses#MARKET_LIST}: anything → {@code {"markets": [market, …]}}, inactive ones included.</li>
 * </ul>
 *
 * <p>The list is loaded at start and then every {@code refreshInterval}. A lookup that misses triggers one
 * refresh, at most one per {@code missRefreshSpacing}, so a newly listed market is found without letting
 * bad input hammer the exchange. A failed load keeps the previous list. While no list is known at all (its load
 * at start failed: a 429 or an outage), nothing can be sized or protected, so the load is tried again after
 * {@value #EMPTY_RETRY_FIRST_MS} ms, doubling up to {@value #EMPTY_RETRY_LONGEST_MS} ms, and a miss may refresh
 * once a second, rather than waiting for the period or the miss spacing.
 */
public final class MarketCacheVerticle extends VerticleBase {

  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_MISS_REFRESH_SPACING = Duration.ofSeconds(10);

  static final long EMPTY_RETRY_FIRST_MS = 1_000;
  static final long EMPTY_RETRY_LONGEST_MS = 30_000;

  private static final Logger LOG = LoggerFactory.getLogger(MarketCacheVerticle.class);

  private final LighterClient client;
  private final Duration refreshInterval;
  private final Duration missRefreshSpacing;

  private MarketTable table = MarketTable.EMPTY;
  private Future<MarketTable> refreshing;
  private long lastRefreshStartNanos;
  private boolean refreshedOnce;
  /** The wait before the next load while no list is known; reset once one is. */
  private long emptyRetryMs = EMPTY_RETRY_FIRST_MS;
  private boolean emptyRetryPending;

  public MarketCacheVerticle(LighterClient client) {
    this(client, DEFAULT_REFRESH_INTERVAL, DEFAULT_MISS_REFRESH_SPACING);
  }

  public MarketCacheVerticle(LighterClient client, Duration refreshInterval, Duration missRefreshSpacing) {
    this.client = client;
    this.refreshInterval = refreshInterval;
    this.missRefreshSpacing = missRefreshSpacing;
  }

  @Override
  public Future<?> start() {
    Future<Void> resolve = vertx.eventBus().<Object>localConsumer(Addresses.MARKET_RESOLVE, this::resolve).completion();
    Future<Void> list = vertx.eventBus().<Object>localConsumer(Addresses.MARKET_LIST,
      msg -> msg.reply(marketsJson())).completion();
    return Future.all(resolve, list)
      .compose(registered -> refresh().otherwiseEmpty())
      .onSuccess(loaded -> vertx.setPeriodic(refreshInterval.toMillis(), timer -> refresh()));
  }

  private Future<MarketTable> refresh() {
    if (refreshing != null) {
      return refreshing;
    }
    lastRefreshStartNanos = System.nanoTime();
    refreshedOnce = true;
    Future<MarketTable> load = Future.all(client.orderBooks(), client.orderBookDetails())
      .map(both -> MarketTable.of(both.resultAt(0), both.resultAt(1)))
      .onSuccess(loaded -> {
        if (loaded.all().size() != table.all().size()) {
          LOG.info("Loaded {} markets from Lighter ({} active)", loaded.all().size(),
            loaded.all().stream().filter(Market::active).count());
        }
        table = loaded;
        emptyRetryMs = EMPTY_RETRY_FIRST_MS;
      })
      .onFailure(failure -> {
        LOG.warn("Could not load markets from Lighter; keeping {} known markets: {}", table.all().size(),
          failure.getMessage());
        retryWhileEmpty();
      })
      .onComplete(done -> refreshing = null);
    refreshing = load;
    return load;
  }

  /** With no list known, loads again after a wait that doubles with each failure; one wait at a time. */
  private void retryWhileEmpty() {
    if (!table.isEmpty() || emptyRetryPending) {
      return;
    }
    emptyRetryPending = true;
    long delay = emptyRetryMs;
    emptyRetryMs = Math.min(emptyRetryMs * 2, EMPTY_RETRY_LONGEST_MS);
    vertx.setTimer(delay, timer -> {
      emptyRetryPending = false;
      refresh();
    });
  }

  /**
   * After a miss: refresh unless one started within the spacing (a second while no list is known), then answer from
   * whatever is known.
   */
  private Future<MarketTable> refreshAfterMiss() {
    long spacing = table.isEmpty() ? Math.min(missRefreshSpacing.toNanos(), EMPTY_RETRY_FIRST_MS * 1_000_000)
      : missRefreshSpacing.toNanos();
    boolean spaced = !refreshedOnce || System.nanoTime() - lastRefreshStartNanos >= spacing;
    if (refreshing == null && !spaced) {
      return Future.succeededFuture(table);
    }
    return refresh().recover(failure -> Future.succeededFuture(table));
  }

  /** The query a message asks, or empty after failing it as an invalid request. */
  private static Optional<MarketQuery> query(Message<Object> msg) {
    try {
      return Optional.of(MarketQuery.parse(msg.body()));
    } catch (IllegalArgumentException e) {
      msg.fail(FailureCode.INVALID_REQUEST.code(), e.getMessage());
      return Optional.empty();
    }
  }

  private void resolve(Message<Object> msg) {
    query(msg).ifPresent(query -> resolve(msg, query));
  }

  private void resolve(Message<Object> msg, MarketQuery query) {
    if (query.find(table).isPresent()) {
      answer(msg, query, table);
      return;
    }
    refreshAfterMiss().onComplete(done -> answer(msg, query, table));
  }

  private void answer(Message<Object> msg, MarketQuery query, MarketTable known) {
    if (known.isEmpty()) {
      msg.fail(FailureCode.EXCHANGE_UNAVAILABLE.code(), "market list not available from Lighter");
      return;
    }
    Optional<Market> found = query.find(known);
    if (found.isEmpty()) {
      msg.fail(query.missingCode().code(), query.describe() + " is not a Lighter perpetual market");
    } else if (!found.get().active()) {
      msg.fail(FailureCode.MARKET_INACTIVE.code(), "market " + found.get().symbol() + " (id "
        + found.get().marketId() + ") is not active");
    } else {
      msg.reply(MarketJson.toJson(found.get()));
    }
  }

  private JsonObject marketsJson() {
    JsonArray markets = new JsonArray();
    table.all().forEach(market -> markets.add(MarketJson.toJson(market)));
    return new JsonObject().put("markets", markets);
  }
}
