package io.copytrader.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * A position in the newest-first request list: the list continues with requests created before
 * {@code createdAt}, or at that instant with a smaller request id. Its text form is
 * {@code <epoch ms>:<request id>}, opaque to clients.
 */
public record RequestCursor(Instant createdAt, String requestId) {

  public RequestCursor {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(requestId, "requestId");
  }

  public static RequestCursor after(RequestRecord request) {
    return new RequestCursor(request.createdAt(), request.requestId());
  }

  public String encode() {
    return createdAt.toEpochMilli() + ":" + requestId;
  }

  /** Parses {@link #encode()}'s form; throws IllegalArgumentException on anything else. */
  public static RequestCursor parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("cursor must be <epoch ms>:<request id>");
    }
    try {
      long millis = Long.parseLong(text.substring(0, colon));
      return new RequestCursor(Instant.ofEpochMilli(millis), text.substring(colon + 1));
    } catch (NumberFormatException notNumber) {
      throw new IllegalArgumentException("cursor must be <epoch ms>:<request id>");
    }
  }
}
