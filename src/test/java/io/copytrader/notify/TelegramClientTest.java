package io.copytrader.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.config.TelegramConfig;
import io.copytrader.testing.FakeTelegram;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code sendMessage} against a fake Bot API on loopback: what is sent and how each answer is reported. */
@ExtendWith(VertxExtension.class)
class TelegramClientTest {

  static final String TOKEN = "987654321:AAE-very-secret-token_xyz";

  private Vertx vertx;
  @AutoClose
  private FakeTelegram telegram;
  private TelegramClient client;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    telegram = new FakeTelegram(vertx).start();
  }

  /** Closes the client a test made; the tests that only need the fake make none. */
  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
  }

  private TelegramClient client(Long threadId, Duration timeout) {
    client = new TelegramClient(vertx, new TelegramConfig(TOKEN, "-100123", threadId, telegram.url()), timeout);
    return client;
  }

  @Test
  void postsHtmlMessageToTheBotsSendMessagePath() {
    SendResult result = client(null, Duration.ofSeconds(5)).sendMessage("<b>hi</b> &amp; bye").await();

    assertThat(result).isEqualTo(new SendResult.Sent());
    FakeTelegram.Received request = telegram.received().get(0);
    assertThat(request.path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
    assertThat(request.body()).isEqualTo(new JsonObject()
      .put("chat_id", "-100123").put("text", "<b>hi</b> &amp; bye").put("parse_mode", "HTML"));
  }

  @Test
  void threadIdIsSentOnlyWhenConfigured() {
    client(42L, Duration.ofSeconds(5)).sendMessage("in a topic").await();

    assertThat(telegram.received().get(0).body().getLong("message_thread_id")).isEqualTo(42L);
    assertThat(telegram.received().get(0).body().fieldNames()).containsExactlyInAnyOrder(
      "chat_id", "text", "parse_mode", "message_thread_id");
  }

  @Test
  void tooManyRequestsReportsTelegramsRetryAfter() {
    telegram.then(new FakeTelegram.TooManyRequests(7));

    SendResult result = client(null, Duration.ofSeconds(5)).sendMessage("x").await();

    assertThat(result).isEqualTo(new SendResult.RateLimited(Duration.ofSeconds(7)));
  }

  @ParameterizedTest(name = "HTTP {0} -> retryable {1}")
  @CsvSource({
    "500, true",
    "502, true",
    "400, false",
    "401, false",
    "403, false",
  })
  void errorStatusesAreReportedWithTheirDescription(int status, boolean retryable) {
    telegram.then(new FakeTelegram.Status(status, "Bad Request: something about " + TOKEN));

    SendResult result = client(null, Duration.ofSeconds(5)).sendMessage("x").await();

    assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
      assertThat(failed.retryable()).isEqualTo(retryable);
      assertThat(failed.status()).isEqualTo(status);
      assertThat(failed.reason()).startsWith("HTTP " + status + ": Bad Request").doesNotContain(TOKEN);
    });
  }

  @Test
  void slowAnswerTimesOutAsRetryableWithoutTheToken() {
    telegram.then(new FakeTelegram.Slow(2_000));

    SendResult result = client(null, Duration.ofMillis(200)).sendMessage("x").await();

    assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
      assertThat(failed.retryable()).isTrue();
      assertThat(failed.status()).isZero();
      assertThat(failed.reason()).isNotBlank().doesNotContain(TOKEN).doesNotContain("bot987654321");
    });
  }

  @Test
  void unreachableServerIsRetryableWithoutTheToken() {
    String url = telegram.url();
    telegram.close();
    client = new TelegramClient(vertx, new TelegramConfig(TOKEN, "-100123", null, url), Duration.ofSeconds(2));

    SendResult result = client.sendMessage("x").await();

    assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
      assertThat(failed.retryable()).isTrue();
      assertThat(failed.reason()).doesNotContain(TOKEN);
    });
    telegram = new FakeTelegram(vertx).start();
  }

  @ParameterizedTest(name = "{0} / header {1} -> {2}s")
  @CsvSource(nullValues = "null", delimiter = '|', value = {
    "{\"parameters\":{\"retry_after\":5}} | null | 5",
    "{\"parameters\":{\"retry_after\":5}} | 30   | 5",
    "{}                                  | 30   | 30",
    "{}                                  | soon | 1",
    "{\"parameters\":{\"retry_after\":0}} | null | 1",
    "{\"parameters\":{\"retry_after\":-3}}| null | 1",
    "{\"parameters\":{\"retry_after\":99999}} | null | 600",
    "null                                | null | 1",
  })
  void retryAfterComesFromTheBodyThenTheHeaderAndIsBounded(String body, String header, long expectedSeconds) {
    JsonObject json = body == null ? null : new JsonObject(body);

    assertThat(TelegramClient.retryAfter(json, header)).isEqualTo(Duration.ofSeconds(expectedSeconds));
  }
}
