package io.copytrader.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.rails.KillMode;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The kill switch's settings with their reasons and times: what names a flatten across restarts. */
class KillSwitchEntriesTest extends OnEitherStore {

  private static final Instant START = Instant.parse("2026-11-24T08:00:00Z");

  @Override
  Instant start() {
    return START;
  }

  @Test
  void eachSettingKeepsItsReasonAndTimeAcrossARestartAllAccountsFirst(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    journal.engageKillSwitch(7L, KillMode.HALT, "daily loss").await();
    file.clock().advance(Duration.ofSeconds(5));
    journal.engageKillSwitch(null, KillMode.FLATTEN, "operator").await();

    Journal reopened = file.reopen(vertx, journal).await();

    assertThat(reopened.killSwitchEntries().await()).containsExactly(
      new KillSwitchEntry(null, KillMode.FLATTEN, "operator", START.plusSeconds(5)),
      new KillSwitchEntry(7L, KillMode.HALT, "daily loss", START));
  }

  @Test
  void settingAFlattenAgainGivesItANewTime(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    journal.engageKillSwitch(7L, KillMode.FLATTEN, "first").await();
    file.clock().advance(Duration.ofMinutes(1));
    journal.engageKillSwitch(7L, KillMode.FLATTEN, "again").await();

    assertThat(journal.killSwitchEntries().await()).containsExactly(
      new KillSwitchEntry(7L, KillMode.FLATTEN, "again", START.plusSeconds(60)));
  }

  @Test
  void resumedSettingsAreGone(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    journal.engageKillSwitch(null, KillMode.HALT, "operator").await();
    journal.engageKillSwitch(7L, KillMode.FLATTEN, "loss").await();

    journal.resumeKillSwitch(7L).await();
    assertThat(journal.killSwitchEntries().await()).extracting(KillSwitchEntry::accountIndex).containsExactly(
      (Long) null);
    journal.resumeKillSwitch(null).await();
    assertThat(journal.killSwitchEntries().await()).isEmpty();
  }
}
