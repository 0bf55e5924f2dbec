package io.copytrader.rails;

import java.util.Objects;

/**
 * One rail's verdict on one order.
 *
 * @param detail the numbers the rail compared, in words, for the journal and {@code GET /api/trade/{id}}
 */
public record RailVerdict(Rail rail, Verdict verdict, String detail) {

  public RailVerdict {
    Objects.requireNonNull(rail, "rail");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(detail, "detail");
  }
}
