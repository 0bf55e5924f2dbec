package io.copytrader.notify;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Addresses;
import io.copytrader.config.TelegramConfig;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.notify.Notice.Line;
import io.copytrader.notify.Notice.Severity;
import io.copytrader.testing.FakeTelegram;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The notifier against a fake Bot API: pacing, retries, the bounded queue, redaction, and Telegram off. */
@ExtendWith(VertxExtension.class)
class NotifierVerticleTest {

  /** How long a notice gets to reach the fake Bot API. */
  private static final Duration DELIVERY = Duration.ofSeconds(10);

  private static final String TOKEN = TelegramClientTest.TOKEN;
  private static final Duration FAST = Duration.ofMillis(20);

  private Vertx vertx;
  @AutoClose
  private FakeTelegram telegram;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    telegram = new FakeTelegram(vertx).start();
  }

  private NotifierVerticle deploy(String url, NotifierSettings settings) {
    NotifierVerticle notifier = new NotifierVerticle(new TelegramConfig(TOKEN, "-100777", null, url), settings,
      ServiceMetrics.forVertx());
    vertx.deployVerticle(notifier).await();
    return notifier;
  }

  private NotifierVerticle deploy(NotifierSettings settings) {
    return deploy(telegram.url(), settings);
  }

  private static NotifierSettings settings(int capacity, Duration interval, int attempts, Duration timeout) {
    return new NotifierSettings(capacity, interval, attempts, 10, timeout);
  }

  private void publish(Severity severity, String title, Line... lines) {
    vertx.eventBus().publish(Addresses.NOTIFY, new Notice(severity, title, List.of(lines)).toJson());
  }

  private List<String> sentTitles() {
    return telegram.received().stream().map(request -> request.body().getString("text").lines().findFirst()
      .orElseThrow()).toList();
  }

  private static Duration gap(FakeTelegram.Received earlier, FakeTelegram.Received later) {
    return Duration.ofNanos(later.nanos() - earlier.nanos());
  }

  @Test
  void sendsAtMostOneMessagePerSecond() throws InterruptedException {
    NotifierVerticle notifier = deploy(NotifierSettings.defaults());

    publish(Severity.INFO, "one");
    publish(Severity.INFO, "two");
    publish(Severity.INFO, "three");
    eventually("3 sent", DELIVERY, () -> notifier.counters().sent() == 3);

    List<FakeTelegram.Received> received = telegram.received();
    assertThat(gap(received.get(0), received.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(990));
    assertThat(gap(received.get(1), received.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(990));
  }

  @Test
  void sendsRenderedHtmlWithEscapedValues() throws InterruptedException {
    NotifierVerticle notifier = deploy(settings(10, FAST, 3, Duration.ofSeconds(5)));

    publish(Severity.URGENT, "Stop <loss> & co", new Line("Error", "<script>alert(1)</script> & more"));
    eventually("1 sent", DELIVERY, () -> notifier.counters().sent() == 1);

    JsonObject body = telegram.received().get(0).body();
    assertThat(body.getString("parse_mode")).isEqualTo("HTML");
    assertThat(body.getString("chat_id")).isEqualTo("-100777");
    assertThat(body.containsKey("message_thread_id")).isFalse();
    assertThat(body.getString("text"))
      .startsWith("🚨 <b>URGENT</b> 🚨 <b>Stop &lt;loss&gt; &amp; co</b>\n")
      .contains("<b>Error:</b> &lt;script&gt;alert(1)&lt;/script&gt; &amp; more\n")
      .doesNotContain("<script>");
  }

  @Test
  void rateLimitedMessageIsResentAfterRetryAfter() throws InterruptedException {
    telegram.then(new FakeTelegram.TooManyRequests(1));
    NotifierVerticle notifier = deploy(settings(10, FAST, 3, Duration.ofSeconds(5)));

    publish(Severity.INFO, "patience");
    eventually("1 sent", DELIVERY, () -> notifier.counters().sent() == 1);

    List<FakeTelegram.Received> received = telegram.received();
    assertThat(received).hasSize(2);
    assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
    assertThat(gap(received.get(0), received.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(990));
    assertThat(notifier.counters().failed()).isZero();
  }

  @Test
  void serverErrorIsRetriedUntilDelivered() throws InterruptedException {
    telegram.then(new FakeTelegram.Status(500, "Internal Server Error"));
    NotifierVerticle notifier = deploy(settings(10, FAST, 3, Duration.ofSeconds(5)));

    publish(Severity.WARNING, "eventually");
    eventually("1 sent", DELIVERY, () -> notifier.counters().sent() == 1);

    assertThat(telegram.received()).hasSize(2);
    assertThat(notifier.counters().failed()).isZero();
  }

  @Test
  void transportFailuresAreRetriedABoundedNumberOfTimesThenCountedFailed() throws InterruptedException {
    telegram.then(new FakeTelegram.Status(502, "Bad Gateway"))
      .then(new FakeTelegram.Slow(1_000))
      .then(new FakeTelegram.Status(503, "Unavailable"));
    NotifierVerticle notifier = deploy(settings(10, FAST, 3, Duration.ofMillis(300)));

    publish(Severity.INFO, "doomed");
    eventually("1 failed", DELIVERY, () -> notifier.counters().failed() == 1);
    publish(Severity.INFO, "next one");
    eventually("1 sent", DELIVERY, () -> notifier.counters().sent() == 1);

    assertThat(sentTitles()).containsExactly("ℹ️ <b>doomed</b>", "ℹ️ <b>doomed</b>", "ℹ️ <b>doomed</b>",
      "ℹ️ <b>next one</b>");
  }

  @Test
  void refusedRequestIsNotRetried() throws InterruptedException {
    telegram.then(new FakeTelegram.Status(400, "Bad Request: chat not found"));
    NotifierVerticle notifier = deploy(settings(10, FAST, 3, Duration.ofSeconds(5)));

    publish(Severity.INFO, "nowhere");
    eventually("1 failed", DELIVERY, () -> notifier.counters().failed() == 1);
    publish(Severity.INFO, "after");
    eventually("1 sent", DELIVERY, () -> notifier.counters().sent() == 1);

    assertThat(telegram.received()).hasSize(2);
  }

  @Test
  void fullQueueDropsTheOldestLeastSevereNoticeAndKeepsUrgentOnes() throws InterruptedException {
    telegram.then(new FakeTelegram.Hold());
    NotifierVerticle notifier = deploy(settings(3, FAST, 3, Duration.ofSeconds(30)));
    publish(Severity.URGENT, "in flight");
    eventually("one request at the Bot API", DELIVERY, () -> telegram.received().size() == 1);

    publish(Severity.INFO, "info 1");
    publish(Severity.URGENT, "urgent 2");
    publish(Severity.INFO, "info 3");
    publish(Severity.WARNING, "warning 4");
    publish(Severity.INFO, "info 5");
    publish(Severity.URGENT, "urgent 6");
    eventually("3 dropped", DELIVERY, () -> notifier.counters().dropped() == 3);
    assertThat(notifier.counters().queued()).isEqualTo(3);
    telegram.releaseHeld();
    eventually("4 sent", DELIVERY, () -> notifier.counters().sent() == 4);

    assertThat(sentTitles()).containsExactly(
      "🚨 <b>URGENT</b> 🚨 <b>in flight</b>",
      "🚨 <b>URGENT</b> 🚨 <b>urgent 2</b>",
      "⚠️ <b>warning 4</b>",
      "🚨 <b>URGENT</b> 🚨 <b>urgent 6</b>");
  }

  @Test
  void queueFullOfUrgentNoticesDropsTheOldestUrgentOne() throws InterruptedException {
    telegram.then(new FakeTelegram.Hold());
    NotifierVerticle notifier = deploy(settings(2, FAST, 3, Duration.ofSeconds(30)));
    publish(Severity.INFO, "in flight");
    eventually("one request at the Bot API", DELIVERY, () -> telegram.received().size() == 1);

    publish(Severity.URGENT, "urgent 1");
    publish(Severity.URGENT, "urgent 2");
    publish(Severity.INFO, "info 3");
    publish(Severity.URGENT, "urgent 4");
    eventually("2 dropped", DELIVERY, () -> notifier.counters().dropped() == 2);
    telegram.releaseHeld();
    eventually("3 sent", DELIVERY, () -> notifier.counters().sent() == 3);

    assertThat(sentTitles()).containsExactly("ℹ️ <b>in flight</b>", "🚨 <b>URGENT</b> 🚨 <b>urgent 2</b>",
      "🚨 <b>URGENT</b> 🚨 <b>urgent 4</b>");
  }

  @Test
  void malformedNoticeIsDroppedAndDeliveryContinues() throws InterruptedException {
    NotifierVerticle notifier = deploy(settings(10, FAST, 3, Duration.ofSeconds(5)));

    vertx.eventBus().publish(Addresses.NOTIFY, new JsonObject().put("severity", "LOUD").put("title", "x"));
    publish(Severity.INFO, "fine");
    eventually("1 sent", DELIVERY, () -> notifier.counters().sent() == 1);

    assertThat(notifier.counters().dropped()).isEqualTo(1);
  }

  @Test
  void tokenNeverAppearsInAnyLogLine() throws InterruptedException {
    try (LogCapture logs = new LogCapture()) {
      telegram.then(new FakeTelegram.Status(500, "Internal Server Error"))
        .then(new FakeTelegram.Slow(1_000))
        .then(new FakeTelegram.TooManyRequests(1))
        .then(new FakeTelegram.Status(401, "Unauthorized"));
      NotifierVerticle notifier = deploy(settings(10, FAST, 2, Duration.ofMillis(200)));
      String closedUrl = new FakeTelegram(vertx).start().closedUrl();
      NotifierVerticle unreachable = deploy(closedUrl, settings(10, FAST, 1, Duration.ofSeconds(2)));

      publish(Severity.INFO, "first");
      publish(Severity.INFO, "second");
      eventually("two failures of each", DELIVERY,
        () -> notifier.counters().failed() == 2 && unreachable.counters().failed() == 2);

      assertThat(logs.lines())
        .anyMatch(line -> line.contains("Telegram send failed"))
        .anyMatch(line -> line.contains("Telegram rate limit"))
        .anyMatch(line -> line.contains("HTTP 401"))
        .anyMatch(line -> line.contains("not delivered"))
        .noneMatch(line -> line.contains(TOKEN))
        .noneMatch(line -> line.contains("AAE-very-secret"));
    }
  }

  @Test
  void disabledTelegramLogsEachNoticeWithoutWarning() throws InterruptedException {
    try (LogCapture logs = new LogCapture()) {
      NotifierVerticle notifier = new NotifierVerticle(new TelegramConfig(null, "-100777", null, telegram.url()),
        ServiceMetrics.forVertx());
      vertx.deployVerticle(notifier).await();

      publish(Severity.INFO, "first", new Line("Account", "#1"));
      publish(Severity.URGENT, "second");
      eventually("two notices logged", DELIVERY,
        () -> logs.lines().stream().filter(line -> line.contains("Notice: ")).count() == 2);

      // The configuration warns that Telegram is unset; the notifier does not say it again.
      assertThat(logs.lines()).noneMatch(line -> line.startsWith("WARN"))
        .anyMatch(line -> line.startsWith("INFO") && line.contains("Telegram notifications off"));
      assertThat(logs.lines()).anyMatch(line -> line.startsWith("INFO") && line.contains("[INFO] first | Account: #1"))
        .anyMatch(line -> line.contains("[URGENT] second"));
      assertThat(telegram.received()).isEmpty();
    }
  }
}
