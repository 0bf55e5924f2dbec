package io.copytrader.journal;

import io.vertx.core.Future;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A session over a PostgreSQL connection of the reactive client. The connection does its I/O on an event loop;
 * the journal's own thread, which is not one, waits for each answer, so the stores run unchanged on either engine.
 * The client caches each prepared statement; the stores' {@code ?} parameters become PostgreSQL's {@code $1, $2, …}.
 *
 * <p>A connection found lost (its {@link PgLink} says so, or a statement failed for want of it) fails every later
 * statement at once with an {@link SQLTransientConnectionException}; the server rolls back the transaction it was
 * in. Only {@link #ready}, between transactions, takes the {@link PgLink}'s new connection once there is one, so
 * no transaction ever spans two connections.
 */
final class PgSession implements SqlSession {

  /**
   * Past this wait the server or the network is taken as gone: the connection is closed, so nothing it was doing
   * can commit later, and every later call fails at once.
   */
  static final long ANSWER_TIMEOUT_SECONDS = 60;

  private final PgLink link;
  private final Map<String, String> numbered = new HashMap<>();
  /** Statements sent by {@link #pipeline} whose answers were not yet checked, oldest first. */
  private final List<Future<?>> pipelined = new ArrayList<>();
  private PgConnection connection;

  PgSession(PgLink link, PgConnection connection) {
    this.link = link;
    this.connection = connection;
  }

  @Override
  public boolean connected() {
    return link.current() != null;
  }

  /** Takes the link's connection for the next transaction; fails at once while there is none. */
  @Override
  public void ready() throws SQLException {
    PgConnection current = link.current();
    if (current == null) {
      throw unavailable();
    }
    if (current != connection) {
      connection = current;
      pipelined.clear();
    }
  }

  @Override
  public SqlDialect dialect() {
    return SqlDialect.POSTGRESQL;
  }

  @Override
  public int update(String sql, Object... parameters) throws SQLException {
    return await(live().preparedQuery(numbered(sql)).execute(tuple(parameters))).rowCount();
  }

  @Override
  public void batch(String sql, List<List<Object>> parameterLists) throws SQLException {
    if (parameterLists.isEmpty()) {
      return;
    }
    List<Tuple> tuples = new ArrayList<>(parameterLists.size());
    for (List<Object> parameters : parameterLists) {
      tuples.add(tuple(parameters.toArray()));
    }
    await(live().preparedQuery(numbered(sql)).executeBatch(tuples));
  }

  @Override
  public <T> List<T> query(String sql, RowReader<T> reader, Object... parameters) throws SQLException {
    RowSet<Row> rows = await(live().preparedQuery(numbered(sql)).execute(tuple(parameters)));
    List<T> values = new ArrayList<>(rows.size());
    for (Row row : rows) {
      values.add(reader.read(new PgRow(row)));
    }
    return values;
  }

  @Override
  public void execute(String sql) throws SQLException {
    await(live().query(sql).execute());
  }

  /** Sent at once, answered in order on the connection: a savepoint costs no round trip of its own. */
  @Override
  public void pipeline(String sql) throws SQLException {
    pipelined.add(live().query(sql).execute());
  }

  @Override
  public void close() throws SQLException {
    try {
      link.close().await(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | RuntimeException problem) {
      throw new SQLException("closing the connection to PostgreSQL failed: " + problem.getMessage(), problem);
    }
  }

  private String numbered(String sql) {
    return numbered.computeIfAbsent(sql, PgSession::toNumberedParameters);
  }

  /** {@code ?} outside quoted text becomes {@code $n}; the journal's SQL quotes no question mark. */
  static String toNumberedParameters(String sql) {
    StringBuilder out = new StringBuilder(sql.length() + 16);
    boolean quoted = false;
    int next = 1;
    for (int at = 0; at < sql.length(); at++) {
      char c = sql.charAt(at);
      if (c == '\'') {
        quoted = !quoted;
      }
      if (c == '?' && !quoted) {
        out.append('$').append(next++);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static Tuple tuple(Object[] parameters) {
    Tuple tuple = Tuple.tuple();
    for (Object value : parameters) {
      // Every integer column is BIGINT (PgSchema), so integers travel as such.
      tuple.addValue(value instanceof Integer number ? Long.valueOf(number) : value);
    }
    return tuple;
  }

  /** The answer, once every statement pipelined before it has answered without failing. */
  private <T> T await(Future<T> answer) throws SQLException {
    List<Future<?>> before = List.copyOf(pipelined);
    pipelined.clear();
    for (Future<?> earlier : before) {
      answerOf(earlier);
    }
    return answerOf(answer);
  }

  private <T> T answerOf(Future<T> answer) throws SQLException {
    try {
      return answer.await(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException silence) {
      // Closed, so that nothing this connection was doing can commit later.
      throw lost("PostgreSQL did not answer within " + ANSWER_TIMEOUT_SECONDS + " s", silence);
    } catch (PgException refused) {
      if (connectionLost(refused.getSqlState())) {
        throw lost(refused.getErrorMessage(), refused);
      }
      throw new SQLException(refused.getErrorMessage(), refused.getSqlState(), refused);
    } catch (Exception failed) {
      // Also a checked exception the client failed with (an IOException), which await throws unchecked.
      if (failed instanceof ClosedConnectionException || failed instanceof IOException
        || failed.getCause() instanceof IOException || link.current() != connection) {
        throw lost(String.valueOf(failed.getMessage()), failed);
      }
      // A protocol or encoding error: the statement did not run, as far as this session can know.
      throw new SQLException("PostgreSQL: " + failed.getMessage(), failed);
    }
  }

  /**
   * Whether a server's refusal ends the connection: a connection exception (class 08), or the server shutting down
   * or not yet taking connections (57P01 to 57P03).
   */
  static boolean connectionLost(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
  }

  /** The connection to send the next statement on; once it is found lost, none (an answer already in still counts). */
  private PgConnection live() throws SQLException {
    if (link.current() != connection) {
      throw unavailable();
    }
    return connection;
  }

  private SQLException lost(String why, Throwable cause) {
    link.lost(connection, why);
    return new SQLTransientConnectionException("connection to PostgreSQL lost (" + why + ")", "08006", cause);
  }

  private SQLException unavailable() {
    String problem = link.problem();
    return new SQLTransientConnectionException("no connection to PostgreSQL" + (problem == null ? ""
      : " (" + problem + ")") + "; reconnecting", "08003");
  }

  /** A row of the reactive client, its columns counted from 1 like JDBC's. */
  private record PgRow(Row row) implements SqlRow {

    @Override
    public String string(int column) {
      Object value = row.getValue(column - 1);
      return value == null ? null : value.toString();
    }

    @Override
    public long longValue(int column) {
      Long value = nullableLong(column);
      return value == null ? 0 : value;
    }

    @Override
    public Long nullableLong(int column) {
      Object value = row.getValue(column - 1);
      return value == null ? null : ((Number) value).longValue();
    }
  }
}
