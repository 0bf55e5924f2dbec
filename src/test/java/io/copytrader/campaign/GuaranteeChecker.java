package io.copytrader.campaign;

import io.copytrader.campaign.CampaignTarget.Account;
import io.copytrader.campaign.Violation.Guarantee;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The guarantees, checked once the service is quiescent (faults healed, see CampaignRunner) from the exchange's
 * ledger, the journal and the Telegram notices. Each method returns what it found broken; none of them waits:
 * the runner polls {@link #unfinished} and {@link #protection} within their bounds.
 *
 * <p>Not violations: a position a stop-loss closed after a price move (flat, nothing to protect); an exit on
 * a flat position rejected (NO_POSITION at intake is never journaled, in execution it ends {@code rejected});
 * an open that expired (only exits must not); a request with no notice (only duplicates are counted).
 */
final class GuaranteeChecker {

  static final Set<String> FINAL_STATES = Set.of("filled", "partially_filled", "rejected", "failed", "expired",
    "refused");
  /** Orders that execute a request: the entry, a close, a reduction (journal OrderPurpose). */
  static final Set<String> EXECUTING_PURPOSES = Set.of("entry", "close", "reduce");
  /** Titles of the notices that report a request's final outcome (src/main/java/io/copytrader/notify/Notices.java). */
  static final List<String> FINAL_TITLES = List.of("Position opened", "Position increased", "Position reduced",
    "Position closed", "Trade rejected", "Trade failed after retries", "Trade request expired",
    "Trade refused by a rail");
  private static final Set<String> LIVE = Set.of("open", "pending", "in-progress");

  private final Ledgers ledgers;
  private final long seed;
  private final boolean takeProfitOn;

  /** @param takeProfitOn the service runs with TAKE_PROFIT_RATIO set */
  GuaranteeChecker(Ledgers ledgers, long seed, boolean takeProfitOn) {
    this.ledgers = ledgers;
    this.seed = seed;
    this.takeProfitOn = takeProfitOn;
  }

  /** Every journaled request of the account, as listed (state, kind, body). */
  List<JsonObject> requests(Account account) {
    return ledgers.requests(account);
  }

  /** Always final: requests still queued or executing. */
  List<Violation> unfinished(List<JsonObject> requests) {
    return requests.stream().filter(request -> !FINAL_STATES.contains(request.getString("state")))
      .map(request -> violation(Guarantee.ALWAYS_FINAL, "request " + request.getString("request_id") + " is "
        + request.getString("state") + " after quiescence: " + request.getJsonObject("request").encode()))
      .toList();
  }

  /**
   * Always protected: one live reduce-only stop-loss on the closing side of each open position, covering it (its
   * size, or size 0).
   */
  List<Violation> protection(Account account) {
    List<Violation> found = new ArrayList<>();
    Map<Integer, BigDecimal> positions = ledgers.positions(account);
    List<JsonObject> active = ledgers.activeOrders(account);
    positions.forEach((marketId, size) -> {
      boolean closingSideIsAsk = size.signum() > 0;
      List<JsonObject> stops = closing(active, marketId, closingSideIsAsk, "stop-loss");
      // Size 0: a leg of the position-tied pair (take-profit on), which closes the whole position.
      BigDecimal remaining = stops.size() == 1 ? Ledgers.decimal(stops.get(0), "remaining_base_amount") : null;
      if (stops.size() != 1 || (remaining.signum() != 0 && remaining.compareTo(size.abs()) < 0)) {
        found.add(violation(Guarantee.ALWAYS_PROTECTED, "account " + account.index() + " market " + marketId
          + " position " + size.toPlainString() + " has " + stops.size() + " closing stop-loss(es)"
          + (stops.isEmpty() ? "" : " remaining " + stops.stream()
            .map(stop -> stop.getString("remaining_base_amount")).toList())));
      }
      // With take-profit on, one set: beside a stop-loss waiting for its trigger, exactly one take-profit (one that
      // triggered and rests unfilled ended its stop-loss, which the service then places alone).
      List<JsonObject> takeProfits = closing(active, marketId, closingSideIsAsk, "take-profit");
      boolean stopWaits = stops.size() == 1 && "pending".equals(stops.get(0).getString("status"));
      if (takeProfitOn && (takeProfits.size() > 1 || (stopWaits && takeProfits.isEmpty()))) {
        found.add(violation(Guarantee.ALWAYS_PROTECTED, "account " + account.index() + " market " + marketId
          + " position " + size.toPlainString() + " has " + takeProfits.size() + " closing take-profit(s)"));
      }
    });
    return found;
  }

  /** The live reduce-only orders of {@code type} (a prefix of Lighter's order type) on the closing side. */
  private static List<JsonObject> closing(List<JsonObject> active, int marketId, boolean closingSideIsAsk,
                                          String type) {
    return active.stream()
      .filter(order -> order.getInteger("market_index") == marketId)
      .filter(order -> order.getString("type", "").startsWith(type))
      .filter(order -> order.getBoolean("reduce_only", false) && LIVE.contains(order.getString("status")))
      .filter(order -> order.getBoolean("is_ask") == closingSideIsAsk)
      .toList();
  }

  /**
   * At most once, per request: the client order indexes its executing orders carry, looked up on the exchange,
   * filled at most once between them; per account: the exchange's filled market (IOC) orders are exactly the
   * requests whose executing order filled, so a re-signed duplicate under an index the journal does not list
   * shows too. Returns the violations; {@code details} are the requests' journal details.
   */
  List<Violation> atMostOnce(Account account, List<JsonObject> details) {
    List<Violation> found = new ArrayList<>();
    Set<Long> journaled = new LinkedHashSet<>();
    Map<String, List<Long>> indexesByRequest = new HashMap<>();
    for (JsonObject detail : details) {
      List<Long> indexes = detail.getJsonArray("orders").stream().map(JsonObject.class::cast)
        .filter(order -> EXECUTING_PURPOSES.contains(order.getString("purpose")))
        .map(order -> order.getLong("client_order_index")).filter(index -> index != null).distinct().toList();
      indexesByRequest.put(detail.getString("request_id"), indexes);
      journaled.addAll(indexes);
    }
    Map<Long, List<JsonObject>> filledByIndex = new HashMap<>();
    ledgers.ordersByClientIndex(account, List.copyOf(journaled)).stream().filter(GuaranteeChecker::filled)
      .forEach(order -> filledByIndex.computeIfAbsent(order.getLong("client_order_index"), k -> new ArrayList<>())
        .add(order));
    int requestsFilled = 0;
    for (Map.Entry<String, List<Long>> request : indexesByRequest.entrySet()) {
      List<JsonObject> fills = request.getValue().stream()
        .flatMap(index -> filledByIndex.getOrDefault(index, List.of()).stream()).toList();
      if (!fills.isEmpty()) {
        requestsFilled++;
      }
      if (fills.size() > 1) {
        found.add(violation(Guarantee.AT_MOST_ONCE, "request " + request.getKey() + " executed " + fills.size()
          + " orders on the exchange: " + describe(fills)));
      }
    }
    List<JsonObject> marketFills = new ArrayList<>();
    boolean truncated = false;
    for (Schedule.Market market : Schedule.MARKETS) {
      List<JsonObject> inactive = ledgers.inactiveOrders(account, market.id());
      truncated |= inactive.size() >= Ledgers.INACTIVE_LIMIT;
      inactive.stream().filter(order -> "market".equals(order.getString("type"))).filter(GuaranteeChecker::filled)
        .forEach(marketFills::add);
    }
    if (!truncated && marketFills.size() != requestsFilled) {
      List<JsonObject> unknown = marketFills.stream()
        .filter(order -> !journaled.contains(order.getLong("client_order_index"))).toList();
      found.add(violation(Guarantee.AT_MOST_ONCE, "account " + account.index() + ": " + marketFills.size()
        + " filled market orders on the exchange, " + requestsFilled + " requests filled"
        + (unknown.isEmpty() ? "" : "; not in the journal: " + describe(unknown))));
    }
    return found;
  }

  /**
   * No rail bypassed, by a retry or a restart either: the account's opening (entry) orders that filled on the
   * exchange are at most {@link InProcessTarget#MAX_ORDERS_PER_DAY}, and each market's position is within
   * {@link InProcessTarget#MAX_POSITION_USD} at the lowest worst price its openings were signed with. Each opening
   * keeps the position after it within the cap at its own worst price, and only openings grow a position, so no
   * position the service made can be larger. {@code details} are the account's requests' journal details.
   */
  List<Violation> railsHeld(Account account, List<JsonObject> details) {
    List<JsonObject> entries = details.stream().flatMap(detail -> detail.getJsonArray("orders").stream())
      .map(JsonObject.class::cast).filter(order -> "entry".equals(order.getString("purpose")))
      .filter(order -> order.getLong("client_order_index") != null).toList();
    Set<Long> filled = new LinkedHashSet<>();
    ledgers.ordersByClientIndex(account, entries.stream().map(order -> order.getLong("client_order_index"))
      .distinct().toList()).stream().filter(GuaranteeChecker::filled)
      .forEach(order -> filled.add(order.getLong("client_order_index")));
    List<Violation> found = new ArrayList<>();
    if (filled.size() > InProcessTarget.MAX_ORDERS_PER_DAY) {
      found.add(violation(Guarantee.RAILS_HELD, "account " + account.index() + " executed " + filled.size()
        + " opening orders, more than MAX_ORDERS_PER_DAY " + InProcessTarget.MAX_ORDERS_PER_DAY + ": " + filled));
    }
    ledgers.positions(account).forEach((marketId, size) -> entries.stream()
      .filter(order -> order.getInteger("market_id") == marketId.intValue())
      .filter(order -> filled.contains(order.getLong("client_order_index")))
      .map(order -> Ledgers.decimal(order, "price")).min(BigDecimal::compareTo)
      .map(price -> size.abs().multiply(price))
      .filter(notional -> notional.compareTo(InProcessTarget.MAX_POSITION_USD) > 0)
      .ifPresent(notional -> found.add(violation(Guarantee.RAILS_HELD, "account " + account.index() + " market "
        + marketId + " position " + size.toPlainString() + " is " + notional.toPlainString()
        + " USD at its openings' lowest worst price, above MAX_POSITION_USD " + InProcessTarget.MAX_POSITION_USD))));
    return found;
  }

  /** Exits are never dropped: no close and no decrease ends expired. */
  List<Violation> exits(List<JsonObject> requests) {
    return requests.stream().filter(request -> "expired".equals(request.getString("state")))
      .filter(request -> {
        // The journal keeps the parsed request: {"action":"close"|"decrease"|…}
        // (src/main/java/io/copytrader/account/TradeRequest.java).
        JsonObject body = request.getJsonObject("request", new JsonObject());
        String action = body.getString("action", body.getString("trade_type", body.getString("adjustment_type")));
        return "close".equals(action) || "decrease".equals(action);
      })
      .map(request -> violation(Guarantee.EXITS_NEVER_DROPPED, "request " + request.getString("request_id")
        + " " + request.getJsonObject("request").encode() + " expired: " + request.getString("error_message")))
      .toList();
  }

  /** Reported once: at most one final-outcome notice names each final request. */
  List<Violation> reportedOnce(List<JsonObject> requests, List<String> telegram) {
    List<Violation> found = new ArrayList<>();
    for (JsonObject request : requests) {
      String id = request.getString("request_id");
      List<String> finals = telegram.stream().filter(text -> text.contains("<b>Request:</b> " + id))
        .map(GuaranteeChecker::title).filter(FINAL_TITLES::contains).toList();
      if (finals.size() > 1) {
        found.add(violation(Guarantee.REPORTED_ONCE, "request " + id + " (" + request.getString("state")
          + ") has " + finals.size() + " final notices: " + finals));
      }
    }
    return found;
  }

  private static String title(String text) {
    int start = text.indexOf("<b>");
    int end = text.indexOf("</b>", start + 3);
    return start < 0 || end < 0 ? "" : text.substring(start + 3, end);
  }

  private static boolean filled(JsonObject order) {
    return Ledgers.decimal(order, "filled_base_amount").signum() > 0;
  }

  private static List<String> describe(List<JsonObject> orders) {
    return orders.stream().map(order -> "coi " + order.getLong("client_order_index") + " " + order.getString("type")
      + (order.getBoolean("is_ask") ? " sell " : " buy ") + order.getString("filled_base_amount") + " nonce "
      + order.getLong("nonce")).toList();
  }

  private Violation violation(Guarantee guarantee, String detail) {
    return new Violation(guarantee, seed, detail);
  }
}
