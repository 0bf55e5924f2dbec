package io.copytrader.paper;

import static io.copytrader.lighter.LighterErrorCodes.ACCOUNT_BELOW_INITIAL_MARGIN;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_INITIAL_MARGIN_FRACTION;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_MARKET_INDEX;
import static io.copytrader.lighter.LighterErrorCodes.MARGIN_MODE_CHANGE_ON_ACTIVE_POSITION;

import io.copytrader.lighter.signer.UpdateLeverageTx;
import java.math.BigDecimal;

/**
 * UpdateLeverage (tx type 20) on the paper exchange: the account's initial margin fraction and margin mode on one
 * market, kept on its position row, where {@code account} shows them ({@code initial_margin_fraction},
 * {@code margin_mode}, {@code margin_set_flag}) and the margin checks use the fraction.
 *
 * <p>Refused, with Lighter's codes (docs/lighter-api.md, "Every code the project names"): an unknown market; a
 * fraction below the market's {@code min_initial_margin_fraction} (above 10,000 the signer rules refuse already);
 * a change of margin mode while the market holds a position or an order; a higher fraction the account's free margin
 * cannot carry for its position (21508, "account is below initial margin").
 *
 * <p>The margin mode is recorded and shown, but the paper exchange computes every position's margin as cross: it
 * has no isolated margin (no UpdateMargin, tx 29), which the service does not use.
 */
final class LeverageUpdates {

  private LeverageUpdates() {
  }

  /** The Lighter error code refusing this change now, or 0 when it may be applied. */
  static int refusal(PaperEngine engine, PaperAccountState account, UpdateLeverageTx tx) {
    PaperEngine.MarketState market = engine.market(tx.marketIndex()).orElse(null);
    if (market == null) {
      return INVALID_MARKET_INDEX;
    }
    if (tx.initialMarginFraction() < market.spec.minInitialMarginFraction()) {
      return INVALID_INITIAL_MARGIN_FRACTION;
    }
    PaperPosition row = account.positions.get(tx.marketIndex());
    BigDecimal held = row == null ? BigDecimal.ZERO : row.size.abs();
    int mode = row == null ? UpdateLeverageTx.CROSS_MARGIN : row.marginMode;
    boolean ordersHere = account.live.stream().anyMatch(order -> order.marketId == tx.marketIndex());
    if (tx.marginMode() != mode && (held.signum() != 0 || ordersHere)) {
      return MARGIN_MODE_CHANGE_ON_ACTIVE_POSITION;
    }
    BigDecimal added = held.multiply(market.mid).multiply(
      PaperPosition.fraction(tx.initialMarginFraction()).subtract(market.imf(account)));
    if (added.signum() > 0 && added.compareTo(engine.available(account)) > 0) {
      return ACCOUNT_BELOW_INITIAL_MARGIN;
    }
    return 0;
  }

  static void apply(PaperEngine engine, PaperAccountState account, UpdateLeverageTx tx) {
    PaperPosition row = engine.position(account, engine.market(tx.marketIndex()).orElse(null));
    row.initialMarginFraction = tx.initialMarginFraction();
    row.marginMode = tx.marginMode();
    row.marginSet = true;
  }
}
