package io.copytrader.paper;

import static io.copytrader.lighter.LighterErrorCodes.CLIENT_ORDER_INDEX_EXISTS;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_MARKET_INDEX;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_MIN_AMOUNTS;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_REDUCE_ONLY_DIRECTION;
import static io.copytrader.lighter.LighterErrorCodes.NOT_ENOUGH_MARGIN;
import static io.copytrader.lighter.LighterErrorCodes.ORDER_BOOK_NOT_ACTIVE;
import static io.copytrader.lighter.LighterErrorCodes.REDUCE_ONLY_INCREASES_POSITION;
import static io.copytrader.lighter.LighterErrorCodes.UNSUPPORTED_ORDER_TYPE;

import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.paper.PaperEngine.MarketState;
import java.math.BigDecimal;

/**
 * What the paper exchange refuses of an order before placing it, with Lighter's codes: at intake (a failure
 * consumes no nonce) and again when the sequencer applies it, where a refusal ends the order with a
 * {@code canceled-…} status instead.
 */
final class OrderRules {

  private OrderRules() {
  }

  /**
   * The Lighter error code refusing this order, or 0 when it may be placed. Without {@code checkMargin} the margin is
   * not looked at: intake leaves it to the sequencer for taker orders (docs/lighter-api.md, "Transactions and
   * nonces").
   */
  static int refusal(PaperEngine engine, PaperAccountState account, CreateOrderTx tx, boolean checkMargin) {
    MarketState market = engine.market(tx.marketIndex()).orElse(null);
    if (market == null) {
      return INVALID_MARKET_INDEX;
    }
    if (!market.spec.active()) {
      return ORDER_BOOK_NOT_ACTIVE;
    }
    if (tx.type() == CreateOrderTx.TYPE_TWAP) {
      return UNSUPPORTED_ORDER_TYPE;
    }
    if (clientOrderIndexInUse(account, tx.clientOrderIndex())) {
      return CLIENT_ORDER_INDEX_EXISTS;
    }
    BigDecimal base = PaperEngine.base(market, tx.baseAmount());
    BigDecimal signedPosition = PaperEngine.positionSize(account, market.spec.marketId());
    boolean isAsk = tx.isAsk() == 1;
    if (tx.reduceOnly() == 1) {
      if (signedPosition.signum() == 0) {
        return INVALID_REDUCE_ONLY_DIRECTION;
      }
      if (isAsk == (signedPosition.signum() < 0)) {
        return REDUCE_ONLY_INCREASES_POSITION;
      }
      return 0;
    }
    BigDecimal price = PaperEngine.price(market, tx.price());
    if (base.compareTo(market.spec.minBaseAmount()) < 0
      || base.multiply(price).compareTo(market.spec.minQuoteAmount()) < 0) {
      return INVALID_MIN_AMOUNTS;
    }
    BigDecimal signedOrder = isAsk ? base.negate() : base;
    BigDecimal after = signedPosition.add(signedOrder);
    if (checkMargin && after.abs().compareTo(signedPosition.abs()) > 0) {
      BigDecimal added = after.abs().subtract(signedPosition.abs()).multiply(market.mid).multiply(market.imf(account));
      if (added.compareTo(engine.available(account)) > 0) {
        return NOT_ENOUGH_MARGIN;
      }
    }
    return 0;
  }

  /** Whether a live order of the account already carries this client order index (0 is no index). */
  static boolean clientOrderIndexInUse(PaperAccountState account, long clientOrderIndex) {
    return clientOrderIndex != 0 && account.live.stream().anyMatch(order -> order.clientOrderIndex == clientOrderIndex);
  }

  /** A taker order (market or limit IOC): Lighter's API passes it whatever the margin, the sequencer decides. */
  static boolean taker(CreateOrderTx tx) {
    boolean conditional = tx.type() >= CreateOrderTx.TYPE_STOP_LOSS
      && tx.type() <= CreateOrderTx.TYPE_TAKE_PROFIT_LIMIT;
    return tx.timeInForce() == CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL && !conditional;
  }

  /** The status an order ends with when the sequencer meets a state that refuses it; null when none refuses it. */
  static String canceledStatus(int refusal) {
    return switch (refusal) {
      case 0 -> null;
      case NOT_ENOUGH_MARGIN -> "canceled-margin-not-allowed";
      case REDUCE_ONLY_INCREASES_POSITION, INVALID_REDUCE_ONLY_DIRECTION -> "canceled-reduce-only";
      default -> "canceled";
    };
  }
}
