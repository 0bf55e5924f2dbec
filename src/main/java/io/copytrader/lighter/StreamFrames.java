package io.copytrader.lighter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link LighterStream}'s frames, in the shapes Lighter sends them (the paper exchange's
 * {@code io.copytrader.paper.PaperStreams} speaks the same), to the local books and accounts of
 * {@link StreamState}, and wakes the waiters of an account whose state changed. A book update whose
 * {@code begin_nonce} is not the previous {@code nonce} means a frame was lost, and a malformed book frame leaves
 * the book unknown: either way the market is resubscribed and reads nothing until its new snapshot. Used on the
 * stream's context only.
 */
final class StreamFrames {

  private static final Logger LOG = LoggerFactory.getLogger(StreamFrames.class);

  private final StreamState state;
  private final StreamConnection connection;
  private final StreamWaiters waiters;

  StreamFrames(StreamState state, StreamConnection connection, StreamWaiters waiters) {
    this.state = state;
    this.connection = connection;
    this.waiters = waiters;
  }

  void receive(String text) {
    JsonNode frame;
    try {
      frame = LighterJson.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      LOG.warn("Lighter stream: unreadable frame ignored");
      return;
    }
    String type = frame.path("type").asText("");
    String channel = frame.path("channel").asText("");
    boolean snapshot = type.startsWith("subscribed");
    try {
      switch (type) {
        case "ping" -> connection.pong();
        case "subscribed/order_book" -> bookSnapshot(marketOf(channel), frame.path("order_book"));
        case "update/order_book" -> bookUpdate(marketOf(channel), frame.path("order_book"));
        case "subscribed/account_all_positions", "update/account_all_positions" -> account(idOf(channel),
          AccountChannel.POSITIONS, local -> positions(local, frame.path("positions"), snapshot));
        case "subscribed/account_all_orders", "update/account_all_orders" -> account(idOf(channel),
          AccountChannel.ORDERS, local -> orders(local, frame.path("orders"), snapshot));
        case "subscribed/user_stats", "update/user_stats" ->
          account(idOf(channel), AccountChannel.STATS, local -> stats(local, frame.path("stats")));
        case "error" -> LOG.warn("Lighter stream: error {}: {}", frame.path("code").asText(),
          frame.path("message").asText());
        default -> {
          // connected, subscribed, unsubscribed, pong and channels not followed carry nothing to keep.
        }
      }
    } catch (RuntimeException | JsonProcessingException malformed) {
      LOG.warn("Lighter stream: malformed {} frame on {} ({})", type, channel, malformed.getMessage());
      if (type.endsWith("/order_book")) {
        resubscribeBook(marketOf(channel));
      }
    }
  }

  private void bookSnapshot(int marketId, JsonNode book) {
    LocalBook local = state.book(marketId);
    if (local == null) {
      return;
    }
    local.asks.clear();
    local.bids.clear();
    applyBook(marketId, local, book);
    local.synced = true;
  }

  private void bookUpdate(int marketId, JsonNode book) {
    LocalBook local = state.book(marketId);
    if (local == null || !local.synced) {
      return;
    }
    long begin = book.path("begin_nonce").asLong();
    if (begin != local.nonce) {
      LOG.warn("Lighter stream: order_book/{} skipped from nonce {} to {}; resubscribing", marketId, local.nonce,
        begin);
      resubscribeBook(marketId);
      return;
    }
    applyBook(marketId, local, book);
  }

  private void applyBook(int marketId, LocalBook local, JsonNode book) {
    levels(local.asks, book.path("asks"));
    levels(local.bids, book.path("bids"));
    local.nonce = book.path("nonce").asLong();
    state.liveness.heard(StreamState.bookKey(marketId));
    state.publishTop(marketId, local);
  }

  private static void levels(TreeMap<BigDecimal, BigDecimal> side, JsonNode levels) {
    for (JsonNode level : levels) {
      BigDecimal price = new BigDecimal(level.path("price").asText());
      BigDecimal size = new BigDecimal(level.path("size").asText());
      if (size.signum() == 0) {
        side.remove(price);
      } else {
        side.put(price, size);
      }
    }
  }

  private void resubscribeBook(int marketId) {
    LocalBook local = state.book(marketId);
    if (local == null) {
      return;
    }
    state.resubscribingBook(marketId, local);
    connection.resubscribeBook(marketId);
  }

  /** A frame's change to a followed account's state: whether the frame's channel is in sync after it. */
  private interface AccountUpdate {
    boolean applyTo(LocalAccount local) throws JsonProcessingException;
  }

  /** Applies a frame of the account's channel, publishes what it changed and wakes the account's waiters. */
  private void account(long accountIndex, AccountChannel channel, AccountUpdate update)
    throws JsonProcessingException {
    LocalAccount local = state.localAccount(accountIndex);
    if (local == null) {
      return;
    }
    if (update.applyTo(local)) {
      state.liveness.heard(channel.key(accountIndex));
    }
    if (channel == AccountChannel.ORDERS) {
      state.publishLiveOrders(accountIndex, local);
    } else {
      state.publishAccount(accountIndex, local);
    }
    waiters.wake(accountIndex);
  }

  private static boolean positions(LocalAccount local, JsonNode byMarket, boolean snapshot)
    throws JsonProcessingException {
    if (snapshot) {
      local.positions.clear();
    }
    Iterator<Map.Entry<String, JsonNode>> rows = byMarket.fields();
    while (rows.hasNext()) {
      AccountPosition row = LighterJson.MAPPER.treeToValue(rows.next().getValue(), AccountPosition.class);
      local.positions.put(row.marketId(), row);
    }
    local.positionsSynced = true;
    return true;
  }

  /** The equity channel counts as in sync once it carries the portfolio value, which the account reads need. */
  private static boolean stats(LocalAccount local, JsonNode stats) {
    local.collateral = decimal(stats, "collateral");
    local.availableBalance = decimal(stats, "available_balance");
    local.portfolioValue = decimal(stats, "portfolio_value");
    BigDecimal cross = decimal(stats.path("cross_stats"), "portfolio_value");
    local.crossValue = cross != null ? cross : local.portfolioValue;
    local.statsSynced = local.portfolioValue != null;
    return local.statsSynced;
  }

  private static boolean orders(LocalAccount local, JsonNode byMarket, boolean snapshot)
    throws JsonProcessingException {
    if (snapshot) {
      local.live.clear();
      local.finished.clear();
    }
    for (JsonNode list : byMarket) {
      for (JsonNode node : list) {
        local.apply(LighterJson.MAPPER.treeToValue(node, Order.class));
      }
    }
    local.ordersSynced = true;
    return true;
  }

  private static BigDecimal decimal(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? null : new BigDecimal(value.asText());
  }

  /** The id after the colon of {@code kind:id}; -1, which matches nothing followed, for anything else. */
  private static long idOf(String channel) {
    int colon = channel.indexOf(':');
    String id = colon < 0 ? "" : channel.substring(colon + 1);
    return id.matches("\\d{1,18}") ? Long.parseLong(id) : -1;
  }

  private static int marketOf(String channel) {
    long id = idOf(channel);
    return id <= Integer.MAX_VALUE ? (int) id : -1;
  }
}
