package io.copytrader.notify;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects every log event of the root logger, with throwable messages, as text a test can search. The root
 * logs everything while it captures (tests log at WARN otherwise), so a check that no line holds a secret sees
 * every line.
 */
public final class LogCapture implements AutoCloseable {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  private final Level previousLevel = root.getLevel();

  public LogCapture() {
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.ALL);
  }

  List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  /** Each event as its level, logger, formatted message and the messages of its causes. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : events()) {
      StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
        + event.getFormattedMessage());
      for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
        line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
      }
      lines.add(line.toString());
    }
    return lines;
  }

  @Override
  public void close() {
    root.setLevel(previousLevel);
    root.detachAppender(appender);
    appender.stop();
  }
}
