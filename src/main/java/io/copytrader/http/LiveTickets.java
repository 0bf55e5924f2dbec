package io.copytrader.http;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Single-use tickets that open the live event stream. A browser's {@code EventSource} cannot send the
 * {@code X-API-Key} header, so the page first asks for a ticket with the key (an ordinary authenticated POST) and
 * opens the stream with it in the URL: a ticket is worth one stream, for {@link #LIFETIME}, and is no secret worth
 * keeping once used. Confined to one event loop (the HTTP verticle's); not thread-safe.
 */
final class LiveTickets {

  static final Duration LIFETIME = Duration.ofSeconds(30);
  /** Outstanding tickets kept at most; the oldest is dropped past it, so asking in a loop cannot grow memory. */
  static final int MAX_OUTSTANDING = 256;
  private static final int TICKET_BYTES = 24;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> expiries = new LinkedHashMap<>();

  /** A new ticket, valid until {@code now} + {@link #LIFETIME}. */
  Ticket issue(Instant now) {
    dropExpired(now);
    if (expiries.size() >= MAX_OUTSTANDING) {
      Iterator<String> oldest = expiries.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    byte[] bytes = new byte[TICKET_BYTES];
    random.nextBytes(bytes);
    Ticket ticket = new Ticket(HexFormat.of().formatHex(bytes), now.plus(LIFETIME));
    expiries.put(ticket.value(), ticket.expiresAt());
    return ticket;
  }

  /** Whether {@code value} is a ticket issued, unused and unexpired at {@code now}; using it spends it. */
  boolean redeem(String value, Instant now) {
    if (value == null) {
      return false;
    }
    Instant expiry = expiries.remove(value);
    return expiry != null && now.isBefore(expiry);
  }

  private void dropExpired(Instant now) {
    expiries.values().removeIf(expiry -> !now.isBefore(expiry));
  }

  record Ticket(String value, Instant expiresAt) {
  }
}
