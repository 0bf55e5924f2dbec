package io.copytrader.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NonceKeeperTest {

  private static NonceKeeper keeper(long nextNonce) {
    return new NonceKeeper(712440, 3, nextNonce);
  }

  @Test
  void reservesTheLoadedNextNonce() {
    NonceKeeper keeper = keeper(722);

    assertThat(keeper.reserve()).isEqualTo(722);
    assertThat(keeper.inFlight()).isTrue();
  }

  @Test
  void aConfirmedNonceIsConsumed() {
    NonceKeeper keeper = keeper(722);

    keeper.confirm(keeper.reserve());

    assertThat(keeper.inFlight()).isFalse();
    assertThat(keeper.reserve()).isEqualTo(723);
  }

  @Test
  void aReleasedNonceIsUsedAgain() {
    NonceKeeper keeper = keeper(722);

    keeper.release(keeper.reserve());

    assertThat(keeper.inFlight()).isFalse();
    assertThat(keeper.reserve()).isEqualTo(722);
  }

  @Test
  void reloadReplacesTheNextNonceAndEndsTheReservation() {
    NonceKeeper keeper = keeper(722);
    keeper.reserve();

    keeper.reload(730);

    assertThat(keeper.inFlight()).isFalse();
    assertThat(keeper.reserve()).isEqualTo(730);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    // events applied in order (r = reserve, c = confirm, x = release, l<N> = reload N), expected next nonce
    "r c r c r c, 3",
    "r x r x r c, 1",
    "r c r x r c, 2",
    "r l10 r c, 11",
    "r c l1 r c, 2",
    "l0 r c r c, 2",
  })
  void followsTheExchangeThroughASequenceOfOutcomes(String events, long expectedNext) {
    NonceKeeper keeper = keeper(0);
    long reserved = -1;
    for (String event : events.split(" ")) {
      switch (event.charAt(0)) {
        case 'r' -> reserved = keeper.reserve();
        case 'c' -> keeper.confirm(reserved);
        case 'x' -> keeper.release(reserved);
        case 'l' -> keeper.reload(Long.parseLong(event.substring(1)));
        default -> throw new IllegalArgumentException(event);
      }
    }

    assertThat(keeper.nextNonce()).isEqualTo(expectedNext);
  }

  @Test
  void aSecondReservationWhileOneIsInFlightIsMisuse() {
    NonceKeeper keeper = keeper(722);
    keeper.reserve();

    assertThatThrownBy(keeper::reserve).isInstanceOf(IllegalStateException.class).hasMessageContaining("722");
  }

  @ParameterizedTest
  @CsvSource({"CONFIRM", "RELEASE"})
  void settlingWithNothingInFlightIsMisuse(String outcome) {
    NonceKeeper keeper = keeper(722);

    assertThatThrownBy(() -> settle(keeper, outcome, 722)).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @CsvSource({"CONFIRM", "RELEASE"})
  void settlingANonceOtherThanTheReservedOneIsMisuse(String outcome) {
    NonceKeeper keeper = keeper(722);
    keeper.reserve();

    assertThatThrownBy(() -> settle(keeper, outcome, 721)).isInstanceOf(IllegalStateException.class);
    assertThat(keeper.inFlight()).isTrue();
  }

  @Test
  void aNegativeNonceIsRefused() {
    assertThatThrownBy(() -> keeper(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void settle(NonceKeeper keeper, String outcome, long nonce) {
    if (outcome.equals("CONFIRM")) {
      keeper.confirm(nonce);
    } else {
      keeper.release(nonce);
    }
  }
}
