package io.copytrader.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.copytrader.campaign.CampaignRunner.SeedResult;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Tier 1 of the fault campaign: seeded schedules of trades, price moves, exchange faults and restarts against the
 * whole service in this JVM ({@link InProcessTarget}), each checked for the guarantees of
 * {@link GuaranteeChecker}. {@code -Dcampaign.seeds=1..2000} picks the seeds (default {@value #DEFAULT_SEEDS});
 * {@code -Dcampaign.log=INFO} shows the service's log (WARN otherwise), {@code -Dcampaign.verbose=true} each
 * schedule; bench/fault-campaign.sh runs thousands.
 * Every seed runs even when an earlier one fails; the test fails at the end when any guarantee was broken.
 */
class FaultCampaignTest {

  static final String DEFAULT_SEEDS = "1..12";
  static final String CONTROL_SEEDS = "1..4";

  @Test
  void everyScheduleKeepsTheGuarantees(@TempDir Path dir) {
    quietLogs();
    Vertx vertx = Vertx.vertx();
    ScenarioGenerator generator = new ScenarioGenerator(2);
    // -Dcampaign.take-profit=0.5 plays the schedules with TAKE_PROFIT_RATIO on (README "Take-profit").
    String takeProfit = System.getProperty("campaign.take-profit", "");
    CampaignRunner runner = new CampaignRunner(schedule -> new InProcessTarget(vertx, seedDirectory(dir, schedule),
      schedule, takeProfit.isEmpty() ? Map.of() : Map.of("TAKE_PROFIT_RATIO", takeProfit)), target -> { },
      !takeProfit.isEmpty());
    CampaignSummary summary = new CampaignSummary("tier 1, in-process"
      + (takeProfit.isEmpty() ? "" : ", TAKE_PROFIT_RATIO " + takeProfit),
      seed -> "./mvnw -B -o test -Dtest=FaultCampaignTest -Dcampaign.seeds=" + seed
        + (takeProfit.isEmpty() ? "" : " -Dcampaign.take-profit=" + takeProfit));
    try {
      for (long seed : CampaignSummary.seeds(System.getProperty("campaign.seeds", DEFAULT_SEEDS))) {
        Schedule schedule = generator.generate(seed);
        if (Boolean.getBoolean("campaign.verbose")) {
          System.out.println("campaign seed " + seed + " schedule: MAX_SIGNAL_AGE " + schedule.maxSignalAgeSeconds()
            + " " + schedule.steps());
        }
        SeedResult result = runner.run(schedule);
        summary.add(result);
        System.out.println(CampaignSummary.progress(result));
      }
    } finally {
      vertx.close().await();
    }
    String report = summary.render();
    System.out.println(report);
    assertThat(summary.violations()).as(report).isEmpty();
  }

  /**
   * The control: the same schedules with every fault and restart taken out must break nothing, or the checks
   * themselves are wrong (price moves still trigger stop-losses, exits still meet flat positions).
   */
  @Test
  void healthySchedulesKeepTheGuarantees(@TempDir Path dir) {
    quietLogs();
    Vertx vertx = Vertx.vertx();
    ScenarioGenerator generator = new ScenarioGenerator(2);
    CampaignRunner runner = new CampaignRunner(schedule -> new InProcessTarget(vertx, seedDirectory(dir, schedule),
      schedule));
    CampaignSummary summary = new CampaignSummary("tier 1 control, no faults", seed -> "./mvnw -B -o test"
      + " -Dtest='FaultCampaignTest#healthySchedulesKeepTheGuarantees' -Dcampaign.control.seeds=" + seed);
    try {
      for (long seed : CampaignSummary.seeds(System.getProperty("campaign.control.seeds", CONTROL_SEEDS))) {
        summary.add(runner.run(generator.generate(seed).withoutFaults()));
      }
    } finally {
      vertx.close().await();
    }
    String report = summary.render();
    System.out.println(report);
    assertThat(summary.violations()).as(report).isEmpty();
  }

  /** The service logs at WARN unless {@code campaign.log} says otherwise: thousands of schedules log a lot. */
  static void quietLogs() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
      .setLevel(Level.toLevel(System.getProperty("campaign.log", "WARN")));
  }

  private static Path seedDirectory(Path dir, Schedule schedule) {
    try {
      return Files.createTempDirectory(dir, "seed-" + schedule.seed() + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
