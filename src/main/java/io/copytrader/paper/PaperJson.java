package io.copytrader.paper;

import io.copytrader.market.Ticks;
import io.copytrader.paper.PaperEngine.MarketState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Renders the paper exchange's state in Lighter's JSON: field names and types as docs/lighter-api.md ("Numbers")
 * describes them, decimals as strings printed to the market's precision, counters and ids as numbers.
 */
final class PaperJson {

  static final int USDC_DECIMALS = 6;
  /** The quote asset of every market, USDC, as {@code quote_asset_id} names it. */
  static final int USDC_ASSET_ID = 0;
  static final String ONE = "1.000000000000000000";

  private final PaperEngine engine;

  PaperJson(PaperEngine engine) {
    this.engine = engine;
  }

  static JsonObject ok() {
    return new JsonObject().put("code", 200);
  }

  static JsonObject error(int code, String message) {
    return new JsonObject().put("code", code).put("message", message);
  }

  /**
   * Which markets a market list shows.
   *
   * @param marketId null for all
   * @param perps false when only spot markets are asked for (the paper exchange has none)
   */
  record MarketFilter(Long marketId, boolean perps) {

    boolean shows(MarketState market) {
      return perps && (marketId == null || market.spec.marketId() == marketId);
    }
  }

  JsonObject orderBooks(MarketFilter filter) {
    JsonArray books = new JsonArray();
    engine.markets().stream().filter(filter::shows).forEach(market -> books.add(orderBook(market)));
    return ok().put("order_books", books);
  }

  JsonObject orderBookDetails(MarketFilter filter) {
    JsonArray details = new JsonArray();
    engine.markets().stream()
      .filter(filter::shows)
      .forEach(market -> details.add(orderBook(market)
        .put("size_decimals", market.spec.sizeDecimals())
        .put("price_decimals", market.spec.priceDecimals())
        .put("quote_multiplier", 1)
        .put("mark_price", price(market, Funding.mark(market)))
        .put("index_price", price(market, Funding.index(market)))
        .put("default_initial_margin_fraction", market.spec.defaultInitialMarginFraction())
        .put("min_initial_margin_fraction", market.spec.minInitialMarginFraction())
        .put("maintenance_margin_fraction", market.spec.maintenanceMarginFraction())
        .put("closeout_margin_fraction", market.spec.defaultInitialMarginFraction() * 4 / 25)
        .put("last_trade_price", market.mid.doubleValue())
        .put("daily_trades_count", 0)
        .put("daily_base_token_volume", 0.0)
        .put("daily_quote_token_volume", 0.0)
        .put("daily_price_low", market.mid.doubleValue())
        .put("daily_price_high", market.mid.doubleValue())
        .put("daily_price_change", 0.0)
        .put("open_interest", 0.0)
        .put("daily_chart", new JsonObject())
        .put("market_config", new JsonObject().put("market_margin_mode", 0)
          .put("insurance_fund_account_index", 281474976710655L).put("liquidation_mode", 0)
          .put("force_reduce_only", market.access.forceReduceOnly()).put("trading_hours", market.access.tradingHours())
          .put("funding_fee_discounts_enabled", false).put("hidden", market.access.hidden()).put("rfq_enabled", false))
        .put("strategy_index", 0)
        .put("market_flags", 0)
        .put("funding_premium_multiplier", Funding.PREMIUM_MULTIPLIER)
        .put("funding_clamp_small", Funding.CLAMP_SMALL.toPlainString())
        .put("funding_clamp_big", Funding.CLAMP_BIG.toPlainString())
        .put("base_interest_rate", Funding.BASE_INTEREST_RATE.toPlainString())));
    return ok().put("order_book_details", details).put("spot_order_book_details", new JsonArray());
  }

  static JsonObject orderBook(MarketState market) {
    PaperMarket spec = market.spec;
    return new JsonObject()
      .put("symbol", spec.symbol())
      .put("market_id", spec.marketId())
      .put("market_type", "perp")
      .put("base_asset_id", spec.marketId() + 1)
      .put("quote_asset_id", USDC_ASSET_ID)
      .put("status", spec.active() ? "active" : "inactive")
      .put("taker_fee", "0.0000")
      .put("is_taker_fee_enabled", true)
      .put("maker_fee", "0.0000")
      .put("is_maker_fee_enabled", true)
      .put("liquidation_fee", "1.0000")
      .put("min_base_amount", spec.minBaseAmount().setScale(spec.sizeDecimals(), RoundingMode.UNNECESSARY)
        .toPlainString())
      .put("min_quote_amount", usdc(spec.minQuoteAmount()))
      .put("order_quote_limit", "281474976.710655")
      .put("supported_size_decimals", spec.sizeDecimals())
      .put("supported_price_decimals", spec.priceDecimals())
      .put("supported_quote_decimals", USDC_DECIMALS)
      .put("created_at", Long.toString(market.createdAt))
      // 1 unless a test sets another (PaperControls): the paper exchange's sizes are in base units either way.
      .put("multiplier", market.access.multiplier().setScale(18, RoundingMode.HALF_EVEN).toPlainString());
  }

  JsonObject orderBookOrders(MarketState market, int limit) {
    JsonArray asks = new JsonArray();
    JsonArray bids = new JsonArray();
    List<SyntheticBook.Level> askLevels = market.book.asks();
    List<SyntheticBook.Level> bidLevels = market.book.bids();
    for (int i = 0; i < Math.min(limit, askLevels.size()); i++) {
      asks.add(simpleOrder(market, askLevels.get(i), SyntheticBook.makerOrderIndex(market.spec.marketId(), true, i)));
    }
    for (int i = 0; i < Math.min(limit, bidLevels.size()); i++) {
      bids.add(simpleOrder(market, bidLevels.get(i), SyntheticBook.makerOrderIndex(market.spec.marketId(), false, i)));
    }
    return ok().put("total_asks", asks.size()).put("asks", asks).put("total_bids", bids.size()).put("bids", bids);
  }

  private static JsonObject simpleOrder(MarketState market, SyntheticBook.Level level, long index) {
    String size = level.size().setScale(market.spec.sizeDecimals(), RoundingMode.DOWN).toPlainString();
    return new JsonObject()
      .put("order_index", index)
      .put("order_id", Long.toString(index))
      .put("owner_account_index", 0)
      .put("initial_base_amount", size)
      .put("remaining_base_amount", size)
      .put("price", level.price().setScale(market.spec.priceDecimals(), RoundingMode.UNNECESSARY).toPlainString())
      .put("order_expiry", 0)
      .put("transaction_time", 0);
  }

  JsonObject account(PaperAccountState account, boolean activeOnly) {
    JsonArray positions = new JsonArray();
    long pending = 0;
    for (PaperPosition position : account.positions.values()) {
      if (activeOnly && position.size.signum() == 0) {
        continue;
      }
      positions.add(position(account, position));
    }
    for (PaperOrder order : account.live) {
      if (PaperEngine.PENDING.equals(order.status)) {
        pending++;
      }
    }
    BigDecimal equity = engine.equity(account);
    return accountScalars(account)
      .put("pending_order_count", pending)
      // A paper account is a plain main account: no name, description, referrals, RFQ, pool or shares.
      .put("name", "")
      .put("description", "")
      .put("can_invite", false)
      .put("referral_points_percentage", "0")
      .put("can_rfq", false)
      .put("can_rfq_market_ids", new JsonArray())
      .put("created_at", account.createdAt / 1000)
      .put("metadata", new JsonObject().put("color", ""))
      .put("positions", positions)
      .put("assets", new JsonArray().add(usdcAsset(account)))
      .put("total_asset_value", usdc(equity))
      .put("cross_asset_value", usdc(equity))
      .put("cross_initial_margin_requirement", usdc(engine.marginInUse(account)))
      .put("cross_maintenance_margin_requirement", usdc(engine.maintenanceMargin(account)))
      .put("pool_info", new JsonObject().put("status", 0).put("operator_fee", "0").put("min_operator_share_rate", "0")
        .put("total_shares", 0).put("operator_shares", 0).put("annual_percentage_yield", 0.0).put("sharpe_ratio", 0.0)
        .put("daily_returns", new JsonArray()).put("share_prices", new JsonArray()).put("strategies", new JsonArray()))
      .put("shares", new JsonArray())
      .put("pending_unlocks", new JsonArray())
      .put("approved_integrators", new JsonArray());
  }

  /** The account's USDC: its collateral, all of it margin for its cross positions. */
  static JsonObject usdcAsset(PaperAccountState account) {
    return new JsonObject()
      .put("symbol", "USDC")
      .put("asset_id", USDC_ASSET_ID)
      .put("balance", usdc(account.collateral))
      .put("locked_balance", usdc(BigDecimal.ZERO))
      .put("margin_mode", "enabled")
      .put("margin_balance", usdc(account.collateral))
      .put("multiplier", ONE);
  }

  JsonObject accountScalars(PaperAccountState account) {
    return new JsonObject()
      .put("code", 0)
      .put("account_type", 0)
      .put("index", account.index)
      .put("account_index", account.index)
      .put("l1_address", account.l1Address)
      .put("cancel_all_time", account.cancelAllTime)
      .put("total_order_count", account.live.size())
      .put("total_isolated_order_count", 0)
      .put("pending_order_count", 0)
      .put("available_balance", usdc(engine.available(account)))
      .put("status", 1)
      .put("collateral", usdc(account.collateral))
      .put("transaction_time", System.currentTimeMillis() * 1000)
      .put("account_trading_mode", 0);
  }

  private JsonObject position(PaperAccountState account, PaperPosition position) {
    MarketState market = engine.market(position.marketId).orElse(null);
    PaperMarket spec = market.spec;
    long open = account.live.stream().filter(order -> order.marketId == position.marketId).count();
    BigDecimal imfPercent = BigDecimal.valueOf(position.initialMarginFraction, 2);
    return new JsonObject()
      .put("market_id", spec.marketId())
      .put("symbol", spec.symbol())
      .put("initial_margin_fraction", imfPercent.toPlainString())
      .put("open_order_count", open)
      .put("pending_order_count", account.live.stream()
        .filter(order -> order.marketId == position.marketId && PaperEngine.PENDING.equals(order.status)).count())
      .put("position_tied_order_count", account.live.stream()
        .filter(order -> order.marketId == position.marketId && order.positionTied).count())
      .put("sign", position.size.signum() < 0 ? -1 : 1)
      .put("position", position.size.abs().setScale(spec.sizeDecimals(), RoundingMode.UNNECESSARY).toPlainString())
      .put("avg_entry_price", position.entry.setScale(spec.priceDecimals(), RoundingMode.HALF_EVEN).toPlainString())
      .put("position_value", usdc(position.size.abs().multiply(market.mid)))
      .put("unrealized_pnl", usdc(position.unrealized(market.mid)))
      .put("realized_pnl", usdc(position.realized))
      .put("liquidation_price", "0")
      .put("total_funding_paid_out", "0.000000")
      .put("margin_mode", position.marginMode)
      .put("margin_set_flag", position.marginSet ? 1 : 0)
      .put("allocated_margin", "0.000000")
      // No funding is paid (Funding), so none is discounted.
      .put("total_discount", "0.000000");
  }

  JsonObject order(PaperOrder order) {
    MarketState market = engine.market(order.marketId).orElse(null);
    int size = market.spec.sizeDecimals();
    int price = market.spec.priceDecimals();
    return new JsonObject()
      .put("order_index", order.orderIndex)
      .put("client_order_index", order.clientOrderIndex)
      .put("order_id", Long.toString(order.orderIndex))
      .put("client_order_id", Long.toString(order.clientOrderIndex))
      .put("market_index", order.marketId)
      .put("owner_account_index", order.owner)
      .put("initial_base_amount", scaled(order.initialBase, size))
      .put("price", scaled(order.price, price))
      .put("nonce", order.nonce)
      .put("remaining_base_amount", scaled(order.remainingBase, size))
      .put("is_ask", order.isAsk)
      .put("base_size", Ticks.toTicks(order.initialBase, size, RoundingMode.HALF_EVEN))
      .put("base_price", Ticks.toTicks(order.price, price, RoundingMode.HALF_EVEN))
      .put("filled_base_amount", scaled(order.filledBase, size))
      .put("filled_quote_amount", usdc(order.filledQuote))
      .put("side", order.isAsk ? "sell" : "buy")
      .put("type", order.typeName())
      .put("time_in_force", order.timeInForceName())
      .put("reduce_only", order.reduceOnly)
      .put("trigger_price", scaled(order.triggerPrice, price))
      .put("order_expiry", order.orderExpiry)
      .put("status", order.status)
      .put("trigger_status", order.triggerStatus)
      .put("trigger_time", order.triggerTime)
      .put("parent_order_index", order.parentOrderIndex)
      .put("parent_order_id", Long.toString(order.parentOrderIndex))
      .put("to_trigger_order_id_0", Long.toString(order.triggersOrderIndex0))
      .put("to_trigger_order_id_1", Long.toString(order.triggersOrderIndex1))
      .put("to_cancel_order_id_0", Long.toString(order.cancelsOrderIndex))
      .put("integrator_fee_collector_index", "0")
      .put("integrator_taker_fee", "0")
      .put("integrator_maker_fee", "0")
      // The bit layout of Lighter's flags is not documented (docs/lighter-api.md, "Grouped orders"): none is set.
      .put("order_flags", 0)
      .put("block_height", 0)
      // Seconds, as Lighter gives them (issue 16); order_expiry and trigger_time stay in ms, as signed.
      .put("timestamp", order.updatedAt / 1000)
      .put("created_at", order.createdAt / 1000)
      .put("updated_at", order.updatedAt / 1000)
      .put("transaction_time", order.updatedAt * 1000);
  }

  JsonObject orders(List<PaperOrder> orders) {
    JsonArray array = new JsonArray();
    orders.forEach(order -> array.add(order(order)));
    return ok().put("orders", array);
  }

  /**
   * Lighter's Trade: the account's order is the taker, the book's synthetic order the maker (owner 0, no position,
   * nothing realized); no fees (the markets charge none, {@code taker_fee} "0.0000"), no integrator, cross margin.
   */
  JsonObject trade(PaperTrade trade) {
    MarketState market = engine.market(trade.marketId()).orElse(null);
    int sizeDecimals = market.spec.sizeDecimals();
    long askId = trade.takerIsAsk() ? trade.takerOrderIndex() : trade.makerOrderIndex();
    long bidId = trade.takerIsAsk() ? trade.makerOrderIndex() : trade.takerOrderIndex();
    long askClientId = trade.takerIsAsk() ? trade.takerClientOrderIndex() : 0;
    long bidClientId = trade.takerIsAsk() ? 0 : trade.takerClientOrderIndex();
    String takerPnl = usdc(trade.takerPnl());
    String none = usdc(BigDecimal.ZERO);
    return new JsonObject()
      .put("trade_id", trade.tradeId()).put("trade_id_str", Long.toString(trade.tradeId()))
      .put("tx_hash", trade.txHash()).put("type", "trade").put("market_id", trade.marketId())
      .put("size", scaled(trade.size(), sizeDecimals))
      .put("price", price(market, trade.price()))
      .put("usd_amount", usdc(trade.size().multiply(trade.price())))
      .put("ask_id", askId).put("ask_id_str", Long.toString(askId))
      .put("bid_id", bidId).put("bid_id_str", Long.toString(bidId))
      .put("ask_client_id", askClientId).put("ask_client_id_str", Long.toString(askClientId))
      .put("bid_client_id", bidClientId).put("bid_client_id_str", Long.toString(bidClientId))
      .put("ask_account_id", trade.takerIsAsk() ? trade.takerAccount() : 0)
      .put("bid_account_id", trade.takerIsAsk() ? 0 : trade.takerAccount())
      .put("is_maker_ask", !trade.takerIsAsk())
      .put("block_height", 0)
      .put("timestamp", trade.timestamp())
      .put("taker_fee", 0)
      .put("taker_position_size_before", scaled(trade.takerPositionBefore(), sizeDecimals))
      .put("taker_entry_quote_before", usdc(trade.takerEntryQuoteBefore()))
      .put("taker_initial_margin_fraction_before", trade.takerImfBefore())
      .put("taker_position_sign_changed", trade.takerSignChanged())
      .put("maker_fee", 0)
      .put("maker_position_size_before", scaled(BigDecimal.ZERO, sizeDecimals))
      .put("maker_entry_quote_before", none)
      .put("maker_initial_margin_fraction_before", 0)
      .put("maker_position_sign_changed", false)
      .put("transaction_time", trade.timestamp() * 1000)
      .put("ask_account_pnl", trade.takerIsAsk() ? takerPnl : none)
      .put("bid_account_pnl", trade.takerIsAsk() ? none : takerPnl)
      .put("integrator_taker_fee", 0).put("integrator_taker_fee_collector_index", 0)
      .put("integrator_maker_fee", 0).put("integrator_maker_fee_collector_index", 0)
      .put("taker_allocated_margin_usdc_before", 0).put("taker_allocated_margin_usdc_after", 0)
      .put("maker_allocated_margin_usdc_before", 0).put("maker_allocated_margin_usdc_after", 0);
  }

  /** A tx as {@code tx?by=hash} shows it; {@code status} 1 pending (queued), 2 executed. */
  static JsonObject tx(Sequencer.StoredTx tx, String l1Address, int status) {
    return ok()
      .put("hash", tx.hash())
      .put("type", tx.type())
      .put("info", tx.info())
      .put("event_info", tx.eventInfo())
      .put("status", status)
      .put("transaction_index", 0)
      .put("l1_address", l1Address)
      .put("account_index", tx.accountIndex())
      .put("nonce", tx.nonce())
      .put("expire_at", tx.expireAt())
      .put("block_height", 0)
      .put("queued_at", tx.queuedAt())
      .put("executed_at", tx.executedAt())
      .put("sequence_index", tx.sequenceIndex())
      .put("parent_hash", "")
      .put("api_key_index", tx.apiKeyIndex())
      .put("transaction_time", tx.executedAt() * 1000)
      .put("committed_at", tx.executedAt())
      .put("verified_at", tx.executedAt());
  }

  static String price(MarketState market, BigDecimal price) {
    return scaled(price, market.spec.priceDecimals());
  }

  static String scaled(BigDecimal value, int decimals) {
    return value.setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
  }

  static String usdc(BigDecimal value) {
    return value.setScale(USDC_DECIMALS, RoundingMode.HALF_EVEN).toPlainString();
  }
}
