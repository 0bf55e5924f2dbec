package io.copytrader.lighter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A page of orders; {@code nextCursor} is null on the last page. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderPage(List<Order> orders, String nextCursor) {

  public OrderPage {
    orders = orders == null ? List.of() : List.copyOf(orders);
  }
}
