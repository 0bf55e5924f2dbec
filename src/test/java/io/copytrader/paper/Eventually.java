package io.copytrader.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes, for what the exchange does after it answers. */
final class Eventually {

  private static final long DEADLINE_MS = 5_000;
  private static final long POLL_MS = 5;

  private Eventually() {
  }

  static void eventually(String what, BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + DEADLINE_MS;
    while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
    assertThat(condition.getAsBoolean()).as(what + " within " + DEADLINE_MS + " ms").isTrue();
  }
}
