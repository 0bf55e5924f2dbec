package io.copytrader.config;

import java.util.Objects;

/** A Lighter account to copy ({@code LEADERS}): public, on the service's network, read without a key. */
public record LeaderConfig(String name, long accountIndex) {

  public LeaderConfig {
    Objects.requireNonNull(name, "name");
  }
}
