package io.copytrader.paper.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.limits.AccountTier;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestLimiterTest {

  private static final String IP = "10.0.0.1";
  private static final String L1 = "0xaaaa";

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final RestLimiter limiter = new RestLimiter(now::get);

  @ParameterizedTest(name = "{0}: {2} requests of weight {1} a minute")
  @CsvSource({
    "STANDARD, 6, 60", "STANDARD, 300, 60", "STANDARD, 600, 40",
    "PREMIUM, 300, 80", "PREMIUM, 600, 40", "PREMIUM, 6, 4000",
    "PLUS, 300, 400", "BUILDER, 300, 800"})
  void aTierAdmitsAsManyRequestsAsItsMinuteHolds(AccountTier tier, int weight, int admitted) {
    for (int i = 0; i < admitted; i++) {
      assertThat(limiter.admit(IP, L1, tier, weight)).as("request %d", i + 1).isEmpty();
    }

    assertThat(limiter.admit(IP, L1, tier, weight)).contains(LimitRefusal.TOO_MANY_REQUESTS);
  }

  @Test
  void accountsOfOneL1AddressShareItsMinute() {
    spend(L1, 80);

    assertThat(limiter.admit("10.0.0.2", L1, AccountTier.PREMIUM, 300)).contains(LimitRefusal.TOO_MANY_REQUESTS);
    assertThat(limiter.admit(IP, "0xbbbb", AccountTier.PREMIUM, 300)).isEmpty();
  }

  @Test
  void authenticatedRequestsSpendOnlyTheL1AddressesMinute() {
    spend(L1, 80);

    assertThat(limiter.admit(IP, null, AccountTier.PREMIUM, 300)).isEmpty();
    assertThat(limiter.usedByIp()).containsEntry(IP, 300L);
    assertThat(limiter.usedByL1()).containsEntry(L1, 24_000L);
  }

  @Test
  void unauthenticatedRequestsSpendTheIpsMinute() {
    spend(null, 80);

    assertThat(limiter.admit(IP, null, AccountTier.PREMIUM, 300)).contains(LimitRefusal.TOO_MANY_REQUESTS);
    assertThat(limiter.admit(IP, L1, AccountTier.PREMIUM, 300)).isEmpty();
    assertThat(limiter.refusedByIp()).containsEntry(IP, 1L);
  }

  @Test
  void aChargeLeavesTheWindowAMinuteAfterItWasMade() {
    spend(L1, 40);
    now.addAndGet(30_000);
    spend(L1, 40);

    now.addAndGet(29_999);
    assertThat(limiter.admit(IP, L1, AccountTier.PREMIUM, 300)).as("the first charges are 59.999 s old").isPresent();
    now.addAndGet(1);
    assertThat(limiter.usedByL1()).containsEntry(L1, 12_000L);
    assertThat(limiter.admit(IP, L1, AccountTier.PREMIUM, 300)).isEmpty();
  }

  @Test
  void aRefusedRequestSpendsNothing() {
    spend(L1, 80);
    for (int i = 0; i < 10; i++) {
      limiter.admit(IP, L1, AccountTier.PREMIUM, 300);
    }

    assertThat(limiter.usedByL1()).containsEntry(L1, 24_000L);
    assertThat(limiter.refusedByL1()).containsEntry(L1, 10L);
    now.addAndGet(60_000);
    assertThat(limiter.admit(IP, L1, AccountTier.PREMIUM, 300)).isEmpty();
  }

  @Test
  void aKeyWhoseMinuteIsEmptyIsForgotten() {
    spend(L1, 1);
    now.addAndGet(60_000);

    assertThat(limiter.usedByL1()).isEmpty();
  }

  /** {@code count} premium requests of weight 300, on behalf of {@code l1} (null: unauthenticated), all admitted. */
  private void spend(String l1, int count) {
    for (int i = 0; i < count; i++) {
      Optional<LimitRefusal> refusal = limiter.admit(IP, l1, AccountTier.PREMIUM, 300);
      assertThat(refusal).as("request %d", i + 1).isEmpty();
    }
  }
}
