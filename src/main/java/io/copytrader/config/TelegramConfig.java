package io.copytrader.config;

/**
 * Telegram destination. Absent token or chat id means notifications are disabled.
 *
 * @param apiUrl base URL of the Bot API, e.g. {@code https://api.telegram.org}
 */
public record TelegramConfig(String botToken, String chatId, Long threadId, String apiUrl) {

  public static final String DEFAULT_API_URL = "https://api.telegram.org";

  public boolean enabled() {
    return botToken != null && !botToken.isBlank() && chatId != null && !chatId.isBlank();
  }

  @Override
  public String toString() {
    return "TelegramConfig[botToken=" + Redaction.redact(botToken) + ", chatId=" + chatId
      + ", threadId=" + threadId + ", apiUrl=" + apiUrl + "]";
  }
}
