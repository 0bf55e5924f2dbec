package io.copytrader.account;

import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.DetailedAccount;
import io.copytrader.lighter.TradingApi;
import io.copytrader.lighter.Order;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /api/account/{account_index}} in the Python service's shape: balances and positions from
 * Lighter's account, stop-loss orders (and beside them take-profit orders) from its active orders in every market
 * (market 0 included, which the Python service skipped), read in one {@code accountActiveOrders} call without a
 * market, as the protection supervisor reads them: two REST reads per view however many markets the account has
 * touched.
 */
public final class AccountView implements AccountViewer {

  private final TradingApi lighter;
  private final long accountIndex;
  private final Supplier<String> authToken;

  public AccountView(TradingApi lighter, long accountIndex, Supplier<String> authToken) {
    this.lighter = lighter;
    this.accountIndex = accountIndex;
    this.authToken = authToken;
  }

  @Override
  public Future<JsonObject> view() {
    return lighter.account(accountIndex).compose(account -> {
      if (account.positions().isEmpty()) {
        // Lighter lists a row for every market the account has traded: no row, no order anywhere.
        return Future.succeededFuture(render(account, List.of(), List.of()));
      }
      return lighter.accountActiveOrders(accountIndex, null, authToken)
        .map(page -> render(account, page.orders().stream().filter(Order::stopLoss).toList(),
          page.orders().stream().filter(Order::takeProfit).toList()));
    });
  }

  private static JsonObject render(DetailedAccount account, List<Order> stopLosses, List<Order> takeProfits) {
    JsonArray positions = new JsonArray();
    for (AccountPosition position : account.positions()) {
      positions.add(new JsonObject()
        .put("market_id", position.marketId())
        .put("symbol", position.symbol())
        .put("position", text(position.position()))
        .put("position_value", text(position.positionValue()))
        .put("avg_entry_price", text(position.avgEntryPrice()))
        .put("unrealized_pnl", text(position.unrealizedPnl()))
        .put("realized_pnl", text(position.realizedPnl()))
        .put("sign", position.sign()));
    }
    return new JsonObject()
      .put("account_index", account.index())
      .put("l1_address", account.l1Address())
      .put("available_balance", text(account.availableBalance()))
      .put("collateral", text(account.collateral()))
      .put("total_asset_value", text(account.totalAssetValue()))
      .put("cross_asset_value", text(account.crossAssetValue()))
      .put("status", account.status())
      .put("positions", positions)
      .put("stop_loss_orders", orders(account, stopLosses))
      .put("take_profit_orders", orders(account, takeProfits));
  }

  private static JsonArray orders(DetailedAccount account, List<Order> listed) {
    JsonArray orders = new JsonArray();
    for (Order order : listed) {
      orders.add(new JsonObject()
        .put("order_index", order.orderIndex())
        .put("order_id", order.orderId())
        .put("market_id", order.marketIndex())
        .put("symbol", symbol(account, order.marketIndex()))
        .put("trigger_price", text(order.triggerPrice()))
        .put("price", order.type().endsWith("-limit") ? text(order.price()) : null)
        .put("base_amount", text(order.initialBaseAmount()))
        .put("remaining_base_amount", text(order.remainingBaseAmount()))
        .put("order_type", order.type())
        .put("status", order.status())
        .put("reduce_only", order.reduceOnly())
        .put("cancels_order_index", order.cancelsOrderIndex() != 0 ? order.cancelsOrderIndex() : null)
        .put("expires_at", order.orderExpiry() > 0 ? Instant.ofEpochMilli(order.orderExpiry()).toString() : null));
    }
    return orders;
  }

  private static String symbol(DetailedAccount account, long marketId) {
    return account.position(marketId).map(AccountPosition::symbol).orElse(null);
  }

  private static String text(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }
}
