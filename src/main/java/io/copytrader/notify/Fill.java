package io.copytrader.notify;

import io.copytrader.Side;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What an order filled.
 *
 * @param side the side of the position the fill opened, increased, reduced or closed
 * @param size filled base amount, positive
 * @param price average fill price
 */
public record Fill(Side side, BigDecimal size, BigDecimal price) {

  public Fill {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(price, "price");
  }
}
