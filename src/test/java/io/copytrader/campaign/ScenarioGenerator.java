package io.copytrader.campaign;

import io.copytrader.campaign.ExchangeFaults.Fault;
import io.copytrader.campaign.Schedule.Action;
import io.copytrader.campaign.Schedule.Heal;
import io.copytrader.campaign.Schedule.Inject;
import io.copytrader.campaign.Schedule.Market;
import io.copytrader.campaign.Schedule.Pause;
import io.copytrader.campaign.Schedule.Price;
import io.copytrader.campaign.Schedule.Restart;
import io.copytrader.campaign.Schedule.Step;
import io.copytrader.campaign.Schedule.Submit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws a {@link Schedule} from a seed with {@link Random}: opens, increases, decreases and closes on two
 * accounts and two markets (chosen against a rough model of the positions, so most adjustments have something
 * to adjust), price moves of up to ±1.5% (the default stop-loss sits 0.25% from entry: 5% initial margin times
 * STOP_LOSS_RATIO 0.05, see README.md "How a request executes"), faults of every {@link FaultKind}, heals, and
 * restarts a few milliseconds after a submit so that they land mid-flight.
 *
 * <p>A seed names the same schedule for as long as this class and {@link FaultKind} stay as they are: a new
 * kind re-deals every seed's faults, so a seed reported against one version is replayed with that version.
 * What the service makes of a schedule also depends on timing (where a restart lands), so a racy violation
 * may need a few replays.
 */
final class ScenarioGenerator {

  /**
   * Share of seeds run with {@code MAX_SIGNAL_AGE=2}, where waiting behind faults and restarts can expire; the
   * others run with 10. Either way entry transactions expire 10 s after signing (README.md "Guarantees"), which
   * keeps the bound on a doubtful send, and so on a seed, near a minute instead of the default's two.
   */
  private static final double SHORT_SIGNAL_AGE_SHARE = 0.2;
  private final int restartsAtMost;

  /** {@code restartsAtMost}: restarts per schedule, 0 for a target that cannot restart. */
  ScenarioGenerator(int restartsAtMost) {
    this.restartsAtMost = restartsAtMost;
  }

  Schedule generate(long seed) {
    Random random = new Random(seed);
    int maxSignalAge = random.nextDouble() < SHORT_SIGNAL_AGE_SHARE ? 2 : 10;
    int[][] held = new int[2][Schedule.MARKETS.size()]; // the model: -1 short, 0 flat, 1 long
    List<Step> steps = new ArrayList<>();
    int submits = 5 + random.nextInt(6);
    int restartsLeft = restartsAtMost == 0 ? 0 : random.nextInt(restartsAtMost + 1);
    for (int i = 0; i < submits; i++) {
      if (random.nextInt(10) < 4) {
        steps.add(new Inject(fault(random)));
      }
      if (random.nextInt(10) == 0) {
        steps.add(new Heal());
      }
      if (random.nextInt(8) == 0) {
        int market = random.nextInt(Schedule.MARKETS.size());
        steps.add(new Price(market, movedPrice(Schedule.MARKETS.get(market), random)));
      }
      steps.add(submit(random, held));
      if (restartsLeft > 0 && random.nextInt(submits - i) < restartsLeft) {
        restartsLeft--;
        steps.add(new Restart(random.nextInt(4) == 0 ? 0 : random.nextInt(120)));
      } else if (random.nextInt(3) == 0) {
        steps.add(new Pause(random.nextInt(150)));
      }
    }
    if (random.nextBoolean()) {
      int market = random.nextInt(Schedule.MARKETS.size());
      steps.add(new Price(market, movedPrice(Schedule.MARKETS.get(market), random)));
    }
    return new Schedule(seed, maxSignalAge, List.copyOf(steps));
  }

  private static Fault fault(Random random) {
    FaultKind[] kinds = FaultKind.values();
    FaultKind kind = kinds[random.nextInt(kinds.length)];
    return new Fault(kind, kind.control.body().apply(random));
  }

  private static Submit submit(Random random, int[][] held) {
    int account = random.nextInt(2);
    int market = random.nextInt(Schedule.MARKETS.size());
    int side = held[account][market];
    Action action;
    if (side == 0) {
      // Mostly opens; sometimes an exit on nothing, which the service must refuse (NO_POSITION) or no-op.
      action = random.nextInt(6) == 0 ? (random.nextBoolean() ? Action.CLOSE : Action.DECREASE)
        : (random.nextBoolean() ? Action.LONG : Action.SHORT);
    } else {
      action = switch (random.nextInt(6)) {
        case 0, 1 -> Action.INCREASE;
        case 2, 3 -> Action.DECREASE;
        case 4 -> Action.CLOSE;
        default -> side > 0 ? Action.SHORT : Action.LONG; // the other side: reduces, never flips
      };
    }
    String amount = switch (action) {
      case LONG, SHORT -> decimal(0.05 + random.nextDouble() * 0.25, 3);
      case INCREASE, DECREASE -> decimal(0.1 + random.nextDouble() * 0.8, 2);
      case CLOSE -> null;
    };
    switch (action) {
      case LONG -> held[account][market] = side < 0 ? side : 1;
      case SHORT -> held[account][market] = side > 0 ? side : -1;
      case CLOSE -> held[account][market] = 0;
      default -> { }
    }
    return new Submit(account, market, action, amount);
  }

  private static String movedPrice(Market market, Random random) {
    double move = (random.nextDouble() * 2 - 1) * 0.015;
    return new BigDecimal(market.mid()).multiply(BigDecimal.valueOf(1 + move))
      .setScale(market.priceDecimals(), RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String decimal(double value, int scale) {
    return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
  }
}
