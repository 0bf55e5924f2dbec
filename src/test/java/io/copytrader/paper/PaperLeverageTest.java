package io.copytrader.paper;

import static io.copytrader.paper.PaperFixture.CHAIN_ID;
import static io.copytrader.paper.PaperFixture.ETH;
import static io.copytrader.paper.PaperFixture.KEY;
import static io.copytrader.paper.PaperFixture.KEY_INDEX;
import static io.copytrader.paper.PaperFixture.OTHER_KEY;
import static io.copytrader.paper.PaperTrader.expiredAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.LighterErrorCodes;
import io.copytrader.lighter.signer.Schnorr;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.lighter.signer.TxSigner;
import io.copytrader.lighter.signer.UpdateLeverageTx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * UpdateLeverage (tx type 20) sent to the paper exchange over HTTP, signed by the real signer: the account's
 * fraction on ETH (default 500, minimum 200) is shown on its position row and used by the margin checks.
 * The book: ETH mid 3000.00, best ask 3000.30.
 */
class PaperLeverageTest {

  @AutoClose
  private final PaperFixture paper = PaperFixture.standalone();
  private final PaperTrader trader = paper.trader;

  private UpdateLeverageTx leverage(int fraction, int marginMode) {
    return new UpdateLeverageTx(trader.accountIndex(), KEY_INDEX, ETH, fraction, marginMode, expiredAt(),
      trader.nextNonce(), TxAttributes.none());
  }

  @Test
  void theFractionChosenIsShownOnTheAccountsPositionRow() {
    PaperHttp.Reply reply = trader.send(leverage(1000, UpdateLeverageTx.CROSS_MARGIN));

    assertThat(reply.code()).as(reply.raw()).isEqualTo(200);
    JsonObject row = trader.ethPosition();
    assertThat(row.getString("initial_margin_fraction")).isEqualTo("10.00");
    assertThat(row.getInteger("margin_set_flag")).isEqualTo(1);
    assertThat(row.getInteger("margin_mode")).isEqualTo(0);
    assertThat(trader.nextNonce()).isEqualTo(1);
  }

  @Test
  void aHigherFractionTakesMoreMarginForTheSamePosition() {
    trader.buy(1, "1.0000", "3100.00");
    assertThat(trader.account().getString("available_balance")).isEqualTo("9849.700000");

    trader.send(leverage(1000, UpdateLeverageTx.CROSS_MARGIN));

    assertThat(trader.account().getString("available_balance")).isEqualTo("9699.700000");
  }

  @Test
  void anOrderBeyondTheChosenLeverageIsCancelledForMargin() {
    trader.send(leverage(10_000, UpdateLeverageTx.CROSS_MARGIN));

    trader.buy(7, "4.0000", "3100.00");

    assertThat(trader.order(7).getString("status")).isEqualTo("canceled-margin-not-allowed");
    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.0000");
  }

  @Test
  void aBadSignatureIsRefusedAndChangesNothing() {
    PaperHttp.Reply reply = trader.signingWith(OTHER_KEY, CHAIN_ID).send(leverage(1000, 0));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(LighterErrorCodes.INVALID_SIGNATURE);
    assertThat(trader.account().getJsonArray("positions")).isEmpty();
    assertThat(trader.nextNonce()).isZero();
  }

  @Test
  void aFractionBelowTheMarketsMinimumIsRefused() {
    PaperHttp.Reply reply = trader.send(leverage(199, UpdateLeverageTx.CROSS_MARGIN));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(LighterErrorCodes.INVALID_INITIAL_MARGIN_FRACTION);
    assertThat(trader.nextNonce()).isZero();
  }

  @Test
  void aFractionAboveOneHundredPercentIsRefused() {
    PaperHttp.Reply reply = trader.send(signedWithoutChecks(leverage(10_001, UpdateLeverageTx.CROSS_MARGIN)));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(LighterErrorCodes.INVALID_INITIAL_MARGIN_FRACTION);
    assertThat(trader.nextNonce()).isZero();
  }

  @Test
  void anUnknownMarginModeIsRefused() {
    PaperHttp.Reply reply = trader.send(signedWithoutChecks(leverage(1000, 2)));

    assertThat(reply.code()).isEqualTo(LighterErrorCodes.INVALID_MARGIN_MODE);
  }

  @Test
  void theMarginModeCannotChangeUnderAnOpenPosition() {
    trader.buy(1, "1.0000", "3100.00");

    PaperHttp.Reply reply = trader.send(leverage(500, UpdateLeverageTx.ISOLATED_MARGIN));

    assertThat(reply.code()).isEqualTo(LighterErrorCodes.MARGIN_MODE_CHANGE_ON_ACTIVE_POSITION);
    assertThat(trader.ethPosition().getInteger("margin_mode")).isZero();
  }

  @Test
  void aFractionTheFreeMarginCannotCarryIsRefused() {
    trader.buy(1, "4.0000", "3100.00");

    PaperHttp.Reply reply = trader.send(leverage(10_000, UpdateLeverageTx.CROSS_MARGIN));

    assertThat(reply.code()).isEqualTo(LighterErrorCodes.ACCOUNT_BELOW_INITIAL_MARGIN);
    assertThat(trader.ethPosition().getString("initial_margin_fraction")).isEqualTo("5.00");
  }

  /** Signed as a careless client might, without the signer's own range checks. */
  private static SignedTx signedWithoutChecks(UpdateLeverageTx tx) {
    TxSigner signer = new TxSigner(CHAIN_ID);
    long[] hash = signer.messageHash(tx);
    return new SignedTx(tx.txType(), TxSigner.txInfoJson(tx, Schnorr.sign(KEY, hash)), TxSigner.txHashHex(hash));
  }
}
