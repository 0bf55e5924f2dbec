package io.copytrader.notify;

import io.copytrader.config.Redaction;
import io.copytrader.config.TelegramConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Telegram Bot API {@code sendMessage} over a Vert.x {@link WebClient}. The returned future always
 * succeeds with a {@link SendResult}; failures are data, not exceptions. The request URL embeds the bot
 * token, so neither the URL nor any text that might contain it leaves this class unredacted.
 */
public final class TelegramClient {

  /** Used when a 429 carries no usable {@code retry_after}. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  /** Upper bound on a single wait, so one absurd {@code retry_after} cannot stall notices for hours. */
  static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);
  /** Reasons are cut after the token is scrubbed, so a cut can never leave part of the token behind. */
  private static final int MAX_REASON_CHARS = 200;

  private final WebClient client;
  private final TelegramConfig config;
  private final String url;
  private final long timeoutMs;

  public TelegramClient(Vertx vertx, TelegramConfig config, Duration timeout) {
    if (!config.enabled()) {
      throw new IllegalArgumentException("Telegram is not configured (bot token and chat id are required)");
    }
    this.config = config;
    this.client = WebClient.create(vertx, new WebClientOptions()
      .setUserAgent("copytrader-notifier")
      .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    String base = Objects.requireNonNullElse(config.apiUrl(), TelegramConfig.DEFAULT_API_URL);
    this.url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
      + "/bot" + config.botToken() + "/sendMessage";
    this.timeoutMs = timeout.toMillis();
  }

  /** The JSON body Telegram receives: HTML parse mode, thread id only when one is configured. */
  static JsonObject body(TelegramConfig config, String html) {
    JsonObject body = new JsonObject()
      .put("chat_id", config.chatId())
      .put("text", html)
      .put("parse_mode", "HTML");
    if (config.threadId() != null) {
      body.put("message_thread_id", config.threadId());
    }
    return body;
  }

  public Future<SendResult> sendMessage(String html) {
    Future<HttpResponse<Buffer>> response;
    try {
      response = client.postAbs(url).timeout(timeoutMs).sendJsonObject(body(config, html));
    } catch (RuntimeException invalidUrl) {
      return Future.succeededFuture(new SendResult.Failed(false, 0,
        truncate(scrub("invalid Telegram API URL: " + invalidUrl.getMessage()))));
    }
    return response.<SendResult>map(this::interpret)
      .otherwise(error -> new SendResult.Failed(true, 0, transportReason(error)));
  }

  public void close() {
    client.close();
  }

  private SendResult interpret(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    JsonObject body = jsonOrNull(response.body());
    if (status == 200 && body != null && body.getBoolean("ok", false)) {
      return new SendResult.Sent();
    }
    if (status == 429) {
      return new SendResult.RateLimited(retryAfter(body, response.getHeader("Retry-After")));
    }
    String description = body == null ? null : body.getString("description");
    String reason = "HTTP " + status + (description == null ? "" : ": " + description);
    return new SendResult.Failed(status >= 500, status, truncate(scrub(reason)));
  }

  static Duration retryAfter(JsonObject body, String header) {
    Long seconds = null;
    if (body != null && body.getValue("parameters") instanceof JsonObject parameters
      && parameters.getValue("retry_after") instanceof Number number) {
      seconds = number.longValue();
    } else if (header != null) {
      try {
        seconds = Long.parseLong(header.trim());
      } catch (NumberFormatException notSeconds) {
        seconds = null;
      }
    }
    if (seconds == null || seconds <= 0) {
      return DEFAULT_RETRY_AFTER;
    }
    Duration wait = Duration.ofSeconds(seconds);
    return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
  }

  private static JsonObject jsonOrNull(Buffer body) {
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      return body.toJsonObject();
    } catch (DecodeException | ClassCastException notJson) {
      return null;
    }
  }

  private String transportReason(Throwable error) {
    String message = error.getMessage() == null ? "" : ": " + error.getMessage();
    return truncate(scrub(error.getClass().getSimpleName() + message));
  }

  /** Removes the token from any text that might echo the request URL (timeouts and errors often do). */
  private String scrub(String text) {
    return text == null ? null : text.replace(config.botToken(), Redaction.REDACTED);
  }

  private static String truncate(String text) {
    return text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS) + "…";
  }
}
