package io.copytrader.lighter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The top of one market's book: asks ascending and bids descending, best first. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderBookOrders(long totalAsks, List<SimpleOrder> asks, long totalBids, List<SimpleOrder> bids) {

  public OrderBookOrders {
    asks = asks == null ? List.of() : List.copyOf(asks);
    bids = bids == null ? List.of() : List.copyOf(bids);
  }

  public Optional<BigDecimal> bestBid() {
    return bids.isEmpty() ? Optional.empty() : Optional.of(bids.get(0).price());
  }

  public Optional<BigDecimal> bestAsk() {
    return asks.isEmpty() ? Optional.empty() : Optional.of(asks.get(0).price());
  }
}
