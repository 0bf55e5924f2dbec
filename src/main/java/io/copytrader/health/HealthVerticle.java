package io.copytrader.health;

import io.copytrader.Addresses;
import io.copytrader.cluster.NodeHeartbeats;
import io.copytrader.cluster.LeaseBook;
import io.copytrader.journal.JournalWrites;
import io.copytrader.lighter.ExchangeClock;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.budget.BudgetScope;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.notify.Notice;
import io.copytrader.notify.Notices;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the exchange and owns the service's health.
 *
 * <p>Every {@code interval} it calls Lighter's {@code GET /} through the shared client. The API is healthy
 * unless that check has failed {@value #FAILURES_BEFORE_DOWN} times in a row or the client's circuit breaker
 * is open. On each change of that verdict it publishes {@code {"api_healthy": bool}} on
 * {@link Addresses#HEALTH_CHANGED} and one notice ({@link Notices}) on {@link Addresses#NOTIFY}. At the same
 * interval it looks whether the journal's database is reachable, and notifies once when it is lost and once when it
 * is back. Each status answer's time feeds the node's {@link ExchangeClock}; the {@code clock} check is down, and
 * notified once, while this host's clock is for certain more than {@link ExchangeClock#ASSUMED_AHEAD} off the
 * exchange's ({@link ClockWatch}).
 *
 * <p>{@link Addresses#HEALTH_STATUS} (any body) replies
 * {@code {"status":"healthy"|"unhealthy","api_healthy":bool,"checks":{"exchange":{…},"breaker":{…},
 * "accounts":{…}},"node_id":…,"cluster_manager":"hazelcast"|"none","members":[…],"owned_accounts":[…],
 * "lease_age_ms":{…}}}, each check carrying {@code "status":"UP"|"DOWN"} and its details; {@code journal} is down
 * while the journal's database cannot be reached (the journal reconnects by itself). The members are as
 * {@link NodeHeartbeats} hears them. The answer is built from the last observations; asking never calls the
 * exchange. The {@code accounts} check asks each account this node owns by lease on {@link Addresses#accountStatus}
 * and is down while one of them does not answer; each account's answer carries {@code "ready"}: true once its
 * private streams are live (until then it trades on REST, within the rate budget), and
 * {@code "owned_by_this_node"}; an account another node owns is not asked. {@code owned_accounts} lists the accounts
 * this node owns and {@code lease_age_ms}, per account owned, the milliseconds since the start of its lease's last
 * successful renewal.
 *
 * <p>It registers the exchange client's meters: {@code copytrade_breaker_state},
 * {@code copytrade_lighter_calls_total} and, by scope ({@code ip}, {@code l1_address}), the rate budget's
 * {@code copytrade_lighter_budget_used}, {@code _limit}, {@code _waiting}, {@code _delayed_total} and
 * {@code _throttled_total}.
 */
public final class HealthVerticle extends VerticleBase {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  public static final int FAILURES_BEFORE_DOWN = 2;

  private static final Logger LOG = LoggerFactory.getLogger(HealthVerticle.class);
  private static final List<String> CHECKS = List.of("exchange", "breaker", "accounts", "journal", "clock");
  /** Well within the 1 s a health check procedure gets by default. */
  private static final long ACCOUNT_TIMEOUT_MS = 500;

  private final LighterClient client;
  private final List<Long> accounts;
  private final LongPredicate streamsLive;
  private final LeaseBook leases;
  private final ServiceMetrics metrics;
  private final Duration interval;
  private final Consumer<CircuitBreakerState> breakerListener = state -> context.runOnContext(v -> evaluate());

  private BooleanSupplier journalReachable = () -> true;
  private Supplier<JournalWrites> journalWrites = () -> new JournalWrites(0, 0);
  private ExchangeClock exchangeClock = new ExchangeClock();
  private ClockWatch clockWatch;
  private HealthChecks checks;
  private boolean probing;
  private int consecutiveFailures;
  private String lastError;
  private Instant lastSuccess;
  private boolean apiHealthy = true;
  private Instant unhealthySince;
  /** When a check first found the journal unreachable; null while it is reachable. */
  private Instant journalDownSince;

  /**
   * @param accounts    the indexes of the accounts the {@code accounts} check asks for their state
   * @param streamsLive whether an account's private streams are live
   * @param leases      the accounts this node owns
   */
  public HealthVerticle(LighterClient client, List<Long> accounts, LongPredicate streamsLive, LeaseBook leases,
                        ServiceMetrics metrics, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    this.client = client;
    this.accounts = List.copyOf(accounts);
    this.streamsLive = streamsLive;
    this.leases = leases;
    this.metrics = metrics;
    this.interval = interval;
  }

  public HealthVerticle(LighterClient client, List<Long> accounts, LongPredicate streamsLive, LeaseBook leases,
                        ServiceMetrics metrics) {
    this(client, accounts, streamsLive, leases, metrics, DEFAULT_INTERVAL);
  }

  /** Has the {@code journal} check report {@code reachable} and the metrics its writes; call before deploying. */
  public HealthVerticle journal(BooleanSupplier reachable, Supplier<JournalWrites> writes) {
    this.journalReachable = reachable;
    this.journalWrites = writes;
    return this;
  }

  /** Has the health checks read the exchange's time into {@code clock}, which the accounts share; call before deploying. */
  public HealthVerticle clock(ExchangeClock clock) {
    this.exchangeClock = clock;
    return this;
  }

  @Override
  public Future<?> start() {
    clockWatch = new ClockWatch(exchangeClock, leases.nodeId());
    checks = HealthChecks.create(vertx)
      .register("journal", promise -> promise.complete(journalReachable.getAsBoolean() ? Status.OK() : Status.KO()))
      .register("exchange", promise -> promise.complete(exchangeStatus()))
      .register("breaker", promise -> promise.complete(breakerStatus()))
      .register("accounts", this::accountsStatus)
      .register("clock", promise -> promise.complete(clockWatch.off() ? Status.KO(clockWatch.details())
        : Status.OK(clockWatch.details())));
    client.onBreakerStateChange(breakerListener);
    client.onCall(metrics::lighterCall);
    metrics.gauge("copytrade_breaker_state", "Lighter circuit breaker: 0 closed, 1 half-open, 2 open",
      () -> switch (client.breakerState()) {
        case CLOSED -> 0;
        case HALF_OPEN -> 1;
        case OPEN -> 2;
      });
    budgetMeters();
    metrics.gauge("copytrade_journal_reachable", "1 while the journal's database answers, 0 while it is reconnecting",
      () -> journalReachable.getAsBoolean() ? 1 : 0);
    metrics.counter("copytrade_journal_transactions", "Journal write transactions committed (one fsync each)",
      () -> journalWrites.get().transactions());
    metrics.counter("copytrade_journal_operations", "Journal writes committed, many to a transaction (group commit)",
      () -> journalWrites.get().operations());
    metrics.gauge("copytrade_clock_ahead_of_exchange_max_ms", "How far this host's clock may be ahead of the"
      + " exchange's, from its last reported time (negative: behind)", () -> exchangeClock.offset()
      .map(offset -> (double) offset.aheadAtMostMs()).orElse(Double.NaN));
    metrics.gauge("copytrade_accounts_ready", "Accounts whose private streams are live; the others trade on REST",
      () -> accounts.stream().filter(streamsLive::test).count());
    return vertx.eventBus().localConsumer(Addresses.HEALTH_STATUS, this::status).completion()
      .compose(registered -> probe())
      .onSuccess(firstProbe -> vertx.setPeriodic(interval.toMillis(), timer -> {
        watchJournal();
        probe();
      }));
  }

  @Override
  public Future<?> stop() {
    client.removeBreakerListener(breakerListener);
    return Future.succeededFuture();
  }

  private void budgetMeters() {
    for (BudgetScope scope : BudgetScope.values()) {
      String tag = scope.label();
      metrics.gauge("copytrade_lighter_budget_used", "Lighter REST weight spent in the rolling minute (a standard"
        + " account's request at least 400)", "scope", tag, () -> client.budget().usage(scope).used());
      metrics.gauge("copytrade_lighter_budget_limit", "Lighter REST weight the rolling minute may hold now"
        + " (the account tier's, less after 429s)", "scope", tag, () -> client.budget().usage(scope).limit());
      metrics.gauge("copytrade_lighter_budget_waiting", "Lighter REST calls waiting for room in the rate budget",
        "scope", tag, () -> client.budget().usage(scope).waiting());
      metrics.counter("copytrade_lighter_budget_delayed", "Lighter REST calls that waited for room in the rate"
        + " budget", "scope", tag, () -> client.budget().usage(scope).delayed());
      metrics.counter("copytrade_lighter_budget_throttled", "Lighter REST answers of 429 (rate limited)", "scope",
        tag, () -> client.budget().usage(scope).throttled());
    }
  }

  /** One exchange check; never fails, the outcome is recorded. Skipped while the previous one is running. */
  private Future<Void> probe() {
    if (probing) {
      return Future.succeededFuture();
    }
    probing = true;
    long sentAt = System.currentTimeMillis();
    return client.status()
      .onSuccess(status -> {
        consecutiveFailures = 0;
        lastError = null;
        lastSuccess = Instant.now();
        clockWatch.observe(status.timestamp(), sentAt, System.currentTimeMillis()).ifPresent(this::clockNotice);
      })
      .onFailure(failure -> {
        consecutiveFailures++;
        lastError = failure.getMessage();
        LOG.debug("Lighter health check failed ({} in a row): {}", consecutiveFailures, lastError);
      })
      .<Void>mapEmpty()
      .otherwiseEmpty()
      .onComplete(done -> {
        probing = false;
        evaluate();
      });
  }

  private void evaluate() {
    boolean healthy = exchangeUp() && breakerUp();
    if (healthy == apiHealthy) {
      return;
    }
    apiHealthy = healthy;
    vertx.eventBus().publish(Addresses.HEALTH_CHANGED, new JsonObject().put("api_healthy", healthy));
    if (healthy) {
      Duration down = Duration.between(unhealthySince, Instant.now());
      unhealthySince = null;
      LOG.info("Lighter API healthy again after {} s", down.toSeconds());
      vertx.eventBus().publish(Addresses.NOTIFY, Notices.lighterUp(down).toJson());
    } else {
      unhealthySince = Instant.now();
      String reason = breakerUp() ? consecutiveFailures + " consecutive failed health checks"
        : "circuit breaker open after repeated exchange failures";
      LOG.warn("Lighter API unhealthy: {}; last error: {}", reason, lastError);
      vertx.eventBus().publish(Addresses.NOTIFY,
        Notices.lighterDown(consecutiveFailures, !breakerUp(), lastError).toJson());
    }
  }

  private void clockNotice(Notice notice) {
    LOG.warn("{}: {}", notice.title(), clockWatch.details().encode());
    vertx.eventBus().publish(Addresses.NOTIFY, notice.toJson());
  }

  /** Tells once when the journal's database is lost and once when it is back, as seen at this check. */
  private void watchJournal() {
    boolean reachable = journalReachable.getAsBoolean();
    if (!reachable && journalDownSince == null) {
      journalDownSince = Instant.now();
      LOG.warn("Journal unreachable: new requests are refused until it is back");
      vertx.eventBus().publish(Addresses.NOTIFY, Notices.journalDown(leases.nodeId()).toJson());
    } else if (reachable && journalDownSince != null) {
      Duration down = Duration.between(journalDownSince, Instant.now());
      journalDownSince = null;
      LOG.info("Journal reachable again after {} s", down.toSeconds());
      vertx.eventBus().publish(Addresses.NOTIFY, Notices.journalUp(leases.nodeId(), down).toJson());
    }
  }

  private boolean exchangeUp() {
    return consecutiveFailures < FAILURES_BEFORE_DOWN;
  }

  private boolean breakerUp() {
    return client.breakerState() != CircuitBreakerState.OPEN;
  }

  private Status exchangeStatus() {
    JsonObject data = new JsonObject()
      .put("consecutive_failures", consecutiveFailures)
      .put("last_success", lastSuccess == null ? null : lastSuccess.toString())
      .put("last_error", lastError);
    return exchangeUp() ? Status.OK(data) : Status.KO(data);
  }

  private Status breakerStatus() {
    JsonObject data = new JsonObject().put("state", client.breakerState().name());
    return breakerUp() ? Status.OK(data) : Status.KO(data);
  }

  /**
   * Each owned account's {@code {"queued": n}} under its index; one that does not answer is down. An account another
   * node owns is not asked, and is not down here.
   */
  private void accountsStatus(Promise<Status> promise) {
    DeliveryOptions timeout = new DeliveryOptions().setSendTimeout(ACCOUNT_TIMEOUT_MS);
    List<Future<JsonObject>> answers = accounts.stream()
      .map(index -> leases.epoch(index).isEmpty() ? Future.succeededFuture(new JsonObject()
        .put("owned_by_this_node", false)) : vertx.eventBus().<JsonObject>request(Addresses.accountStatus(index),
        null, timeout).map(reply -> reply.body().copy().put("owned_by_this_node", true)))
      .toList();
    Future.join(answers).onComplete(done -> {
      JsonObject byAccount = new JsonObject();
      for (int i = 0; i < accounts.size(); i++) {
        Future<JsonObject> answer = answers.get(i);
        long index = accounts.get(i);
        byAccount.put(String.valueOf(index), (answer.succeeded() ? answer.result()
          : new JsonObject().put("error", "account not answering")).put("ready", streamsLive.test(index)));
      }
      promise.complete(done.succeeded() ? Status.OK(byAccount) : Status.KO(byAccount));
    });
  }

  /** The node, the accounts it owns and the age of each one's lease. */
  private JsonObject ownership() {
    JsonObject ages = new JsonObject();
    JsonArray owned = new JsonArray();
    for (long index : leases.owned()) {
      owned.add(index);
      leases.leaseAgeMillis(index).ifPresent(age -> ages.put(String.valueOf(index), age));
    }
    return new JsonObject().put("node_id", leases.nodeId()).put("owned_accounts", owned).put("lease_age_ms", ages);
  }

  private void status(Message<Object> msg) {
    checks.checkStatus().onComplete(outcome -> {
      JsonObject byName = new JsonObject();
      boolean allUp = outcome.succeeded();
      if (outcome.succeeded()) {
        for (CheckResult check : outcome.result().getChecks()) {
          boolean up = Boolean.TRUE.equals(check.getUp());
          allUp &= up;
          JsonObject details = check.getData() == null ? new JsonObject() : check.getData().copy();
          byName.put(check.getId(), new JsonObject().put("status", up ? "UP" : "DOWN").mergeIn(details));
        }
      }
      CHECKS.stream().filter(name -> !byName.containsKey(name))
        .forEach(name -> byName.put(name, new JsonObject().put("status", "DOWN")));
      JsonObject status = new JsonObject()
        .put("status", allUp && apiHealthy ? "healthy" : "unhealthy")
        .put("api_healthy", apiHealthy)
        .put("checks", byName)
        .mergeIn(ownership());
      NodeHeartbeats.view(vertx).onSuccess(cluster -> msg.reply(status.mergeIn(cluster)));
    });
  }
}
