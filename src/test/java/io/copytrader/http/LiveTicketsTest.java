package io.copytrader.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LiveTicketsTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final LiveTickets tickets = new LiveTickets();

  @Test
  void aTicketOpensOneStreamOnly() {
    LiveTickets.Ticket ticket = tickets.issue(NOW);

    assertThat(tickets.redeem(ticket.value(), NOW.plusSeconds(1))).isTrue();
    assertThat(tickets.redeem(ticket.value(), NOW.plusSeconds(2))).isFalse();
  }

  @Test
  void aTicketExpiresAfterItsLifetime() {
    LiveTickets.Ticket ticket = tickets.issue(NOW);

    assertThat(ticket.expiresAt()).isEqualTo(NOW.plus(LiveTickets.LIFETIME));
    assertThat(tickets.redeem(ticket.value(), NOW.plus(LiveTickets.LIFETIME))).isFalse();
  }

  @Test
  void anUnknownOrMissingTicketOpensNothing() {
    tickets.issue(NOW);

    assertThat(tickets.redeem("0".repeat(48), NOW)).isFalse();
    assertThat(tickets.redeem(null, NOW)).isFalse();
  }

  @Test
  void ticketsAreUnguessablyLongAndDistinct() {
    LiveTickets.Ticket first = tickets.issue(NOW);
    LiveTickets.Ticket second = tickets.issue(NOW);

    assertThat(first.value()).hasSize(48).isNotEqualTo(second.value());
  }

  @Test
  void askingInALoopKeepsOnlyTheNewestTickets() {
    LiveTickets.Ticket oldest = tickets.issue(NOW);
    LiveTickets.Ticket newest = null;
    for (int i = 0; i < LiveTickets.MAX_OUTSTANDING; i++) {
      newest = tickets.issue(NOW);
    }

    assertThat(tickets.redeem(oldest.value(), NOW)).isFalse();
    assertThat(tickets.redeem(newest.value(), NOW)).isTrue();
  }
}
