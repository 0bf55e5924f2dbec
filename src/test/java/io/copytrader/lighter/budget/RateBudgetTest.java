package io.copytrader.lighter.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.limits.AccountTier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateBudgetTest {

  @ParameterizedTest(name = "{0} on {1} costs {2}")
  @CsvSource({
    "/api/v1/sendTx, PREMIUM, 6", "/api/v1/nextNonce, PREMIUM, 6", "/api/v1/account, PREMIUM, 300",
    "/api/v1/accountOrders, PREMIUM, 300", "/api/v1/apikeys, PREMIUM, 150", "/api/v1/accountInactiveOrders, PLUS, 100",
    "/api/v1/recentTrades, BUILDER, 600", "/, PREMIUM, 0",
    // Standard: each request a 60th of 24,000, one heavier than that its weight.
    "/api/v1/account, STANDARD, 400", "/api/v1/sendTx, STANDARD, 400", "/api/v1/recentTrades, STANDARD, 600",
    "/, STANDARD, 0"})
  void aCallSpendsWhatItsTierMakesOfItsWeight(String path, AccountTier tier, int cost) {
    RateBudget<String> budget = new RateBudget<>(tier);
    budget.enqueue(BudgetScope.IP, CallPriority.SEND, path, "call");

    assertThat(budget.release(0).admitted()).containsExactly("call");
    assertThat(budget.usage(BudgetScope.IP, 0).used()).isEqualTo(cost);
  }

  @ParameterizedTest(name = "{0} periodic reads in a minute of {1}: {2} go, the rest wait")
  @CsvSource({"60, STANDARD, 45", "100, PREMIUM, 60", "1000, PLUS, 300"})
  void periodicReadsSpendOnlyTheirShareOfTheMinute(int reads, AccountTier tier, int admitted) {
    RateBudget<Integer> budget = new RateBudget<>(tier);
    for (int i = 0; i < reads; i++) {
      budget.enqueue(BudgetScope.IP, CallPriority.PERIODIC, "/api/v1/account", i);
    }

    RateBudget.Release<Integer> release = budget.release(0);

    assertThat(release.admitted()).hasSize(admitted);
    assertThat(release.nextCheckMs()).isEqualTo(RateBudget.SENT_CHARGE_MS);
    assertThat(budget.usage(BudgetScope.IP, 0)).isEqualTo(new RateBudget.Usage(admitted * (long) budget.cost("/api/v1/account"),
      tier.weightPerMinute(), reads - admitted, reads - admitted, 0));
  }

  @Test
  void aSendGoesAheadOfPeriodicReadsWaitingBeforeIt() {
    RateBudget<String> budget = new RateBudget<>(AccountTier.STANDARD);
    for (int i = 0; i < 50; i++) {
      budget.enqueue(BudgetScope.IP, CallPriority.PERIODIC, "/api/v1/account", "read " + i);
    }
    budget.release(0);
    budget.enqueue(BudgetScope.IP, CallPriority.PERIODIC, "/api/v1/account", "late read");
    budget.enqueue(BudgetScope.IP, CallPriority.SEND, "/api/v1/nextNonce", "nonce");

    assertThat(budget.release(10).admitted()).containsExactly("nonce");
  }

  @Test
  void urgentCallsGoBySendConfirmProtectThenArrival() {
    RateBudget<String> budget = standardMinuteSpentAtZero();
    budget.enqueue(BudgetScope.IP, CallPriority.PROTECT, "/api/v1/account", "protect");
    budget.enqueue(BudgetScope.IP, CallPriority.PERIODIC, "/api/v1/account", "periodic");
    budget.enqueue(BudgetScope.IP, CallPriority.CONFIRM, "/api/v1/tx", "confirm 1");
    budget.enqueue(BudgetScope.IP, CallPriority.SEND, "/api/v1/account", "send");
    budget.enqueue(BudgetScope.IP, CallPriority.CONFIRM, "/api/v1/tx", "confirm 2");

    assertThat(budget.release(RateBudget.SENT_CHARGE_MS - 1).admitted()).isEmpty();
    assertThat(budget.release(RateBudget.SENT_CHARGE_MS).admitted())
      .containsExactly("send", "confirm 1", "confirm 2", "protect", "periodic");
  }

  @Test
  void aPeriodicReadWaitsWhileAnUrgentCallWaits() {
    RateBudget<String> budget = standardMinuteSpentAtZero();
    budget.enqueue(BudgetScope.IP, CallPriority.SEND, "/api/v1/sendTx", "send");
    budget.enqueue(BudgetScope.IP, CallPriority.PERIODIC, "/api/v1/account", "periodic");

    assertThat(budget.release(30_000).admitted()).isEmpty();
    assertThat(budget.usage(BudgetScope.IP, 30_000).waiting()).isEqualTo(2);
  }

  @ParameterizedTest(name = "a minute three quarters spent by protection: a {0} call {1}")
  @CsvSource({"SEND, goes", "CONFIRM, goes", "PROTECT, waits", "PERIODIC, waits"})
  void theLastQuarterOfTheMinuteIsKeptForSendsAndConfirmations(CallPriority priority, String expected) {
    RateBudget<String> budget = new RateBudget<>(AccountTier.PREMIUM);
    for (int i = 0; i < 60; i++) {
      budget.enqueue(BudgetScope.IP, CallPriority.PROTECT, "/api/v1/account", "protection read");
    }
    budget.release(0);
    budget.enqueue(BudgetScope.IP, priority, "/api/v1/nextNonce", "call");

    boolean goes = expected.equals("goes");
    assertThat(budget.release(1).admitted()).isEqualTo(goes ? List.of("call") : List.of());
    assertThat(budget.usage(BudgetScope.IP, 1).used()).isEqualTo(18_000L + (goes ? 6 : 0));
  }

  @Test
  void aThousandNonceReadsFindRoomInAMinuteFilledByProtectionReads() {
    RateBudget<Integer> budget = new RateBudget<>(AccountTier.PREMIUM);
    for (int i = 0; i < 200; i++) {
      budget.enqueue(BudgetScope.IP, CallPriority.PROTECT, "/api/v1/account", -1);
    }
    budget.release(0);
    for (int i = 0; i < 1_000; i++) {
      budget.enqueue(BudgetScope.IP, CallPriority.SEND, "/api/v1/nextNonce", i);
    }

    assertThat(budget.release(1).admitted()).hasSize(1_000).doesNotContain(-1);
  }

  @Test
  void aProbeGoesWhenACallWouldAndSpendsNothing() {
    RateBudget<String> budget = new RateBudget<>(AccountTier.STANDARD);
    for (int i = 0; i < 45; i++) {
      budget.enqueue(BudgetScope.IP, CallPriority.PERIODIC, "/api/v1/account", "read");
    }
    budget.release(0);
    budget.enqueueProbe(BudgetScope.IP, CallPriority.PERIODIC, "/api/v1/account", "probe");

    assertThat(budget.release(1).admitted()).isEmpty();
    assertThat(budget.release(RateBudget.SENT_CHARGE_MS).admitted()).containsExactly("probe");
    assertThat(budget.usage(BudgetScope.IP, RateBudget.SENT_CHARGE_MS).used()).isZero();
  }

  @Test
  void theScopesAreBudgetedApart() {
    RateBudget<String> budget = new RateBudget<>(AccountTier.STANDARD);
    for (int i = 0; i < 60; i++) {
      budget.enqueue(BudgetScope.IP, CallPriority.SEND, "/api/v1/account", "ip");
    }
    budget.enqueue(BudgetScope.L1_ADDRESS, CallPriority.PERIODIC, "/api/v1/accountActiveOrders", "l1");

    assertThat(budget.release(0).admitted()).hasSize(61).contains("l1");
  }

  @Test
  void theWindowRollsSoWhatWasSpentAMinuteAgoIsFreeAgain() {
    RateBudget<String> budget = new RateBudget<>(AccountTier.STANDARD);
    budget.enqueue(BudgetScope.IP, CallPriority.SEND, "/api/v1/account", "first");
    budget.release(0);
    for (int i = 0; i < 59; i++) {
      budget.enqueue(BudgetScope.IP, CallPriority.SEND, "/api/v1/account", "second");
    }
    budget.release(30_000);
    budget.enqueue(BudgetScope.IP, CallPriority.SEND, "/api/v1/account", "third");

    RateBudget.Release<String> full = budget.release(40_000);
    assertThat(full.admitted()).isEmpty();
    assertThat(full.nextCheckMs()).isEqualTo(RateBudget.SENT_CHARGE_MS - 40_000);
    assertThat(budget.release(RateBudget.SENT_CHARGE_MS).admitted()).containsExactly("third");
  }

  @ParameterizedTest(name = "after {0} answers of 429 the limit is {1} and nothing goes for {2} ms")
  @CsvSource({"1, 18000, 1000", "2, 13500, 2000", "3, 10125, 4000", "7, 6000, 8000"})
  void a429BacksOffAndShrinksTheLimit(int throttles, long limit, long blockedMs) {
    RateBudget<String> budget = new RateBudget<>(AccountTier.PREMIUM);
    for (int i = 0; i < throttles; i++) {
      budget.throttled(BudgetScope.L1_ADDRESS, 0);
    }
    budget.enqueue(BudgetScope.L1_ADDRESS, CallPriority.SEND, "/api/v1/sendTx", "send");

    RateBudget.Release<String> blocked = budget.release(0);
    assertThat(blocked.admitted()).isEmpty();
    assertThat(blocked.nextCheckMs()).isEqualTo(blockedMs);
    assertThat(budget.usage(BudgetScope.L1_ADDRESS, 0).limit()).isEqualTo(limit);
    assertThat(budget.usage(BudgetScope.L1_ADDRESS, 0).throttled()).isEqualTo(throttles);
    assertThat(budget.release(blockedMs).admitted()).containsExactly("send");
  }

  @Test
  void anAnswerOtherThan429StartsTheBackoffOver() {
    RateBudget<String> budget = new RateBudget<>(AccountTier.PREMIUM);
    budget.throttled(BudgetScope.IP, 0);
    budget.throttled(BudgetScope.IP, 2_000);
    budget.answered(BudgetScope.IP);
    budget.throttled(BudgetScope.IP, 10_000);
    budget.enqueue(BudgetScope.IP, CallPriority.SEND, "/api/v1/account", "read");

    assertThat(budget.release(10_000).nextCheckMs()).isEqualTo(1_000);
  }

  @Test
  void aShrunkLimitGrowsBackByATenthOfTheTierEachQuietMinute() {
    RateBudget<String> budget = new RateBudget<>(AccountTier.PREMIUM);
    budget.throttled(BudgetScope.IP, 0);

    assertThat(List.of(0L, 59_999L, 60_000L, 120_000L, 300_000L).stream()
      .map(now -> budget.usage(BudgetScope.IP, now).limit()).toList())
      .containsExactly(18_000L, 18_000L, 20_400L, 22_800L, 24_000L);
  }

  /** A standard budget whose whole minute was spent at 0 ms by sends. */
  private static RateBudget<String> standardMinuteSpentAtZero() {
    RateBudget<String> budget = new RateBudget<>(AccountTier.STANDARD);
    for (int i = 0; i < 60; i++) {
      budget.enqueue(BudgetScope.IP, CallPriority.SEND, "/api/v1/account", "filler");
    }
    budget.release(0);
    return budget;
  }
}
