package io.copytrader.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.campaign.CampaignRunner.SeedResult;
import io.copytrader.campaign.Schedule.Action;
import io.copytrader.campaign.Schedule.Submit;
import io.copytrader.campaign.Violation.Guarantee;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The campaign's checks see a broken guarantee: after one healthy open, a market order is sent behind the
 * service's back (what a re-signed duplicate looks like on the exchange, and, when large, a position past the
 * rails' cap), or the position's stop-loss is cancelled, and the run must report exactly what broke. The other half of {@link FaultCampaignTest}'s
 * control, which shows the checks stay quiet when nothing broke.
 */
class FaultCampaignSensitivityTest {

  private static final Schedule ONE_OPEN = new Schedule(0, 10, List.of(new Submit(0, 0, Action.LONG, "0.1")));
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    FaultCampaignTest.quietLogs();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void anOrderTheJournalNeverSignedBreaksAtMostOnceAndLeavesThePositionPartlyUncovered(@TempDir Path dir) {
    SeedResult result = run(dir, target -> {
      Saboteur saboteur = new Saboteur(vertx, target);
      saboteur.awaitStopLoss(CampaignTarget.ACCOUNTS.get(0));
      saboteur.buyBehindTheServicesBack(CampaignTarget.ACCOUNTS.get(0));
    });

    assertThat(result.violations()).extracting(Violation::guarantee)
      .containsExactlyInAnyOrder(Guarantee.AT_MOST_ONCE, Guarantee.ALWAYS_PROTECTED);
    assertThat(result.violations()).filteredOn(violation -> violation.guarantee() == Guarantee.AT_MOST_ONCE)
      .singleElement().extracting(Violation::detail).asString()
      .contains("2 filled market orders on the exchange, 1 requests filled")
      .contains("coi " + Saboteur.FOREIGN_CLIENT_ORDER_INDEX);
  }

  @Test
  void aPositionBeyondTheCapBreaksRailsHeld(@TempDir Path dir) {
    SeedResult result = run(dir, target -> {
      Saboteur saboteur = new Saboteur(vertx, target);
      saboteur.awaitStopLoss(CampaignTarget.ACCOUNTS.get(0));
      saboteur.buyBehindTheServicesBack(CampaignTarget.ACCOUNTS.get(0), 10_000);
    });

    assertThat(result.violations()).filteredOn(violation -> violation.guarantee() == Guarantee.RAILS_HELD)
      .singleElement().extracting(Violation::detail).asString()
      .contains("market 0 position").contains("above MAX_POSITION_USD 1500");
  }

  @Test
  void aCancelledStopLossBreaksAlwaysProtected(@TempDir Path dir) {
    SeedResult result = run(dir, target -> {
      Saboteur saboteur = new Saboteur(vertx, target);
      saboteur.cancel(CampaignTarget.ACCOUNTS.get(0), saboteur.awaitStopLoss(CampaignTarget.ACCOUNTS.get(0)));
    });

    assertThat(result.violations()).singleElement().satisfies(violation -> {
      assertThat(violation.guarantee()).isEqualTo(Guarantee.ALWAYS_PROTECTED);
      assertThat(violation.detail()).contains("has 0 closing stop-loss(es)");
    });
  }

  private static SeedResult run(Path dir, Consumer<CampaignTarget> sabotage) {
    // The protection supervisor would repair the sabotage at its next run: none runs within the check's bound.
    return new CampaignRunner(schedule -> new InProcessTarget(vertx, dir, schedule,
      Map.of("PROTECTION_INTERVAL", "3600")), sabotage, false).run(ONE_OPEN);
  }
}
