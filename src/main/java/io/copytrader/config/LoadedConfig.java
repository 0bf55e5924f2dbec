package io.copytrader.config;

import java.util.List;

/** A valid configuration and the warnings an operator should see at startup. */
public record LoadedConfig(AppConfig config, List<String> warnings) {

  public LoadedConfig {
    warnings = List.copyOf(warnings);
  }
}
