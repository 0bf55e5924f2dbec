package io.copytrader.leader;

import io.copytrader.config.FollowerConfig;
import io.copytrader.market.Market;
import io.copytrader.market.Ticks;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A follower's target position from the leader's, by the follower's sizing (README.md, "Copying a leader"), rounded
 * toward zero to the market's size step so a target never exceeds what the sizing allows:
 * <ul>
 *   <li>{@code equity_ratio}: follower notional = leader notional ÷ leader equity × follower equity × copy_ratio; at
 *   one price that is leader size × follower equity ÷ leader equity × copy_ratio;</li>
 *   <li>{@code fixed_ratio}: leader size × copy_ratio;</li>
 *   <li>{@code fixed_notional}: copy_notional ÷ the leader's entry price, on the leader's side.</li>
 * </ul>
 * A flat leader gives a flat target whatever is missing.
 */
public final class TargetSizer {

  private static final MathContext PRECISION = MathContext.DECIMAL64;

  private TargetSizer() {
  }

  /**
   * The target, or empty when the sizing needs what is not known (equities, a positive leader equity, the
   * leader's entry price).
   */
  public static Optional<BigDecimal> target(FollowerConfig follower, Market market, LeaderPosition leader,
                                            BigDecimal leaderEquity, BigDecimal followerEquity) {
    BigDecimal size = leader.size();
    if (size.signum() == 0) {
      return Optional.of(BigDecimal.ZERO);
    }
    BigDecimal unrounded = switch (follower.sizing()) {
      case FIXED_RATIO -> size.multiply(follower.copyRatio());
      case EQUITY_RATIO -> leaderEquity == null || leaderEquity.signum() <= 0 || followerEquity == null
        || followerEquity.signum() < 0 ? null
        : size.multiply(followerEquity).multiply(follower.copyRatio()).divide(leaderEquity, PRECISION);
      case FIXED_NOTIONAL -> leader.entry() == null ? null
        : follower.copyNotional().divide(leader.entry(), PRECISION).multiply(BigDecimal.valueOf(size.signum()));
    };
    if (unrounded == null) {
      return Optional.empty();
    }
    BigDecimal rounded = Ticks.round(unrounded, market.sizeDecimals(), RoundingMode.DOWN);
    return Optional.of(rounded.signum() == 0 ? BigDecimal.ZERO : rounded);
  }
}
