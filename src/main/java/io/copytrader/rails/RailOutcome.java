package io.copytrader.rails;

import java.math.BigDecimal;
import java.util.List;

/**
 * Every rail's verdict on an order and what follows from them: the size to send, or the rail that refused it.
 *
 * @param size the size to send (the request's, or smaller when a cap cut it), or null when refused
 * @param refusedBy the first rail that refused, or null when the order may be sent
 */
public record RailOutcome(List<RailVerdict> verdicts, BigDecimal size, Rail refusedBy) {

  public RailOutcome {
    verdicts = List.copyOf(verdicts);
    if ((size == null) == (refusedBy == null)) {
      throw new IllegalArgumentException("an outcome has either a size to send or a refusing rail");
    }
  }

  public boolean refused() {
    return refusedBy != null;
  }

  /** The refused request's {@code error_code}. */
  public String errorCode() {
    if (refusedBy == null) {
      throw new IllegalStateException("the order was not refused");
    }
    return refusedBy.code();
  }

  /** The refusing rail's detail, for the request's {@code error_message}. */
  public String refusal() {
    return verdicts.stream().filter(verdict -> verdict.rail() == refusedBy).findFirst()
      .map(RailVerdict::detail).orElseThrow(() -> new IllegalStateException("the order was not refused"));
  }
}
