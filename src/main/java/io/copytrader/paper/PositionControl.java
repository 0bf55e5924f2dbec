package io.copytrader.paper;

import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.market.Ticks;
import io.copytrader.paper.PaperEngine.MarketState;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code POST /paper/accounts/{index}/position {"market_id": 0, "position": "-1.5"}}: trades the account to that
 * signed position as its own market order would (an immediate-or-cancel order for the difference, bounded at half
 * and twice the mid price), so the fill, the position, the account's REST answers and its stream frames are those of
 * a real trade. For driving a leader account in paper mode and in tests. Confined to the exchange's context.
 */
final class PositionControl {

  /** The largest position the control moves to, in base units: anything beyond is a typo. */
  private static final BigDecimal MAX_POSITION = new BigDecimal("1000000000");

  private static final BigDecimal HALF_OR_DOUBLE = BigDecimal.valueOf(2);

  private final PaperEngine engine;

  PositionControl(PaperEngine engine) {
    this.engine = engine;
  }

  /** Moves the account to the position; answers the position after the fill. */
  JsonObject moveTo(long accountIndex, JsonObject request) {
    PaperAccountState account = engine.account(accountIndex);
    if (account == null) {
      throw new IllegalArgumentException("unknown account");
    }
    if (!(request.getValue("market_id") instanceof Integer marketId)) {
      throw new IllegalArgumentException("market_id must be an integer");
    }
    MarketState market = engine.market(marketId).orElseThrow(() -> new IllegalArgumentException("unknown market"));
    if (!(request.getValue("position") instanceof String text) || !text.matches("-?\\d{1,10}(\\.\\d{1,18})?")) {
      throw new IllegalArgumentException("position must be a signed decimal string");
    }
    BigDecimal target = new BigDecimal(text);
    if (target.abs().compareTo(MAX_POSITION) > 0 || target.scale() > market.spec.sizeDecimals()) {
      throw new IllegalArgumentException("position must fit the market's size step");
    }
    BigDecimal difference = target.subtract(PaperEngine.positionSize(account, marketId));
    if (difference.signum() != 0) {
      boolean ask = difference.signum() < 0;
      BigDecimal bound = ask ? market.mid.divide(HALF_OR_DOUBLE) : market.mid.multiply(HALF_OR_DOUBLE);
      long now = System.currentTimeMillis();
      CreateOrderTx order = new CreateOrderTx(accountIndex, 0, marketId, 0,
        Ticks.toTicks(difference.abs(), market.spec.sizeDecimals(), RoundingMode.UNNECESSARY),
        Ticks.toTicks(bound, market.spec.priceDecimals(), ask ? RoundingMode.UP : RoundingMode.DOWN), ask ? 1 : 0,
        CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, now + 60_000, 0, null);
      engine.create(account, order, now);
    }
    return new JsonObject().put("account_index", accountIndex).put("market_id", marketId)
      .put("position", PaperEngine.positionSize(account, marketId).toPlainString());
  }
}
