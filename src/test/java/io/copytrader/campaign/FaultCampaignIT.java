package io.copytrader.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.campaign.CampaignRunner.SeedResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tier 2 of the fault campaign: the same seeded schedules as {@link FaultCampaignTest} against the built jar
 * in a child process ({@link ProcessTarget}), restarted by SIGKILL at the schedule's random points. A handful of
 * seeds in the failsafe phase ({@code -Dcampaign.it.seeds}, default {@value #DEFAULT_SEEDS}: schedules with two
 * kills each, about 20 s apiece). Seed N plays the same schedule as tier 1's seed N.
 */
class FaultCampaignIT {

  static final String DEFAULT_SEEDS = "14,17";

  static String replay(long seed) {
    return "./mvnw -B -o verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FaultCampaignIT"
      + " -Dcampaign.it.seeds=" + seed;
  }

  @Test
  void everyScheduleKeepsTheGuaranteesAcrossKills(@TempDir Path dir) {
    FaultCampaignTest.quietLogs();
    ScenarioGenerator generator = new ScenarioGenerator(2);
    CampaignRunner runner = new CampaignRunner(schedule -> new ProcessTarget(seedDirectory(dir, schedule), schedule));
    CampaignSummary summary = new CampaignSummary("tier 2, process killed with SIGKILL", FaultCampaignIT::replay);
    for (long seed : CampaignSummary.seeds(System.getProperty("campaign.it.seeds", DEFAULT_SEEDS))) {
      SeedResult result = runner.run(generator.generate(seed));
      summary.add(result);
      System.out.println(CampaignSummary.progress(result));
    }
    String report = summary.render();
    System.out.println(report);
    assertThat(summary.violations()).as(report).isEmpty();
  }

  private static Path seedDirectory(Path dir, Schedule schedule) {
    try {
      return Files.createTempDirectory(dir, "seed-" + schedule.seed() + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
