package io.copytrader;

import io.copytrader.config.AppConfig;

/** Chooses the log format before the first logger exists, since Logback reads its configuration once. */
final class Logging {

  private Logging() {
  }

  static void configure(AppConfig.LogFormat format) {
    if (format == AppConfig.LogFormat.JSON && System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
  }
}
