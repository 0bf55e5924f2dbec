package io.copytrader.paper;

import static io.copytrader.lighter.LighterErrorCodes.INVALID_BASE_AMOUNT;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_TRIGGER_PRICE;

import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.ModifyOrderTx;
import io.copytrader.market.MarketAccess;
import io.copytrader.market.Ticks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The paper exchange's markets, accounts and matching: market and IOC orders fill against the synthetic
 * book up to their worst price, positions keep entry and PnL, stop-loss orders rest until the mark price
 * crosses their trigger. Not thread-safe: the exchange confines it to its own context.
 */
final class PaperEngine {

  /** Order indexes the exchange assigns start above the client order index range, as on Lighter. */
  private static final long FIRST_ORDER_INDEX = 1L << 48;
  /** An untriggered stop-loss or take-profit order (with {@code trigger_status} "mark-price"). */
  static final String PENDING = "pending";
  /** A limit order resting on the book. */
  static final String OPEN = "open";

  static final class MarketState {
    final PaperMarket spec;
    /** When the exchange listed it (epoch ms): when it started. */
    final long createdAt = System.currentTimeMillis();
    BigDecimal mid;
    SyntheticBook book;
    /** What {@code orderBookDetails} shows of its tradability; the test controls change it. */
    MarketAccess access = MarketAccess.OPEN;

    MarketState(PaperMarket spec, BookShape shape) {
      this.spec = spec;
      this.mid = spec.midPrice();
      this.book = new SyntheticBook(spec, shape, mid);
    }

    /** The account's initial margin fraction here: the one it chose, else the market's default. */
    BigDecimal imf(PaperAccountState account) {
      return PaperPosition.imf(account.positions.get(spec.marketId()), spec.defaultInitialMarginFraction());
    }

    BigDecimal maintenanceFraction() {
      return PaperPosition.fraction(spec.maintenanceMarginFraction());
    }
  }

  private final BookShape shape;
  private final Map<Integer, MarketState> markets = new LinkedHashMap<>();
  private final Map<Long, PaperAccountState> accounts = new LinkedHashMap<>();
  private final TradeLog trades = new TradeLog();
  /** CreateGroupedOrders: the links between orders and what they do to each other. */
  private final GroupedOrders grouped;
  private long nextOrderIndex = FIRST_ORDER_INDEX;

  PaperEngine(PaperConfig config) {
    this.shape = config.book();
    this.grouped = new GroupedOrders(this, config.grouped());
    config.markets().forEach(market -> markets.put(market.marketId(), new MarketState(market, shape)));
    config.accounts().forEach(this::addAccount);
  }

  void addAccount(PaperAccount account) {
    PaperAccountState state = accounts.computeIfAbsent(account.accountIndex(),
      index -> new PaperAccountState(index, account.l1Address(), account.collateral()));
    account.apiPublicKeysHex().forEach(state::registerKey);
  }

  Optional<MarketState> market(int marketId) {
    return Optional.ofNullable(markets.get(marketId));
  }

  Collection<MarketState> markets() {
    return Collections.unmodifiableCollection(markets.values());
  }

  /** The account, or null when the exchange has none with that index. */
  PaperAccountState account(long accountIndex) {
    return accounts.get(accountIndex);
  }

  Collection<PaperAccountState> accounts() {
    return Collections.unmodifiableCollection(accounts.values());
  }

  /** The fills, oldest first, for the endpoints and feeds that read them. */
  TradeLog trades() {
    return trades;
  }

  GroupedOrders grouped() {
    return grouped;
  }

  // ----- account values (mark price = mid)

  BigDecimal unrealized(PaperAccountState account) {
    BigDecimal total = BigDecimal.ZERO;
    for (PaperPosition position : account.positions.values()) {
      total = total.add(position.unrealized(markets.get(position.marketId).mid));
    }
    return total;
  }

  BigDecimal equity(PaperAccountState account) {
    return account.collateral.add(unrealized(account));
  }

  BigDecimal marginInUse(PaperAccountState account) {
    BigDecimal total = BigDecimal.ZERO;
    for (PaperPosition position : account.positions.values()) {
      MarketState market = markets.get(position.marketId);
      total = total.add(position.size.abs().multiply(market.mid).multiply(market.imf(account)));
    }
    return total;
  }

  /** The margin the positions need before liquidation: the maintenance fraction of each notional. */
  BigDecimal maintenanceMargin(PaperAccountState account) {
    BigDecimal total = BigDecimal.ZERO;
    for (PaperPosition position : account.positions.values()) {
      MarketState market = markets.get(position.marketId);
      total = total.add(position.size.abs().multiply(market.mid).multiply(market.maintenanceFraction()));
    }
    return total;
  }

  BigDecimal available(PaperAccountState account) {
    return equity(account).subtract(marginInUse(account)).max(BigDecimal.ZERO);
  }

  PaperPosition position(PaperAccountState account, MarketState market) {
    return account.positions.computeIfAbsent(market.spec.marketId(),
      id -> new PaperPosition(id, market.spec.sizeDecimals(), market.spec.defaultInitialMarginFraction()));
  }

  // ----- order execution

  PaperOrder create(PaperAccountState account, CreateOrderTx tx, long now) {
    return place(account, newOrder(account, tx, now), now);
  }

  /** Puts a new order in force: it triggers, rests or takes as its type says. */
  PaperOrder place(PaperAccountState account, PaperOrder order, long now) {
    MarketState market = markets.get(order.marketId);
    account.live.add(order);
    if (order.isConditional()) {
      order.status = PENDING;
      order.triggerStatus = "mark-price";
      triggerIfCrossed(account, market, order, now);
    } else if (order.timeInForce == CreateOrderTx.TIF_POST_ONLY && market.book.crosses(order.isAsk, order.price)) {
      order.triggerStatus = "na";
      cancel(account, order, "canceled-post-only", now);
    } else {
      order.status = "in-progress";
      order.triggerStatus = "na";
      take(account, market, order, now);
    }
    return order;
  }

  /** An order the sequencer refused: it exists, unfilled, already finished with {@code status}. */
  PaperOrder createCanceled(PaperAccountState account, CreateOrderTx tx, String status, long now) {
    return placeCanceled(account, newOrder(account, tx, now), status, now);
  }

  PaperOrder placeCanceled(PaperAccountState account, PaperOrder order, String status, long now) {
    order.triggerStatus = "na";
    account.live.add(order);
    cancel(account, order, status, now);
    return order;
  }

  PaperOrder newOrder(PaperAccountState account, CreateOrderTx tx, long now) {
    MarketState market = markets.get(tx.marketIndex());
    return new PaperOrder(nextOrderIndex++, tx.clientOrderIndex(), tx.marketIndex(), account.index,
      tx.isAsk() == 1, tx.type(), tx.timeInForce(), tx.reduceOnly() == 1, base(market, tx.baseAmount()),
      price(market, tx.price()), price(market, tx.triggerPrice()), tx.orderExpiry(), tx.nonce(), now);
  }

  Optional<PaperOrder> liveOrder(PaperAccountState account, int marketId, long index) {
    return account.live.stream()
      .filter(order -> order.marketId == marketId && (order.orderIndex == index || order.clientOrderIndex == index))
      .findFirst();
  }

  /** Ends a live order with {@code status}; an order already finished stays as it ended. */
  void cancel(PaperAccountState account, PaperOrder order, String status, long now) {
    if (!account.live.contains(order)) {
      return;
    }
    order.status = status;
    order.updatedAt = now;
    account.retire(order);
    grouped.ended(account, order, now);
  }

  /** Cancels the account's live orders, in one market or (marketId null) in all. */
  void cancelAll(PaperAccountState account, Integer marketId, long now) {
    for (PaperOrder order : new ArrayList<>(account.live)) {
      if (marketId == null || order.marketId == marketId) {
        cancel(account, order, "canceled", now);
      }
    }
  }

  /**
   * The Lighter error code refusing this modification, or 0: a conditional order keeps a trigger, an order
   * that is not position-tied keeps a size.
   */
  int modifyRefusal(PaperOrder order, ModifyOrderTx tx) {
    if (tx.baseAmount() == 0 && !order.positionTied) {
      return INVALID_BASE_AMOUNT;
    }
    if (order.isConditional() != (tx.triggerPrice() != 0)) {
      return INVALID_TRIGGER_PRICE;
    }
    return 0;
  }

  void modify(PaperAccountState account, PaperOrder order, ModifyOrderTx tx, long now) {
    MarketState market = markets.get(order.marketId);
    BigDecimal newBase = base(market, tx.baseAmount());
    order.initialBase = order.filledBase.add(newBase);
    order.remainingBase = newBase;
    order.price = price(market, tx.price());
    order.triggerPrice = price(market, tx.triggerPrice());
    order.updatedAt = now;
    if (PENDING.equals(order.status)) {
      triggerIfCrossed(account, market, order, now);
    } else if (OPEN.equals(order.status)) {
      take(account, market, order, now);
    }
  }

  /** Applies scheduled cancel-alls and order expiries that are due; true when anything changed. */
  boolean sweep(long now) {
    boolean changed = false;
    for (PaperAccountState account : accounts.values()) {
      if (account.cancelAllTime > 0 && account.cancelAllTime <= now) {
        account.cancelAllTime = 0;
        cancelAll(account, null, now);
        changed = true;
      }
      for (PaperOrder order : new ArrayList<>(account.live)) {
        if (order.orderExpiry > 0 && order.orderExpiry <= now) {
          cancel(account, order, "canceled-expired", now);
          changed = true;
        }
      }
    }
    return changed;
  }

  /** Moves a market's mid price (the mark), redraws its book and lets resting orders react. */
  void setMid(int marketId, BigDecimal mid, long now) {
    MarketState market = markets.get(marketId);
    market.mid = Ticks.round(mid, market.spec.priceDecimals(), RoundingMode.HALF_EVEN);
    market.book = new SyntheticBook(market.spec, shape, market.mid);
    for (PaperAccountState account : accounts.values()) {
      for (PaperOrder order : new ArrayList<>(account.live)) {
        if (order.marketId != marketId || !account.live.contains(order)) {
          continue;
        }
        if (PENDING.equals(order.status)) {
          triggerIfCrossed(account, market, order, now);
        } else if (OPEN.equals(order.status)) {
          take(account, market, order, now);
        }
      }
    }
  }

  void triggerIfCrossed(PaperAccountState account, MarketState market, PaperOrder order, long now) {
    if (GroupedOrders.awaitsParent(order) || !order.triggeredAt(market.mid)) {
      return;
    }
    order.triggerStatus = "na";
    order.triggerTime = now;
    order.status = "in-progress";
    grouped.triggered(account, order, now);
    take(account, market, order, now);
  }

  /**
   * Fills what the book allows within the order's price. An IOC remainder is cancelled with the reason;
   * a GTT remainder rests as an open limit order.
   */
  private void take(PaperAccountState account, MarketState market, PaperOrder order, long now) {
    BigDecimal held = positionSize(account, market.spec.marketId());
    if (order.positionTied) {
      order.remainingBase = held.abs();
      order.initialBase = order.filledBase.add(order.remainingBase);
    }
    BigDecimal size = order.remainingBase;
    if (order.reduceOnly) {
      boolean reduces = held.signum() != 0 && order.isAsk == (held.signum() > 0);
      size = reduces ? size.min(held.abs()) : BigDecimal.ZERO;
      if (size.signum() == 0) {
        cancel(account, order, "canceled-reduce-only", now);
        return;
      }
    }
    SyntheticBook.Match match = market.book.take(order.isAsk, size, order.price);
    boolean closed = false;
    boolean flipped = false;
    if (match.filledBase().signum() > 0) {
      order.fill(match.filledBase(), match.filledQuote());
      PaperPosition position = position(account, market);
      for (SyntheticBook.Fill fill : match.fills()) {
        trade(account, market, order, position, fill, now);
      }
      closed = held.signum() != 0 && position.size.signum() == 0;
      flipped = held.signum() * position.size.signum() < 0;
    }
    order.updatedAt = now;
    boolean immediate = order.timeInForce == CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL;
    if (order.remainingBase.signum() == 0) {
      order.status = "filled";
      account.retire(order);
    } else if (order.reduceOnly && match.stoppedBy() == null) {
      // Capped at the position: the position is gone, so the rest of a reduce-only order is void.
      cancel(account, order, "canceled-reduce-only", now);
    } else if (immediate) {
      cancel(account, order, match.stoppedBy(), now);
    } else {
      order.status = OPEN;
    }
    if (closed || flipped) {
      // At flat every reduce-only order is void; at a flip only position-tied ones are documented to end (a sized
      // reduce-only order's fate there is not: docs/lighter-api.md, "Grouped orders"), so sized ones stay.
      for (PaperOrder other : new ArrayList<>(account.live)) {
        if (other.marketId == market.spec.marketId() && other.reduceOnly && !GroupedOrders.awaitsParent(other)
          && (closed || other.positionTied)) {
          cancel(account, other, "canceled-reduce-only", now);
        }
      }
    }
    grouped.taken(account, order, now);
  }

  /** Applies one level's fill to the position and the collateral, and records it as a trade. */
  private void trade(PaperAccountState account, MarketState market, PaperOrder order, PaperPosition position,
                     SyntheticBook.Fill fill, long now) {
    BigDecimal before = position.size;
    BigDecimal entryQuoteBefore = position.entry.multiply(before.abs());
    BigDecimal pnl = position.apply(order.isAsk ? fill.size().negate() : fill.size(), fill.price(),
      market.spec.priceDecimals());
    account.collateral = account.collateral.add(pnl);
    trades.record(market.spec.marketId(), fill.size(), fill.price(), account.index, order,
      SyntheticBook.makerOrderIndex(market.spec.marketId(), !order.isAsk, fill.level()), before, entryQuoteBefore,
      position.initialMarginFraction, before.signum() * position.size.signum() < 0, pnl, now);
  }

  /** The account's signed position in a market, zero when it has never traded there. */
  static BigDecimal positionSize(PaperAccountState account, int marketId) {
    PaperPosition position = account.positions.get(marketId);
    return position == null ? BigDecimal.ZERO : position.size;
  }

  static BigDecimal base(MarketState market, long ticks) {
    return Ticks.fromTicks(ticks, market.spec.sizeDecimals());
  }

  static BigDecimal price(MarketState market, long ticks) {
    return Ticks.fromTicks(ticks, market.spec.priceDecimals());
  }
}
