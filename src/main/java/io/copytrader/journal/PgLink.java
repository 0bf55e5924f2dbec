package io.copytrader.journal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the journal's connections to PostgreSQL, kept up: once it is lost (its close handler, or a statement that
 * found it gone: {@link #lost}) it is forgotten and a new one is made in the background, the first try after
 * {@link #FIRST_WAIT}, each failed try doubling the wait up to {@link #LONGEST_WAIT}. Meanwhile {@link #current} is
 * null, so the session over it fails at once rather than wait. Each new connection is readied by {@code setup}
 * (the writer takes the journal's lock again) before it is handed out.
 *
 * <p>Thread-safe: the journal's thread reads {@link #current}; the connection's event loop runs the rest.
 */
final class PgLink {

  static final Duration FIRST_WAIT = Duration.ofMillis(100);
  static final Duration LONGEST_WAIT = Duration.ofSeconds(5);
  /** A try that neither connects nor fails within this is given up (and its connection closed if it comes). */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(PgLink.class);

  private final Vertx vertx;
  private final PgConnectOptions options;
  private final String name;
  private final Function<PgConnection, Future<Void>> setup;
  private final AtomicReference<PgConnection> live = new AtomicReference<>();
  private volatile String problem;
  private volatile boolean closed;

  /**
   * @param name  what the logs call the connection (the journal's writer or reader)
   * @param setup run on every connection made after the first, before it is used; a failure closes it and counts
   *              as a failed try
   */
  PgLink(Vertx vertx, PgConnectOptions options, String name, Function<PgConnection, Future<Void>> setup) {
    this.vertx = vertx;
    this.options = options;
    this.name = name;
    this.setup = setup;
  }

  /** The first connection, without setup (the open does its own checks on it). Blocks; never on an event loop. */
  PgConnection open() throws Exception {
    PgConnection connection = PgConnection.connect(vertx, options)
      .await(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    install(connection);
    return connection;
  }

  /** The connection to use, or null while there is none. */
  PgConnection current() {
    return live.get();
  }

  /** Why there is no connection, for the failure that says so. */
  String problem() {
    return problem;
  }

  /** Forgets {@code connection}, found gone or no longer to be trusted, closes it and starts reconnecting. */
  void lost(PgConnection connection, String why) {
    if (!live.compareAndSet(connection, null)) {
      return;
    }
    problem = why;
    connection.close();
    if (!closed) {
      LOG.warn("Journal {} connection to PostgreSQL lost ({}); reconnecting", name, why);
      reconnect(FIRST_WAIT.toMillis(), System.nanoTime());
    }
  }

  Future<Void> close() {
    closed = true;
    PgConnection connection = live.getAndSet(null);
    return connection == null ? Future.succeededFuture() : connection.close();
  }

  private void install(PgConnection connection) {
    live.set(connection);
    connection.closeHandler(ignored -> lost(connection, "connection closed"));
  }

  private void reconnect(long waitMillis, long lostAtNanos) {
    vertx.setTimer(waitMillis, timer -> {
      if (closed) {
        return;
      }
      Future<PgConnection> attempt = PgConnection.connect(vertx, options)
        .compose(connection -> setup.apply(connection).map(connection)
          .recover(refused -> connection.close().transform(ignored -> Future.failedFuture(refused))));
      attempt.timeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .onSuccess(connection -> {
          if (closed) {
            connection.close();
            return;
          }
          install(connection);
          problem = null;
          LOG.info("Journal {} reconnected to PostgreSQL after {} ms", name,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lostAtNanos));
        })
        .onFailure(failure -> {
          // A try given up by the timeout may still connect: such a connection must not live on (the writer's
          // would hold the journal's lock).
          attempt.onSuccess(PgConnection::close);
          problem = failure.getMessage();
          long nextWait = Math.min(waitMillis * 2, LONGEST_WAIT.toMillis());
          if (nextWait == LONGEST_WAIT.toMillis() && waitMillis < nextWait) {
            LOG.warn("Journal {} still without a connection to PostgreSQL ({}); trying every {} s", name, problem,
              LONGEST_WAIT.toSeconds());
          } else {
            LOG.debug("Journal {} reconnect failed: {}", name, problem);
          }
          reconnect(nextWait, lostAtNanos);
        });
    });
  }
}
