package io.copytrader.paper.streams;

import static io.copytrader.paper.streams.PaperStream.ACCOUNT;
import static io.copytrader.paper.streams.PaperStream.KEY;
import static io.copytrader.paper.streams.PaperStream.KEY_INDEX;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.CreateGroupedOrdersTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.OrderInfo;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxSigner;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Grouped orders (tx type 28) as the account order channels show them: a waiting child's {@code parent-order}
 * trigger status, and the {@code canceled-child} a parent that fills nothing leaves. ETH ticks: 0.1 ETH = 1000,
 * 2990.00 = 299000; the best ask is 3000.30.
 */
@ExtendWith(VertxExtension.class)
class PaperStreamGroupedOrdersTest {

  private final long expiry = System.currentTimeMillis() + 86_400_000;
  private PaperStream stream;

  @BeforeEach
  void start(Vertx vertx) throws InterruptedException {
    stream = PaperStream.greeted(vertx);
  }

  @Test
  void aChildWaitingForItsRestingParentShowsParentOrderOnTheMarketsOrderChannel() throws InterruptedException {
    stream.snapshot("account_orders/0/" + ACCOUNT, stream.token());

    stream.sendOverRest(oto(new OrderInfo(0, 1, 1000, 299000, 0, CreateOrderTx.TYPE_LIMIT,
      CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0, expiry)));

    JsonArray orders = stream.nextOfType("update/account_orders").getJsonObject("orders").getJsonArray("0");
    JsonObject child = order(orders, 2);
    assertThat(child.getString("status")).isEqualTo("pending");
    assertThat(child.getString("trigger_status")).isEqualTo("parent-order");
    assertThat(child.getLong("parent_order_index")).isEqualTo(order(orders, 1).getLong("order_index"));
  }

  @Test
  void aChildCancelledWithAParentThatFilledNothingShowsOnTheAllOrdersChannel() throws InterruptedException {
    stream.snapshot("account_all_orders/" + ACCOUNT, stream.token());

    stream.sendOverRest(oto(new OrderInfo(0, 1, 1000, 299000, 0, CreateOrderTx.TYPE_MARKET,
      CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0)));

    JsonArray orders = stream.nextOfType("update/account_all_orders").getJsonObject("orders").getJsonArray("0");
    assertThat(order(orders, 1).getString("status")).isEqualTo("canceled-too-much-slippage");
    assertThat(order(orders, 2).getString("status")).isEqualTo("canceled-child");
  }

  /** The parent (client order index 1) with a size-0 stop-loss-limit child (2) at 2900.00, limit 2850.00. */
  private SignedTx oto(OrderInfo parent) {
    OrderInfo child = new OrderInfo(0, 2, 0, 285000, 1, CreateOrderTx.TYPE_STOP_LOSS_LIMIT,
      CreateOrderTx.TIF_GOOD_TILL_TIME, 1, 290000, expiry);
    return new TxSigner(TxSigner.MAINNET_CHAIN_ID).sign(KEY, new CreateGroupedOrdersTx(ACCOUNT, KEY_INDEX,
      CreateGroupedOrdersTx.GROUPING_OTO, List.of(parent, child), System.currentTimeMillis() + 600_000,
      stream.nextNonce(), null));
  }

  private static JsonObject order(JsonArray orders, long clientOrderIndex) {
    return orders.stream().map(JsonObject.class::cast)
      .filter(order -> order.getLong("client_order_index") == clientOrderIndex).findFirst()
      .orElseThrow(() -> new AssertionError("no order " + clientOrderIndex + " in " + orders));
  }
}
