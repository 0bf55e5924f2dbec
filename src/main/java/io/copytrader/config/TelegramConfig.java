package io.copytrader.config;

/**
 * Telegram destination. Absent token or chat id means notifications are disabled.
 *
 * @param apiUrl base URL of the Bot API, e.g. {@code https://api.telegram.org}
 * @param fanout when the notices of one signal to many accounts are summed up in one message
 */
public record TelegramConfig(String botToken, String chatId, Long threadId, String apiUrl,
                             FanoutNoticeSettings fanout) {

  public static final String DEFAULT_API_URL = "https://api.telegram.org";

  /** A destination summing up fan-outs as the defaults say. */
  public TelegramConfig(String botToken, String chatId, Long threadId, String apiUrl) {
    this(botToken, chatId, threadId, apiUrl, FanoutNoticeSettings.defaults());
  }

  public boolean enabled() {
    return botToken != null && !botToken.isBlank() && chatId != null && !chatId.isBlank();
  }

  @Override
  public String toString() {
    return "TelegramConfig[botToken=" + Redaction.redact(botToken) + ", chatId=" + chatId
      + ", threadId=" + threadId + ", apiUrl=" + apiUrl + ", fanout=" + fanout + "]";
  }
}
