package io.copytrader;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.copytrader.config.AppConfig;
import org.slf4j.LoggerFactory;

/**
 * Applies the configured log format. Vert.x exists before the configuration does (vertx-config reads it) and
 * its loggers start Logback in the text format, so the JSON format reconfigures Logback once it is known,
 * before the service logs its first line. An explicit {@code logback.configurationFile} is left alone.
 */
public final class Logging {

  private Logging() {
  }

  /**
   * Writes the lines still queued and stops logging. Lines are written on a thread of their own
   * (logback-async.xml), which the JVM does not wait for: every way out of the process calls this last.
   */
  public static void stop() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }

  static void configure(AppConfig.LogFormat format) {
    if (format != AppConfig.LogFormat.JSON || System.getProperty("logback.configurationFile") != null) {
      return;
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    context.reset();
    try {
      configurator.doConfigure(Logging.class.getResource("/logback-json.xml"));
    } catch (JoranException e) {
      throw new IllegalStateException("logback-json.xml could not be applied", e);
    }
  }
}
