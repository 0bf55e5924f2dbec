package io.copytrader.campaign;

import static io.copytrader.testing.Polling.eventually;

import io.copytrader.campaign.CampaignTarget.Account;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.LighterClientOptions;
import io.copytrader.lighter.signer.CancelOrderTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.LighterTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.lighter.signer.TxSigner;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Breaks a guarantee behind the service's back, with the account's own key, so the campaign can show that its
 * checks see it: a market order the journal never signed (what a re-signed duplicate looks like on the
 * exchange), or the position's stop-loss cancelled. Used by {@link FaultCampaignSensitivityTest} only.
 */
final class Saboteur {

  /** A client order index far above what the service issues in one short schedule. */
  static final long FOREIGN_CLIENT_ORDER_INDEX = 999_999_999L;
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final Vertx vertx;
  private final CampaignTarget target;

  Saboteur(Vertx vertx, CampaignTarget target) {
    this.vertx = vertx;
    this.target = target;
  }

  /**
   * Waits until the account's requests are final and its ETH position carries a stop-loss, and returns it (a stop-loss
   * attached to the opening order shows before its request is done).
   */
  JsonObject awaitStopLoss(Account account) {
    Ledgers ledgers = new Ledgers(target);
    eventually("the account's requests to be final", WAIT, () -> ledgers.requests(account),
      requests -> !requests.isEmpty()
        && requests.stream().allMatch(request -> GuaranteeChecker.FINAL_STATES.contains(request.getString("state"))));
    return eventually("a stop-loss", WAIT, () -> ledgers.activeOrders(account).stream()
      .filter(order -> order.getString("type", "").startsWith("stop-loss")).toList(), stops -> !stops.isEmpty()).get(0);
  }

  /** Buys 0.01 ETH at up to 3100 (market, IOC) under a client order index the journal does not know. */
  void buyBehindTheServicesBack(Account account) {
    buyBehindTheServicesBack(account, 100);
  }

  /** Buys {@code baseTicks} of ETH (0.0001 each) the same way: 10000 is one ETH, past the campaign's cap. */
  void buyBehindTheServicesBack(Account account, long baseTicks) {
    send(account, nonce -> new CreateOrderTx(account.index(), 0, 0, FOREIGN_CLIENT_ORDER_INDEX, baseTicks, 310_000, 0,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, expiry(), nonce,
      TxAttributes.none()));
  }

  /** Cancels the resting order with this exchange order index. */
  void cancel(Account account, JsonObject order) {
    send(account, nonce -> new CancelOrderTx(account.index(), 0, order.getInteger("market_index"),
      order.getLong("order_index"), expiry(), nonce, TxAttributes.none()));
  }

  private interface TxForNonce {
    LighterTx build(long nonce);
  }

  private void send(Account account, TxForNonce tx) {
    LighterClient client = new LighterClient(vertx, LighterClientOptions.defaults(target.exchangeUrl()));
    long nonce = client.nextNonce(account.index(), 0).await();
    SignedTx signed = new TxSigner(TxSigner.MAINNET_CHAIN_ID).sign(account.apiKey(), tx.build(nonce));
    client.sendTx(signed.txType(), signed.txInfo()).await();
  }

  private static long expiry() {
    return System.currentTimeMillis() + 9 * 60_000;
  }
}
