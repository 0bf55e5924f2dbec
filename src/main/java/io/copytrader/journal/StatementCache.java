package io.copytrader.journal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Prepares each SQL text once per connection. SQLite compiles a statement on every
 * {@code prepareStatement}, which on the single writer thread costs as much as the write itself; the journal's
 * SQL is a small fixed set, so the compiled statements are kept and reused. The connection handed out returns
 * reusable statements from {@code prepareStatement(String)}; closing one only clears its parameters, and the
 * real statements close with the connection. Confined to the thread that owns the connection.
 */
final class StatementCache {

  private final Connection connection;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();
  private final Connection caching;

  StatementCache(Connection connection) {
    this.connection = connection;
    this.caching = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
      new Class<?>[] {Connection.class}, this::onConnection);
  }

  /** The connection to run operations on. */
  Connection connection() {
    return caching;
  }

  /** Closes the kept statements and the connection. */
  void close() throws SQLException {
    try {
      for (PreparedStatement statement : prepared.values()) {
        statement.close();
      }
    } finally {
      prepared.clear();
      connection.close();
    }
  }

  private Object onConnection(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
      return reusable((String) args[0]);
    }
    return forward(connection, method, args);
  }

  private PreparedStatement reusable(String sql) throws SQLException {
    PreparedStatement statement = prepared.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      prepared.put(sql, statement);
    }
    PreparedStatement real = statement;
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("close") && (args == null || args.length == 0)) {
        real.clearParameters();
        return null;
      }
      return forward(real, method, args);
    };
    return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
      new Class<?>[] {PreparedStatement.class}, handler);
  }

  private static Object forward(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
