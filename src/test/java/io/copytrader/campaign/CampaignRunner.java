package io.copytrader.campaign;

import static io.copytrader.testing.Polling.pause;
import static io.copytrader.testing.Polling.until;

import io.copytrader.campaign.CampaignTarget.Account;
import io.copytrader.campaign.Schedule.Heal;
import io.copytrader.campaign.Schedule.Inject;
import io.copytrader.campaign.Schedule.Pause;
import io.copytrader.campaign.Schedule.Price;
import io.copytrader.campaign.Schedule.Restart;
import io.copytrader.campaign.Schedule.Step;
import io.copytrader.campaign.Schedule.Submit;
import io.copytrader.campaign.Violation.Guarantee;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Plays one {@link Schedule} against a fresh {@link CampaignTarget}, then heals the exchange and checks every
 * guarantee with {@link GuaranteeChecker} once the service is quiescent: requests are given
 * {@link #finalBound} to become final, positions {@link #PROTECTION_BOUND} more to be protected. Nothing is
 * slept for a fixed time except the schedule's own pauses and restart delays, which are the faults' timing.
 */
final class CampaignRunner {

  /**
   * After healing, how long requests may take to become final, as README.md "Guarantees" (Always final) bounds
   * it: per attempt the entry's expiry (MAX_SIGNAL_AGE after signing, at least 10 s, at most 1 min) + 35 s of
   * settlement + the fill timeout of 15 s; 1 + MAX_RETRIES attempts RETRY_INTERVAL apart (see
   * InProcessTarget.serviceEnvironment); and 3 s for the last request's own work.
   */
  static Duration finalBound(Schedule schedule) {
    long expirySeconds = Math.max(10, Math.min(60, schedule.maxSignalAgeSeconds()));
    long attempts = 1 + InProcessTarget.MAX_RETRIES;
    return Duration.ofSeconds((expirySeconds + 35 + 15) * attempts + InProcessTarget.MAX_RETRIES + 3);
  }

  /**
   * Once every request is final, how long a position may wait for its stop-loss: the protection supervisor fixes
   * a missing or wrong one at its next run, at most PROTECTION_INTERVAL later (README.md "Guarantees", Always
   * protected), plus 3 s for the run itself.
   */
  static final Duration PROTECTION_BOUND = Duration.ofSeconds(InProcessTarget.PROTECTION_INTERVAL_SECONDS + 3);

  /** What one seed did and found. */
  record SeedResult(long seed, long millis, int restarts, Map<String, Integer> submits,
                    Map<FaultKind, Integer> injected, Map<FaultKind, Integer> skipped, Map<String, Integer> states,
                    List<Violation> violations) {
  }

  private final Function<Schedule, CampaignTarget> targets;
  private final Consumer<CampaignTarget> beforeChecks;
  private final boolean takeProfitOn;

  CampaignRunner(Function<Schedule, CampaignTarget> targets) {
    this(targets, target -> { }, false);
  }

  /**
   * @param beforeChecks runs once the schedule is played and the exchange healed (the sensitivity test's hook)
   * @param takeProfitOn the targets run with TAKE_PROFIT_RATIO set: positions are checked for their take-profit too
   */
  CampaignRunner(Function<Schedule, CampaignTarget> targets, Consumer<CampaignTarget> beforeChecks,
                 boolean takeProfitOn) {
    this.targets = targets;
    this.beforeChecks = beforeChecks;
    this.takeProfitOn = takeProfitOn;
  }

  SeedResult run(Schedule schedule) {
    long started = System.nanoTime();
    List<Violation> violations = new ArrayList<>();
    Map<String, Integer> submits = new TreeMap<>();
    Map<String, Integer> states = new TreeMap<>();
    ExchangeFaults faults = null;
    int restarts = 0;
    try (CampaignTarget target = targets.apply(schedule)) {
      faults = new ExchangeFaults(target.exchangeUrl());
      CampaignHttp service = new CampaignHttp(CampaignTarget.API_KEY);
      for (Step step : schedule.steps()) {
        if (step instanceof Submit submit) {
          submits.merge(outcome(service.post(target.serviceUrl() + path(submit), body(submit))), 1, Integer::sum);
        } else if (step instanceof Inject inject) {
          faults.inject(inject.fault());
        } else if (step instanceof Price price) {
          faults.setPrice(Schedule.MARKETS.get(price.market()).id(), price.price());
        } else if (step instanceof Restart restart) {
          pause(Duration.ofMillis(restart.afterMs()));
          target.restart();
          restarts++;
        } else if (step instanceof Pause pause) {
          pause(Duration.ofMillis(pause.ms()));
        } else if (step instanceof Heal) {
          faults.heal();
        }
      }
      faults.heal();
      beforeChecks.accept(target);
      check(target, schedule, violations, states);
    } catch (RuntimeException e) {
      violations.add(new Violation(Guarantee.HARNESS, schedule.seed(), e.toString()));
    }
    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    return new SeedResult(schedule.seed(), millis, restarts, submits,
      faults == null ? Map.of() : faults.injected(), faults == null ? Map.of() : faults.skipped(), states,
      violations);
  }

  private void check(CampaignTarget target, Schedule schedule, List<Violation> violations,
                            Map<String, Integer> states) {
    Ledgers ledgers = new Ledgers(target);
    GuaranteeChecker checker = new GuaranteeChecker(ledgers, schedule.seed(), takeProfitOn);
    List<JsonObject> requests = until(finalBound(schedule), () -> allRequests(checker),
      found -> checker.unfinished(found).isEmpty());
    violations.addAll(checker.unfinished(requests));
    List<Violation> unprotected = until(PROTECTION_BOUND, () -> protection(checker), List::isEmpty);
    violations.addAll(unprotected);
    requests = allRequests(checker);
    requests.forEach(request -> states.merge(request.getString("state"), 1, Integer::sum));
    for (Account account : CampaignTarget.ACCOUNTS) {
      List<JsonObject> details = ledgers.details(account, requests);
      violations.addAll(checker.atMostOnce(account, details));
      violations.addAll(checker.railsHeld(account, details));
    }
    violations.addAll(checker.exits(requests));
    violations.addAll(checker.reportedOnce(requests, target.telegramTexts()));
  }

  private static List<JsonObject> allRequests(GuaranteeChecker checker) {
    return allRequests(checker, CampaignTarget.ACCOUNTS);
  }

  /** Every signal request the journal holds for {@code accounts}. */
  static List<JsonObject> allRequests(GuaranteeChecker checker, List<Account> accounts) {
    List<JsonObject> all = new ArrayList<>();
    accounts.forEach(account -> all.addAll(checker.requests(account)));
    return all;
  }

  private static List<Violation> protection(GuaranteeChecker checker) {
    return protection(checker, CampaignTarget.ACCOUNTS);
  }

  /** Every position of {@code accounts} not under exactly one stop-loss. */
  static List<Violation> protection(GuaranteeChecker checker, List<Account> accounts) {
    List<Violation> all = new ArrayList<>();
    accounts.forEach(account -> all.addAll(checker.protection(account)));
    return all;
  }


  private static String outcome(CampaignHttp.Reply reply) {
    if (reply.status() == 0) {
      return "unanswered";
    }
    String code = reply.status() == 202 ? "" : " " + codeOf(reply);
    return reply.status() + code;
  }

  private static String codeOf(CampaignHttp.Reply reply) {
    try {
      return reply.json().getString("code", "");
    } catch (RuntimeException notJson) {
      return "";
    }
  }

  private static String path(Submit submit) {
    return switch (submit.action()) {
      case LONG, SHORT, CLOSE -> "/api/trade";
      case INCREASE, DECREASE -> "/api/trade/adjust";
    };
  }

  private static JsonObject body(Submit submit) {
    Account account = CampaignTarget.ACCOUNTS.get(submit.account());
    JsonObject body = new JsonObject().put("account_index", account.index())
      .put("symbol", Schedule.MARKETS.get(submit.market()).symbol());
    return switch (submit.action()) {
      case LONG, SHORT -> body.put("trade_type", submit.action().name().toLowerCase())
        .put("reference_position_ratio", Double.parseDouble(submit.amount()));
      case CLOSE -> body.put("trade_type", "close");
      case INCREASE, DECREASE -> body.put("adjustment_type", submit.action().name().toLowerCase())
        .put("percentage", Double.parseDouble(submit.amount()));
    };
  }
}
