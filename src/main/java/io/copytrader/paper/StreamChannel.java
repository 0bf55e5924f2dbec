package io.copytrader.paper;

import java.util.Arrays;
import java.util.Optional;

/**
 * A channel of the paper exchange's WebSocket as a subscribe frame names it, outbound with {@code /}
 * ({@code account_orders/0/7}); frames name it inbound, with {@code :} ({@code account_orders:0:7}), as Lighter does
 * (docs/lighter-api.md, "WebSocket").
 *
 * @param market the market it follows, {@link #ALL_MARKETS} for {@code market_stats/all}, -1 for none
 * @param account the account it follows, -1 for none
 */
record StreamChannel(Kind kind, String name, int market, long account) {

  static final int ALL_MARKETS = Integer.MAX_VALUE;

  /** What the parts after the kind name. */
  private enum Ids { MARKET, MARKET_OR_ALL, ACCOUNT, MARKET_AND_ACCOUNT }

  /** The channels, with the ids they take and whether subscribing needs the account's auth token. */
  enum Kind {
    ORDER_BOOK("order_book", Ids.MARKET, false),
    MARKET_STATS("market_stats", Ids.MARKET_OR_ALL, false),
    TRADE("trade", Ids.MARKET, false),
    ACCOUNT_ALL("account_all", Ids.ACCOUNT, false),
    USER_STATS("user_stats", Ids.ACCOUNT, false),
    ACCOUNT_ALL_POSITIONS("account_all_positions", Ids.ACCOUNT, true),
    ACCOUNT_ALL_TRADES("account_all_trades", Ids.ACCOUNT, true),
    ACCOUNT_ALL_ORDERS("account_all_orders", Ids.ACCOUNT, true),
    ACCOUNT_ORDERS("account_orders", Ids.MARKET_AND_ACCOUNT, true);

    final String wire;
    private final Ids ids;
    final boolean needsToken;

    Kind(String wire, Ids ids, boolean needsToken) {
      this.wire = wire;
      this.ids = ids;
      this.needsToken = needsToken;
    }
  }

  /** The channel an outbound name names, or empty when it names none (unknown kind, ids missing or malformed). */
  static Optional<StreamChannel> parse(String name) {
    String[] parts = name.split("/", -1);
    Optional<Kind> kind = Arrays.stream(Kind.values()).filter(candidate -> candidate.wire.equals(parts[0])).findFirst();
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    return switch (kind.get().ids) {
      case MARKET -> parts.length == 2 && isMarket(parts[1])
        ? Optional.of(new StreamChannel(kind.get(), name, Integer.parseInt(parts[1]), -1)) : Optional.empty();
      case MARKET_OR_ALL -> parts.length == 2 && (isMarket(parts[1]) || parts[1].equals("all"))
        ? Optional.of(new StreamChannel(kind.get(), name,
          parts[1].equals("all") ? ALL_MARKETS : Integer.parseInt(parts[1]), -1)) : Optional.empty();
      case ACCOUNT -> parts.length == 2 && isAccount(parts[1])
        ? Optional.of(new StreamChannel(kind.get(), name, -1, Long.parseLong(parts[1]))) : Optional.empty();
      case MARKET_AND_ACCOUNT -> parts.length == 3 && isMarket(parts[1]) && isAccount(parts[2])
        ? Optional.of(new StreamChannel(kind.get(), name, Integer.parseInt(parts[1]), Long.parseLong(parts[2])))
        : Optional.empty();
    };
  }

  /** As frames name it: {@code account_orders:0:7}. */
  String inbound() {
    return inbound(name);
  }

  static String inbound(String outbound) {
    return outbound.replace('/', ':');
  }

  boolean followsMarket() {
    return market >= 0;
  }

  boolean followsAccount() {
    return account >= 0;
  }

  private static boolean isMarket(String id) {
    return id.matches("\\d{1,9}");
  }

  private static boolean isAccount(String id) {
    return id.matches("\\d{1,18}");
  }
}
