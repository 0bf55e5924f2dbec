package io.copytrader.config;

import io.copytrader.testing.Configs;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactionTest {

  private static final String PRIVATE_KEY = "9f".repeat(40);
  private static final String API_KEY = "service-api-key-123";
  private static final String TOKEN = "123456:telegram-bot-token";
  private static final String DATABASE_PASSWORD = "journal-db-password-77";

  @TempDir
  Path dir;

  @Test
  void configToStringShowsNoSecret() throws Exception {
    AppConfig config = Configs.load(Map.of(
      "ACCOUNTS", "[{\"index\":1,\"api_index\":0,\"private_key\":\"" + PRIVATE_KEY + "\"}]",
      "API_KEY", API_KEY,
      "TELEGRAM_BOT_API_KEY", TOKEN,
      "TELEGRAM_GROUP_ID", "-100",
      "JOURNAL_URL", "postgresql://trader:" + DATABASE_PASSWORD + "@127.0.0.1:5432/journal"), dir).config();

    String printed = config.toString() + config.journal().shown();

    assertThat(printed).doesNotContain(PRIVATE_KEY).doesNotContain(API_KEY).doesNotContain(TOKEN)
      .doesNotContain(DATABASE_PASSWORD).contains(Redaction.REDACTED);
  }

  @Test
  void secretToStringIsRedacted() {
    assertThat(Secret.of(API_KEY)).hasToString(Redaction.REDACTED);
  }

  @Test
  void problemsNeverEchoASecretVariable() {
    Exception e = org.assertj.core.api.Assertions.catchException(() -> Configs.load(Map.of(
      "API_KEY", API_KEY,
      "TELEGRAM_BOT_API_KEY", TOKEN,
      "MAX_RETRIES", "lots"), dir));

    assertThat(e.getMessage()).doesNotContain(API_KEY).doesNotContain(TOKEN);
  }

  @Test
  void aJournalUrlThatIsNotPostgresqlIsRefusedWithoutEchoingIt() {
    Exception e = org.assertj.core.api.Assertions.catchException(() -> Configs.load(Map.of(
      "JOURNAL_URL", "mysql://trader:" + DATABASE_PASSWORD + "@127.0.0.1/journal"), dir));

    assertThat(e.getMessage()).contains("JOURNAL_URL must be unset (SQLite under DATA_DIR) or a postgresql://")
      .doesNotContain(DATABASE_PASSWORD);
  }

  @Test
  void secretsInConfigJsonAreRefusedWithoutEchoingThem() throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("conf"));
    java.nio.file.Files.writeString(dir.resolve("conf/config.json"), "{\"API_KEY\": \"" + API_KEY + "\"}");

    Exception e = org.assertj.core.api.Assertions.catchException(() -> Configs.load(Map.of(), dir));

    assertThat(e.getMessage()).contains("API_KEY is a secret and belongs in .env or the environment")
      .doesNotContain(API_KEY);
  }

  @Test
  void aKeyPastedIntoTheWrongVariableIsNotEchoed() {
    Exception e = org.assertj.core.api.Assertions.catchException(() -> Configs.load(Map.of(
      "MAX_SLIPPAGE", "0x" + PRIVATE_KEY), dir));

    assertThat(e.getMessage()).isEqualTo("MAX_SLIPPAGE must be a number, got a value of 82 characters")
      .doesNotContain(PRIVATE_KEY);
  }
}
