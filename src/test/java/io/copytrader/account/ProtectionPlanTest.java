package io.copytrader.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Side;
import io.copytrader.config.TradingParameters;
import io.copytrader.config.ExternalPositions;
import io.copytrader.lighter.Order;
import io.copytrader.market.Market;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a protection run does with one ETH position (3000 entry, 5% margin, ratio 0.05: a long's stop at 2992.50, a
 * short's at 3007.50) and the service's stop-losses in the market. Stops are written
 * {@code index:side:trigger:size:days-to-expiry[:status]} (pending unless said; {@code attached}: pending, the child
 * of an entry sent with its stop-loss attached); actions {@code place}, {@code fix:index}, {@code renew:index},
 * {@code cancel:index}, {@code unprotectable}, {@code external}, in the order they are taken.
 */
class ProtectionPlanTest {

  private static final long NOW = 1_800_000_000_000L;
  private static final Market ETH = new Market(0, "ETH", true, 4, 2, new BigDecimal("0.005"), new BigDecimal("10"),
    new BigDecimal("0.05"), new BigDecimal("0.02"));

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
    // case | position (side size [imf%], blank = none) | service's stops | entered by the service | external mode | actions
    "flat, nothing to keep           |              |                                          | true  | protect |",
    "long without a stop             | BUY 1.0      |                                          | true  | protect | place",
    "short without a stop            | SELL 1.0     |                                          | true  | protect | place",
    "long with its stop              | BUY 1.0      | 11:sell:2992.50:1.0:28                   | true  | protect |",
    "stop at the wrong trigger       | BUY 1.0      | 11:sell:2990.00:1.0:28                   | true  | protect | fix:11",
    "stop for part of the position   | BUY 1.0      | 11:sell:2992.50:0.5:28                   | true  | protect | fix:11",
    "stop expiring within a week     | BUY 1.0      | 11:sell:2992.50:1.0:6                    | true  | protect | renew:11",
    "stop expiring in eight days     | BUY 1.0      | 11:sell:2992.50:1.0:8                    | true  | protect |",
    "leftover buy stop of a short    | BUY 1.0      | 11:buy:3007.50:1.0:28                    | true  | protect | cancel:11;place",
    "two right stops                 | BUY 1.0      | 11:sell:2992.50:1.0:28 12:sell:2992.50:1.0:28 | true | protect | cancel:12",
    "a wrong and a right stop        | BUY 1.0      | 11:sell:2990.00:1.0:28 12:sell:2992.50:1.0:28 | true | protect | cancel:11",
    "stop with no position           |              | 11:sell:2992.50:1.0:28                   | true  | protect | cancel:11",
    "external position, report       | BUY 1.0      |                                          | false | report  | external",
    "external position, protect      | BUY 1.0      |                                          | false | protect | place",
    "margin fraction in stream units | BUY 1.0 0.0500 | 11:sell:2992.50:1.0:28                 | true  | protect | unprotectable",
    "stop triggered, not filled      | BUY 1.0      | 11:sell:2992.50:1.0:28:open              | true  | protect | unprotectable",
    "stop in progress and a pending  | BUY 1.0      | 11:sell:2992.50:1.0:28:in-progress 12:sell:2992.50:1.0:28 | true | protect |",
    "increase's attached stop left   | BUY 1.0      | 11:sell:2990.00:0.5:28 12:sell:2991.00:0.5:29:attached | true | protect | fix:11;cancel:12",
    "attached stop already right     | BUY 1.0      | 11:sell:2990.00:0.5:28 12:sell:2992.50:1.0:28:attached | true | protect | cancel:11",
    "attached stop alone, wrong      | BUY 1.0      | 12:sell:2991.00:0.5:28:attached          | true  | protect | fix:12",
    "size-0 stop covers the position | BUY 1.0      | 11:sell:2992.50:0:28                     | true  | protect |",
    "size-0 stop of a short          | SELL 2.5     | 11:buy:3007.50:0:28                      | true  | protect |",
  })
  void bringsTheServicesStopLossesInLineWithThePosition(String name, String position, String stops, boolean entered,
                                                        String mode, String expected) {
    Map<Integer, Position> positions = new HashMap<>();
    if (position != null) {
      String[] parts = position.trim().split(" ");
      positions.put(0, new Position(Side.valueOf(parts[0]), new BigDecimal(parts[1]), new BigDecimal("3000"),
        parts.length > 2 ? new BigDecimal(parts[2]) : null));
    }
    List<Order> own = new ArrayList<>();
    if (stops != null) {
      for (String stop : stops.trim().split(" ")) {
        String[] parts = stop.split(":");
        own.add(stop(Long.parseLong(parts[0]), parts[1].equals("sell"), parts[2], parts[3],
          NOW + Duration.ofDays(Long.parseLong(parts[4])).toMillis(), parts.length > 5 ? parts[5] : "pending"));
      }
    }
    ProtectionPlan plan = new ProtectionPlan(new StopLossPolicy(new TradingParameters(BigDecimal.ONE,
      new BigDecimal("0.01"), new BigDecimal("0.05"))), ExternalPositions.valueOf(mode.toUpperCase()),
      Duration.ofDays(7));

    List<ProtectionAction> actions = plan.plan(Map.of(0, ETH), positions, own, entered ? Set.of(0) : Set.of(), NOW);

    assertThat(actions.stream().map(ProtectionPlanTest::describe).collect(Collectors.joining(";")))
      .isEqualTo(expected == null ? "" : expected.trim());
  }

  /**
   * With take-profit on (ratio 0.5: a long's take-profit at 3075.00, a short's at 2925.00), orders are written
   * {@code index:kind:side:trigger:size:days[:sibling]} with kind {@code sl} or {@code tp}, the sibling being the
   * order index the exchange shows it cancels ({@code p900}: a child of entry 900 instead); actions as above and
   * {@code pair[replaced,…]}.
   */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
    // case | position | the service's stop-losses and take-profits | groups refused | actions
    "no protection at all              | BUY 1.0  |                                                          | false | pair[]",
    "the pair, size 0                  | BUY 1.0  | 11:sl:sell:2992.50:0:28:12 12:tp:sell:3075.00:0:28:11    | false |",
    "the pair of a short               | SELL 1.0 | 11:sl:buy:3007.50:0:28:12 12:tp:buy:2925.00:0:28:11      | false |",
    "an open's children, sized         | BUY 1.0  | 11:sl:sell:2992.50:1.0:28:p900 12:tp:sell:3075.00:1.0:28:p900 | false |",
    "take-profit missing               | BUY 1.0  | 11:sl:sell:2992.50:0:28:12                               | false | pair[11]",
    "stop-loss of the pair missing     | BUY 1.0  | 12:tp:sell:3075.00:0:28:11                               | false | pair[12]",
    "two orders placed alone           | BUY 1.0  | 11:sl:sell:2992.50:1.0:28 12:tp:sell:3075.00:1.0:28      | false | pair[11,12]",
    "placed alone where groups refused | BUY 1.0  | 11:sl:sell:2992.50:1.0:28 12:tp:sell:3075.00:1.0:28      | true  |",
    "pair at an earlier entry's prices | BUY 1.0  | 11:sl:sell:2990.00:0:28:12 12:tp:sell:3070.00:0:28:11    | false | pair[11,12]",
    "take-profit at the wrong trigger  | BUY 1.0  | 11:sl:sell:2992.50:0:28:12 12:tp:sell:3070.00:0:28:11    | false | pair[11,12]",
    "an earlier open's children        | BUY 1.0  | 11:sl:sell:2992.50:0.5:28:p900 12:tp:sell:3075.00:0.5:28:p900 | false | pair[11,12]",
    "increase: pair and new children   | BUY 1.0  | 11:sl:sell:2990.00:0:28:12 12:tp:sell:3070.00:0:28:11 13:sl:sell:2991.00:0.5:28:p901 14:tp:sell:3071.00:0.5:28:p901 | false | pair[11,13,12,14]",
    "a right pair and a surplus        | BUY 1.0  | 11:sl:sell:2992.50:0:28:12 12:tp:sell:3075.00:0:28:11 13:sl:sell:2991.00:0.5:28:p901 14:tp:sell:3071.00:0.5:28:p901 | false | cancel:13;cancel:14",
    "pair expiring within a week       | BUY 1.0  | 11:sl:sell:2992.50:0:6:12 12:tp:sell:3075.00:0:28:11     | false | pair[11,12]",
    "take-profit on the opening side   | BUY 1.0  | 11:sl:sell:2992.50:0:28:12 12:tp:sell:3075.00:0:28:11 13:tp:buy:2925.00:0:28 | false | cancel:13",
    "no position                       |          | 11:sl:sell:2992.50:0:28:12 12:tp:sell:3075.00:0:28:11    | false | cancel:11;cancel:12",
  })
  void keepsExactlyOneProtectiveSetWithTakeProfitOn(String name, String position, String orders, boolean refused,
                                                    String expected) {
    Map<Integer, Position> positions = new HashMap<>();
    if (position != null) {
      String[] parts = position.trim().split(" ");
      positions.put(0, new Position(Side.valueOf(parts[0]), new BigDecimal(parts[1]), new BigDecimal("3000"), null));
    }
    List<Order> stops = new ArrayList<>();
    List<Order> takeProfits = new ArrayList<>();
    if (orders != null) {
      for (String written : orders.trim().split(" ")) {
        String[] parts = written.split(":");
        String sibling = parts.length > 6 ? parts[6] : "";
        long parent = sibling.startsWith("p") ? Long.parseLong(sibling.substring(1)) : 0;
        Order order = order(Long.parseLong(parts[0]), parts[1].equals("tp") ? "take-profit-limit" : "stop-loss-limit",
          parts[2].equals("sell"), parts[3], parts[4], NOW + Duration.ofDays(Long.parseLong(parts[5])).toMillis(),
          "pending", parent, sibling.isEmpty() || parent != 0 ? null : sibling);
        (order.takeProfit() ? takeProfits : stops).add(order);
      }
    }
    TradingParameters trading = new TradingParameters(BigDecimal.ONE, new BigDecimal("0.01"), new BigDecimal("0.05"),
      new BigDecimal("0.5"));
    ProtectionPlan plan = new ProtectionPlan(new StopLossPolicy(trading), Optional.of(new TakeProfitPolicy(trading)),
      ExternalPositions.PROTECT, Duration.ofDays(7));

    List<ProtectionAction> actions = plan.plan(Map.of(0, ETH), positions, stops, takeProfits, Set.of(0),
      refused ? Set.of(0) : Set.of(), NOW);

    assertThat(actions.stream().map(ProtectionPlanTest::describe).collect(Collectors.joining(";")))
      .isEqualTo(expected == null ? "" : expected.trim());
  }

  @ParameterizedTest(name = "[{index}] {0} {1} -> stop {2}, take-profit {3}")
  @CsvSource({
    "BUY, 1.0, 2992.50, 3075.00",
    "SELL, 0.5, 3007.50, 2925.00",
  })
  void placesThePairThePoliciesComputeOnTheClosingSide(Side side, String size, String stop, String takeProfit) {
    TradingParameters trading = new TradingParameters(BigDecimal.ONE, new BigDecimal("0.01"), new BigDecimal("0.05"),
      new BigDecimal("0.5"));
    ProtectionPlan plan = new ProtectionPlan(new StopLossPolicy(trading), Optional.of(new TakeProfitPolicy(trading)),
      ExternalPositions.PROTECT, Duration.ofDays(7));

    List<ProtectionAction> actions = plan.plan(Map.of(0, ETH),
      Map.of(0, new Position(side, new BigDecimal(size), new BigDecimal("3000"), null)), List.of(), List.of(),
      Set.of(0), Set.of(), NOW);

    assertThat(actions).singleElement().isInstanceOfSatisfying(ProtectionAction.PlacePair.class, pair -> {
      assertThat(pair.stop().triggerPrice()).isEqualByComparingTo(stop);
      assertThat(pair.takeProfit().triggerPrice()).isEqualByComparingTo(takeProfit);
      assertThat(pair.stop().side()).isEqualTo(side.opposite());
      assertThat(pair.takeProfit().side()).isEqualTo(side.opposite());
    });
  }

  @ParameterizedTest(name = "[{index}] {0} {1} -> trigger {2}")
  @CsvSource({
    "BUY, 1.0, 2992.50, 1.0000",
    "SELL, 0.00015, 3007.50, 0.0002",
  })
  void placesTheStopThePolicyComputesForTheWholePosition(Side side, String size, String trigger, String base) {
    ProtectionPlan plan = new ProtectionPlan(new StopLossPolicy(new TradingParameters(BigDecimal.ONE,
      new BigDecimal("0.01"), new BigDecimal("0.05"))), ExternalPositions.REPORT, Duration.ofDays(7));

    List<ProtectionAction> actions = plan.plan(Map.of(0, ETH),
      Map.of(0, new Position(side, new BigDecimal(size), new BigDecimal("3000"), null)), List.of(), Set.of(0), NOW);

    assertThat(actions).singleElement().isInstanceOfSatisfying(ProtectionAction.Place.class, place -> {
      assertThat(place.plan().triggerPrice()).isEqualByComparingTo(trigger);
      assertThat(place.plan().baseAmount()).isEqualByComparingTo(base);
      assertThat(place.plan().side()).isEqualTo(side.opposite());
    });
  }

  private static String describe(ProtectionAction action) {
    if (action instanceof ProtectionAction.Place) {
      return "place";
    }
    if (action instanceof ProtectionAction.PlacePair pair) {
      return "pair" + pair.replaced().stream().map(order -> String.valueOf(order.orderIndex())).toList()
        .toString().replace(" ", "");
    }
    if (action instanceof ProtectionAction.Fix fix) {
      return "fix:" + fix.order().orderIndex();
    }
    if (action instanceof ProtectionAction.Renew renew) {
      return "renew:" + renew.order().orderIndex();
    }
    if (action instanceof ProtectionAction.Cancel cancel) {
      return "cancel:" + cancel.order().orderIndex();
    }
    if (action instanceof ProtectionAction.Unprotectable) {
      return "unprotectable";
    }
    return "external";
  }

  /** @param status the order's status, or {@code attached}: pending, with a parent (an entry's attached stop-loss) */
  private static Order stop(long orderIndex, boolean isAsk, String trigger, String size, long expiry,
                            String status) {
    boolean attached = status.equals("attached");
    return order(orderIndex, "stop-loss-limit", isAsk, trigger, size, expiry, attached ? "pending" : status,
      attached ? 900 + orderIndex : 0, null);
  }

  /** @param cancels the order index the exchange shows it cancels (its OCO sibling), or null */
  private static Order order(long orderIndex, String type, boolean isAsk, String trigger, String size, long expiry,
                             String status, long parentOrderIndex, String cancels) {
    BigDecimal base = new BigDecimal(size);
    return new Order(orderIndex, 1000 + orderIndex, String.valueOf(orderIndex), String.valueOf(1000 + orderIndex), 0,
      7001, base, base, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal(trigger), 0, 0, 1, isAsk,
      isAsk ? "sell" : "buy", type, "good-till-time", true, new BigDecimal(trigger), expiry, status, "mark-price", 0,
      parentOrderIndex, 0, NOW, NOW, NOW, NOW * 1000, cancels);
  }
}
