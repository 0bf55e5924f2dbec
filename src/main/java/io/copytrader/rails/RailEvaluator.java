package io.copytrader.rails;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks an order against an account's rails. Exits (close, decrease, reduce-only) pass every rail, whatever the
 * kill switch says: halt and flatten both stop openings only, so no rail can trap a position. An opening is
 * checked by every rail in {@link Rail} order; the caps ({@link Rail#MAX_POSITION}, {@link Rail#MAX_LEVERAGE}) cut
 * it to the room left, rounded down to the market's size step, and refuse it only when no step fits; every other
 * rail refuses. A figure a rail needs that is missing makes it refuse.
 */
public final class RailEvaluator {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final MathContext FLOOR = new MathContext(34, RoundingMode.FLOOR);

  private RailEvaluator() {
  }

  public static RailOutcome evaluate(RailLimits limits, KillMode killMode, RailRequest request, AccountState state,
                                     Instant now) {
    if (request.isExit()) {
      return exit(killMode, request.size());
    }
    List<RailVerdict> verdicts = new ArrayList<>();
    verdicts.add(killSwitch(killMode));
    verdicts.add(allowlist(limits, request));
    verdicts.add(recent(Rail.DEDUPE, limits.dedupeWindow(), state.recentSignals().get(request.fingerprint()),
      request.receivedAt(), "identical signal"));
    verdicts.add(recent(Rail.COOLDOWN, limits.cooldown(), state.lastOpeningByMarket().get(request.marketId()), now,
      "last opening in market " + request.marketId()));
    verdicts.add(ordersPerDay(limits, state));
    verdicts.add(dailyLoss(limits, state));
    verdicts.add(drawdown(limits, state));
    Capped position = positionCap(limits, request, state, request.size());
    verdicts.add(position.verdict());
    Capped leverage = leverageCap(limits, request, state, position.size());
    verdicts.add(leverage.verdict());
    BigDecimal size = leverage.size();
    verdicts.add(margin(limits, request, state, size));
    Rail refusedBy = verdicts.stream().filter(verdict -> verdict.verdict() == Verdict.REFUSE).map(RailVerdict::rail)
      .findFirst().orElse(null);
    return new RailOutcome(verdicts, refusedBy == null ? size : null, refusedBy);
  }

  private static RailOutcome exit(KillMode killMode, BigDecimal size) {
    List<RailVerdict> verdicts = new ArrayList<>();
    for (Rail rail : Rail.values()) {
      String detail = rail == Rail.KILL_SWITCH
        ? "exit; kill switch " + killMode.wire() + " lets exits through" : "exit; not limited";
      verdicts.add(new RailVerdict(rail, Verdict.PASS, detail));
    }
    return new RailOutcome(verdicts, size, null);
  }

  private static RailVerdict killSwitch(KillMode mode) {
    return mode == KillMode.OFF ? pass(Rail.KILL_SWITCH, "kill switch off")
      : refuse(Rail.KILL_SWITCH, "kill switch " + mode.wire() + " refuses openings");
  }

  private static RailVerdict allowlist(RailLimits limits, RailRequest request) {
    String detail = request.symbol() + (limits.symbolAllowlist().allows(request.symbol()) ? " in " : " not in ")
      + limits.symbolAllowlist().text();
    return limits.symbolAllowlist().allows(request.symbol()) ? pass(Rail.SYMBOL_ALLOWLIST, detail)
      : refuse(Rail.SYMBOL_ALLOWLIST, detail);
  }

  /** Refuses when less than {@code window} lies between {@code last} and {@code now}; a zero window is off. */
  private static RailVerdict recent(Rail rail, Duration window, Instant last, Instant now, String what) {
    if (window.isZero()) {
      return pass(rail, "disabled (0 s)");
    }
    if (last == null) {
      return pass(rail, "no " + what + " within " + seconds(window));
    }
    Duration since = Duration.between(last, now);
    String detail = what + " " + seconds(since) + " ago, window " + seconds(window);
    return since.compareTo(window) < 0 ? refuse(rail, detail) : pass(rail, detail);
  }

  private static RailVerdict ordersPerDay(RailLimits limits, AccountState state) {
    String detail = state.openingOrdersToday() + " opening orders today, at most " + limits.maxOrdersPerDay();
    return state.openingOrdersToday() < limits.maxOrdersPerDay() ? pass(Rail.MAX_ORDERS_PER_DAY, detail)
      : refuse(Rail.MAX_ORDERS_PER_DAY, detail);
  }

  private static RailVerdict dailyLoss(RailLimits limits, AccountState state) {
    if (state.realizedPnlToday() == null || state.unrealizedPnlToday() == null) {
      return refuse(Rail.MAX_DAILY_LOSS, "today's PnL is not known");
    }
    BigDecimal loss = LossWatch.dailyLoss(state.realizedPnlToday(), state.unrealizedPnlToday());
    String detail = "loss today " + usd(loss) + " (realized " + usd(state.realizedPnlToday()) + ", unrealized "
      + usd(state.unrealizedPnlToday()) + "), limit " + usd(limits.maxDailyLossUsd());
    return loss.compareTo(limits.maxDailyLossUsd()) < 0 ? pass(Rail.MAX_DAILY_LOSS, detail)
      : refuse(Rail.MAX_DAILY_LOSS, detail);
  }

  private static RailVerdict drawdown(RailLimits limits, AccountState state) {
    BigDecimal drawdown = LossWatch.drawdownPct(state.equity(), state.equityPeak());
    if (drawdown == null) {
      return refuse(Rail.MAX_DRAWDOWN, "equity or its peak is not known");
    }
    String detail = "drawdown " + plain(drawdown.setScale(2, RoundingMode.HALF_UP)) + " % (equity "
      + usd(state.equity()) + ", peak " + usd(state.equityPeak()) + "), limit " + plain(limits.maxDrawdownPct())
      + " %";
    return drawdown.compareTo(limits.maxDrawdownPct()) < 0 ? pass(Rail.MAX_DRAWDOWN, detail)
      : refuse(Rail.MAX_DRAWDOWN, detail);
  }

  /** A cap's verdict and the size that goes on to the next rail. */
  private record Capped(RailVerdict verdict, BigDecimal size) {
  }

  private static Capped positionCap(RailLimits limits, RailRequest request, AccountState state, BigDecimal size) {
    if (!positive(request.worstPrice())) {
      return new Capped(refuse(Rail.MAX_POSITION, "no worst price to value the position at"), size);
    }
    String detail = "position " + plain(state.signedSize(request.marketId())) + ", order "
      + request.side().wire() + " " + plain(size) + " at " + plain(request.worstPrice()) + ", limit "
      + usd(limits.maxPositionUsd());
    return cap(Rail.MAX_POSITION, limits.maxPositionUsd(), request, state, size, detail);
  }

  private static Capped leverageCap(RailLimits limits, RailRequest request, AccountState state, BigDecimal size) {
    if (!positive(request.worstPrice())) {
      return new Capped(refuse(Rail.MAX_LEVERAGE, "no worst price to value the position at"), size);
    }
    if (!positive(state.equity())) {
      return new Capped(refuse(Rail.MAX_LEVERAGE, "equity is not known or not above 0"), size);
    }
    BigDecimal others = BigDecimal.ZERO;
    for (Map.Entry<Integer, MarketExposure> position : state.positions().entrySet()) {
      if (position.getKey() == request.marketId()) {
        continue;
      }
      BigDecimal notional = position.getValue().notional();
      if (notional == null) {
        return new Capped(refuse(Rail.MAX_LEVERAGE, "no mark price for the position in market "
          + position.getKey()), size);
      }
      others = others.add(notional);
    }
    BigDecimal exposureCap = limits.maxLeverage().multiply(state.equity());
    String detail = "other markets " + usd(others) + ", position " + plain(state.signedSize(request.marketId()))
      + ", order " + request.side().wire() + " " + plain(size) + " at " + plain(request.worstPrice()) + ", equity "
      + usd(state.equity()) + ", limit " + plain(limits.maxLeverage()) + "x = " + usd(exposureCap);
    return cap(Rail.MAX_LEVERAGE, exposureCap.subtract(others), request, state, size, detail);
  }

  /**
   * Lets through the part of the order that keeps this market's position within {@code capUsd} at the worst price:
   * with the position {@code p} and the order's direction {@code d}, {@code |p + d × size| × price ≤ capUsd} holds
   * for every size up to {@code capUsd / price − d × p}.
   */
  private static Capped cap(Rail rail, BigDecimal capUsd, RailRequest request, AccountState state,
                                 BigDecimal size, String detail) {
    BigDecimal position = state.signedSize(request.marketId());
    BigDecimal room = capUsd.divide(request.worstPrice(), FLOOR)
      .subtract(position.multiply(BigDecimal.valueOf(request.direction())));
    BigDecimal fits = room.signum() <= 0 ? BigDecimal.ZERO
      : room.divide(request.sizeStep(), 0, RoundingMode.FLOOR).multiply(request.sizeStep());
    if (fits.compareTo(size) >= 0) {
      return new Capped(pass(rail, detail), size);
    }
    if (fits.signum() > 0) {
      return new Capped(new RailVerdict(rail, Verdict.CUT, detail + "; cut to " + plain(fits)), fits);
    }
    return new Capped(refuse(rail, detail + "; no room left"), size);
  }

  private static RailVerdict margin(RailLimits limits, RailRequest request, AccountState state, BigDecimal size) {
    if (!positive(state.equity()) || state.availableMargin() == null) {
      return refuse(Rail.MIN_AVAILABLE_MARGIN, "equity or available margin is not known");
    }
    if (!positive(request.worstPrice()) || !positive(request.initialMarginFraction())) {
      return refuse(Rail.MIN_AVAILABLE_MARGIN, "no worst price or initial margin to size the order's margin");
    }
    BigDecimal required = size.multiply(request.worstPrice()).multiply(request.initialMarginFraction());
    BigDecimal after = state.availableMargin().subtract(required);
    BigDecimal afterPct = after.multiply(HUNDRED).divide(state.equity(), FLOOR);
    String detail = "available " + usd(state.availableMargin()) + " - order margin " + usd(required) + " = "
      + plain(afterPct.setScale(2, RoundingMode.FLOOR)) + " % of equity " + usd(state.equity()) + ", least "
      + plain(limits.minAvailableMarginPct()) + " %";
    return afterPct.compareTo(limits.minAvailableMarginPct()) >= 0 ? pass(Rail.MIN_AVAILABLE_MARGIN, detail)
      : refuse(Rail.MIN_AVAILABLE_MARGIN, detail);
  }

  private static RailVerdict pass(Rail rail, String detail) {
    return new RailVerdict(rail, Verdict.PASS, detail);
  }

  private static RailVerdict refuse(Rail rail, String detail) {
    return new RailVerdict(rail, Verdict.REFUSE, detail);
  }

  private static boolean positive(BigDecimal value) {
    return value != null && value.signum() > 0;
  }

  private static String seconds(Duration duration) {
    return plain(BigDecimal.valueOf(duration.toMillis(), 3)) + " s";
  }

  private static String usd(BigDecimal value) {
    return plain(value) + " USD";
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
