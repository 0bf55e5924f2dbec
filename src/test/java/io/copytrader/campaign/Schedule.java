package io.copytrader.campaign;

import io.copytrader.campaign.ExchangeFaults.Fault;
import java.util.List;

/**
 * What one seed plays, fully determined by the seed (see {@link ScenarioGenerator}): the service's
 * {@code MAX_SIGNAL_AGE} and the steps in order. Accounts and markets are indexes 0 and 1 into the target's
 * accounts and {@link #MARKETS}.
 */
record Schedule(long seed, int maxSignalAgeSeconds, List<Step> steps) {

  /** ETH and BTC on the paper exchange (PaperConfig.defaultMarkets), with their starting mids. */
  static final List<Market> MARKETS = List.of(new Market(0, "ETH", "3000.00", 2), new Market(1, "BTC", "95000.0", 1));

  record Market(int id, String symbol, String mid, int priceDecimals) {
  }

  /** What a signal asks for. */
  enum Action { LONG, SHORT, INCREASE, DECREASE, CLOSE;

    /** Exits: a close or a decrease must never be dropped as expired. */
    boolean exit() {
      return this == CLOSE || this == DECREASE;
    }
  }

  sealed interface Step permits Submit, Inject, Price, Restart, Pause, Heal {
  }

  /** POST a trade ({@code amount} = reference_position_ratio) or an adjustment ({@code amount} = percentage). */
  record Submit(int account, int market, Action action, String amount) implements Step {
  }

  record Inject(Fault fault) implements Step {
  }

  /** Moves the market's mid to {@code price}; may trigger stop-losses. */
  record Price(int market, String price) implements Step {
  }

  /** Waits {@code afterMs}, then stops the service at whatever it is doing and starts it again. */
  record Restart(long afterMs) implements Step {
  }

  /** Lets the service work for a while before the next step. */
  record Pause(long ms) implements Step {
  }

  /** Clears every fault in force and releases held account updates. */
  record Heal() implements Step {
  }

  /** The same trades, price moves and pauses on a healthy exchange with no restart: the checks' control. */
  Schedule withoutFaults() {
    return new Schedule(seed, maxSignalAgeSeconds, steps.stream()
      .filter(step -> step instanceof Submit || step instanceof Price || step instanceof Pause).toList());
  }
}
