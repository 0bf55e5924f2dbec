package io.copytrader.notify;

import java.time.Duration;

/** How one {@code sendMessage} call ended. Never carries the bot token. */
public sealed interface SendResult {

  record Sent() implements SendResult {
  }

  /** Telegram asked us to wait (HTTP 429) before sending to this chat again. */
  record RateLimited(Duration retryAfter) implements SendResult {
  }

  /**
   * The message was not delivered.
   *
   * @param retryable true for transport errors, timeouts and 5xx, where the same request may succeed later;
   *     false when Telegram refused the request itself (bad chat, bad token, malformed text)
   * @param status the HTTP status, or 0 when no response arrived
   */
  record Failed(boolean retryable, int status, String reason) implements SendResult {
  }
}
