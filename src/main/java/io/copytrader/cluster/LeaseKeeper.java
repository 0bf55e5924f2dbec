package io.copytrader.cluster;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.config.ClusterSettings;
import io.copytrader.metrics.ServiceMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds this node's accounts (docs/ARCHITECTURE.md "Account ownership"). At start it acquires every configured
 * account it can and deploys the verticle of each one acquired, which runs the recovery of a restart; then, every
 * {@link ClusterSettings#renewEvery()}, it renews what it holds in one journal transaction and tries the accounts it
 * does not hold (free or expired ones are taken). An account whose renewal is refused, or not renewed within the
 * lease's length, is lost: its send gate closes first ({@link LeaseBook#lost}), then its verticle is undeployed.
 *
 * <p>On {@link Addresses#LEASES_RELEASE} (the graceful stop) it undeploys its accounts, then expires their leases so
 * another node takes them at once. An undeploy without it (a crash, a kill) leaves the leases to expire.
 */
public final class LeaseKeeper extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

  private final LeaseLedger rows;
  private final LeaseBook book;
  private final ClusterSettings settings;
  private final List<Long> accounts;
  private final LongFunction<Future<String>> deploy;
  private final ServiceMetrics metrics;
  private final Map<Long, String> deployments = new HashMap<>();
  /** Accounts lost whose verticle is still stopping: not acquired again until it stopped. */
  private final Set<Long> stopping = new HashSet<>();
  private long timer = -1;
  private boolean busy;
  private boolean released;

  /**
   * @param accounts the configured accounts' indexes
   * @param deploy deploys an account's verticle once its lease is held; answers the deployment id
   */
  public LeaseKeeper(LeaseLedger rows, LeaseBook book, ClusterSettings settings, List<Long> accounts,
                     LongFunction<Future<String>> deploy, ServiceMetrics metrics) {
    this.rows = rows;
    this.book = book;
    this.settings = settings;
    this.accounts = List.copyOf(accounts);
    this.deploy = deploy;
    this.metrics = metrics;
  }

  /** Acquires and deploys what it can: failing to deploy an account acquired fails the start. */
  @Override
  public Future<?> start() {
    metrics.gauge("copytrade_owned_accounts", "Accounts this node owns by lease", () -> book.owned().size());
    for (long account : accounts) {
      // NaN while the node does not own the account.
      metrics.gauge("copytrade_lease_age_ms", "Milliseconds since the start of the last successful renewal of the"
          + " account's lease", "account", String.valueOf(account),
        () -> book.leaseAgeMillis(account).stream().mapToDouble(age -> age).findFirst().orElse(Double.NaN));
    }
    return vertx.eventBus().<Object>localConsumer(Addresses.LEASES_RELEASE, this::release).completion()
      .compose(listening -> acquireFree(true))
      .onSuccess(started -> {
        LOG.info("Node {} owns account(s) {} of {}", book.nodeId(), book.owned(), accounts);
        timer = vertx.setPeriodic(settings.renewEvery().toMillis(), id -> round());
      });
  }

  /**
   * A stop that is not the graceful one: the gates close and the fence refuses at once, so whatever the accounts
   * still do writes and sends nothing more, then the accounts are undeployed; the leases are left to expire.
   */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    book.epochs().keySet().forEach(book::lost);
    return undeployAll();
  }

  /** One renewal, then one try at each account not held; skipped while the previous round still runs. */
  private void round() {
    if (busy || released) {
      return;
    }
    busy = true;
    renew().compose(renewed -> acquireFree(false)).onComplete(done -> busy = false);
  }

  private Future<Void> renew() {
    Map<Long, Long> held = book.epochs();
    if (held.isEmpty()) {
      return Future.succeededFuture();
    }
    long start = book.now();
    return rows.renew(book.nodeId(), held)
      .onSuccess(renewed -> held.forEach((account, epoch) -> {
        if (!renewed.contains(account)) {
          lose(account, "its lease was taken over or expired");
        } else if (!book.maySend(account, epoch)) {
          // What met the closed gate stopped unfinished: a new deployment's recovery takes it up again.
          lose(account, "its send gate closed before this renewal; it starts again under a new epoch");
        } else {
          book.held(account, epoch, start);
        }
      }))
      .onFailure(failure -> {
        LOG.warn("Node {}: renewing the leases failed: {}", book.nodeId(), failure.toString());
        // The gates close by themselves at sendWithin; past the lease's length the row may be another's.
        held.keySet().stream()
          .filter(account -> book.leaseAgeMillis(account).orElse(0) >= settings.leaseTtl().toMillis())
          .forEach(account -> lose(account, "its lease was not renewed within " + settings.leaseTtl().toMillis()
            + " ms"));
      })
      .<Void>mapEmpty()
      .otherwiseEmpty();
  }

  /** Closes the account's gate, then undeploys its verticle. */
  private void lose(long account, String why) {
    book.lost(account);
    LOG.warn("Node {} lost account {}: {}; it sends nothing more for it", book.nodeId(), account, why);
    String deployment = deployments.remove(account);
    if (deployment != null) {
      stopping.add(account);
      vertx.undeploy(deployment)
        .onComplete(done -> stopping.remove(account))
        .onFailure(failure -> LOG.warn("Account {}: undeploying after the lease was lost failed: {}", account,
          failure.toString()));
    }
  }

  /** Tries each account not held, one after another; {@code failFast} at start, where a deploy failure is fatal. */
  private Future<Void> acquireFree(boolean failFast) {
    Future<Void> chain = Future.succeededFuture();
    for (long account : accounts) {
      chain = chain.compose(previous -> released || book.epoch(account).isPresent() || stopping.contains(account)
        ? Future.succeededFuture()
        : acquire(account).recover(failure -> {
          if (failFast) {
            return Future.failedFuture(failure);
          }
          LOG.warn("Node {}: taking account {} failed: {}", book.nodeId(), account, failure.toString());
          return Future.succeededFuture();
        }));
    }
    return chain;
  }

  private Future<Void> acquire(long account) {
    long start = book.now();
    return rows.acquire(account, book.nodeId()).compose(epoch -> epoch.isEmpty() ? Future.succeededFuture()
      : deployAcquired(account, epoch, start));
  }

  private Future<Void> deployAcquired(long account, OptionalLong epoch, long start) {
    book.held(account, epoch.getAsLong(), start);
    LOG.info("Node {} acquired account {} (epoch {}); resuming its journal", book.nodeId(), account,
      epoch.getAsLong());
    return deploy.apply(account)
      .onSuccess(deployment -> deployments.put(account, deployment))
      .onFailure(failure -> book.lost(account))
      .mapEmpty();
  }

  /** The graceful stop's part: accounts undeployed (each drains within its grace), then their leases expired. */
  private void release(Message<Object> msg) {
    released = true;
    vertx.cancelTimer(timer);
    Map<Long, Long> held = book.epochs();
    undeployAll()
      .compose(undeployed -> {
        held.keySet().forEach(book::lost);
        return rows.release(book.nodeId(), held);
      })
      .onSuccess(done -> {
        LOG.info("Node {} released account(s) {}", book.nodeId(), held.keySet());
        msg.reply(null);
      })
      .onFailure(failure -> msg.fail(FailureCode.SHUTTING_DOWN.code(), failure.getMessage()));
  }

  private Future<Void> undeployAll() {
    Set<Map.Entry<Long, String>> current = Map.copyOf(deployments).entrySet();
    deployments.clear();
    return Future.join(current.stream().map(entry -> vertx.undeploy(entry.getValue())).toList())
      .<Void>mapEmpty()
      .otherwiseEmpty();
  }
}
