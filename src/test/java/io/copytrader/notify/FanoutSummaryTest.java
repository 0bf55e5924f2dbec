package io.copytrader.notify;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Addresses;
import io.copytrader.Side;
import io.copytrader.account.TradeAction;
import io.copytrader.config.FanoutNoticeSettings;
import io.copytrader.config.TelegramConfig;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.testing.FakeTelegram;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The notifier against a fake Bot API with the notices of signals fanned out to many accounts: one summary per
 * signal, URGENT notices sent alone up to a bound and every one of them in the summary, small fan-outs and lone
 * requests notified as ever, and each notice logged when Telegram is off.
 */
@ExtendWith(VertxExtension.class)
class FanoutSummaryTest {

  private static final Duration DELIVERY = Duration.ofSeconds(10);
  private static final Duration WINDOW = Duration.ofMillis(300);
  private static final Fill FILL = new Fill(Side.BUY, new BigDecimal("0.1"), new BigDecimal("3000"));

  private static Vertx vertx;
  private static FakeTelegram telegram;

  @BeforeAll
  static void start(Vertx shared) {
    vertx = shared;
    telegram = new FakeTelegram(vertx).start();
    TelegramConfig config = new TelegramConfig(TelegramClientTest.TOKEN, "-100777", null, telegram.url(),
      new FanoutNoticeSettings(WINDOW, 3));
    vertx.deployVerticle(new NotifierVerticle(config, new NotifierSettings(200, Duration.ofMillis(5), 3, 10,
      Duration.ofSeconds(5)), ServiceMetrics.forVertx())).await();
  }

  @AfterAll
  static void stop() {
    telegram.close();
  }

  /** The context of account {@code i} of {@code signal}, its request named after the signal. */
  private static TradeContext account(Fanout signal, int i) {
    return TradeContext.of(signal.key() + "-req-" + i, 7000 + i, null, 0, "ETH").inFanout(signal);
  }

  private static void publish(int accounts, IntFunction<Notice> notice) {
    IntStream.rangeClosed(1, accounts).forEach(i -> vertx.eventBus().publish(Addresses.NOTIFY,
      notice.apply(i).toJson()));
  }

  /** Every message naming the signal's key or one of its requests. */
  private static List<String> about(Fanout signal) {
    return telegram.texts().stream().filter(text -> text.contains(signal.key())).toList();
  }

  private static String summaryOf(Fanout signal) {
    return eventually("the summary of " + signal.key(), DELIVERY, () -> about(signal).stream()
      .filter(text -> text.contains("<b>Signal:</b> " + signal.key())).toList(), found -> !found.isEmpty()).get(0);
  }

  /** A message without its last line, the time it was received. */
  private static String withoutTime(String text) {
    return text.substring(0, text.lastIndexOf('\n'));
  }

  @Test
  void thirtyAccountsOfOneSignalMakeOneSummary() {
    Fanout signal = new Fanout("webhook:crowd:fills", 30);

    publish(30, i -> Notices.opened(account(signal, i), FILL));

    String summary = summaryOf(signal);
    assertThat(summary).contains("Signal to 30 accounts: 30 notices summed up", "<b>Filled:</b> 30 (opened 30)",
      "<b>Accounts reporting:</b> 30 of 30", "<b>Filled size:</b> 3\n", "<b>Filled value:</b> 9000.00");
    assertThat(about(signal)).containsExactly(summary);
  }

  @Test
  void urgentNoticesGoAloneUpToTheBoundAndEveryOneIsInTheSummary() {
    Fanout signal = new Fanout("webhook:crowd:unknown", 30);

    publish(30, i -> Notices.outcomeUnknown(account(signal, i), TradeAction.CLOSE, "no answer"));

    String summary = summaryOf(signal);
    assertThat(summary).startsWith("🚨 <b>URGENT</b>").contains("<b>Outcome unknown:</b> 30",
      "<b>Need action now:</b> 30", "<b>And:</b> 10 more (each in the service log)");
    assertThat(summary.lines().filter(line -> line.contains("URGENT Trade outcome UNKNOWN"))).hasSize(20);
    assertThat(about(signal).stream().filter(text -> text.contains("<b>Trade outcome UNKNOWN: check the account</b>")))
      .hasSize(FanoutCoalescer.URGENT_ALONE);
  }

  @Test
  void aSignalToFewerAccountsThanTheThresholdIsNotifiedPerAccount() {
    Fanout signal = new Fanout("webhook:pair:fills", 2);

    publish(2, i -> Notices.opened(account(signal, i), FILL));

    eventually("two notices", DELIVERY, () -> about(signal).size() == 2);
    assertThat(about(signal)).allMatch(text -> text.contains("<b>Position opened</b>"))
      .noneMatch(text -> text.contains("<b>Signal:</b>"));
  }

  @Test
  void aLoneRequestIsNotifiedAsEver() {
    TradeContext lone = TradeContext.of("lone-req-1", 7100, "solo", 0, "ETH");
    Notice notice = Notices.opened(lone, FILL);

    vertx.eventBus().publish(Addresses.NOTIFY, notice.toJson());

    String sent = eventually("the lone notice", DELIVERY, () -> telegram.texts().stream()
      .filter(text -> text.contains("lone-req-1")).toList(), found -> !found.isEmpty()).get(0);
    String rendered = NoticeRenderer.html(notice, Instant.now());
    assertThat(withoutTime(sent)).isEqualTo(withoutTime(rendered));
  }

  @Test
  void withTelegramOffEachNoticeOfASignalIsLogged() throws InterruptedException {
    Fanout signal = new Fanout("webhook:crowd:logged", 30);
    try (LogCapture logs = new LogCapture()) {
      String off = vertx.deployVerticle(new NotifierVerticle(new TelegramConfig(null, null, null, null),
        ServiceMetrics.forVertx())).await();

      publish(30, i -> Notices.rejected(account(signal, i), TradeAction.LONG, "NOT_FILLED", "no liquidity"));

      eventually("30 notices logged", DELIVERY, () -> logs.lines().stream()
        .filter(line -> line.contains("Notice: [WARNING] Trade rejected") && line.contains(signal.key()))
        .count() == 30);
      vertx.undeploy(off).await();
    }
  }
}
