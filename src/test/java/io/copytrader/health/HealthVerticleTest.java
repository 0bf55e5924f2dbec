package io.copytrader.health;

import static io.copytrader.lighter.Await.result;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Addresses;
import io.copytrader.cluster.LeaseBook;
import io.copytrader.journal.JournalWrites;
import io.copytrader.lighter.Await;
import io.copytrader.lighter.FakeLighter;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.LighterClientOptions;
import io.copytrader.lighter.SendTxResult;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.notify.Notice;
import io.copytrader.notify.Notices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class HealthVerticleTest {

  private static final Duration INTERVAL = Duration.ofMillis(50);
  private static final int BREAKER_FAILURES = 3;
  /** Long enough that a loaded machine still sees the breaker open between two checks, short for the test. */
  private static final Duration BREAKER_RESET = Duration.ofMillis(1500);

  private FakeLighter lighter;
  @AutoClose
  private LighterClient client;
  private final List<Boolean> changes = new CopyOnWriteArrayList<>();
  private final List<Notice> notices = new CopyOnWriteArrayList<>();

  private final AtomicBoolean streamsLive = new AtomicBoolean();
  private final AtomicBoolean journalReachable = new AtomicBoolean(true);
  /** This node owns account 1077; 1078 is another node's. */
  private final LeaseBook leases = new LeaseBook("node-a", Duration.ofSeconds(7));
  private final ServiceMetrics metrics = ServiceMetrics.forVertx();

  @BeforeEach
  void start(Vertx vertx) {
    lighter = result(new FakeLighter().start(vertx));
    client = new LighterClient(vertx, LighterClientOptions.defaults(lighter.baseUrl())
      .withBreaker(BREAKER_FAILURES, BREAKER_RESET));
    vertx.eventBus().<JsonObject>consumer(Addresses.HEALTH_CHANGED,
      msg -> changes.add(msg.body().getBoolean("api_healthy")));
    vertx.eventBus().<JsonObject>consumer(Addresses.NOTIFY, msg -> notices.add(Notice.fromJson(msg.body())));
    result(vertx.eventBus().consumer(Addresses.accountStatus(1077),
      msg -> msg.reply(new JsonObject().put("queued", 0))).completion());
    leases.held(1077, 3, leases.now());
    result(vertx.deployVerticle(new HealthVerticle(client, List.of(1077L, 1078L), index -> streamsLive.get(), leases,
      metrics, INTERVAL).journal(journalReachable::get, () -> new JournalWrites(3, 7))));
  }

  private static JsonObject status(Vertx vertx) {
    return result(vertx.eventBus().<JsonObject>request(Addresses.HEALTH_STATUS, new JsonObject()).map(Message::body));
  }

  private void waitForProbes(int probes) throws InterruptedException {
    long target = lighter.count("/") + probes;
    eventually(probes + " more probes", () -> lighter.count("/") >= target);
  }

  @Test
  void namesTheNodeTheAccountsItOwnsAndTheAgeOfEachLease(Vertx vertx) {
    JsonObject health = status(vertx);

    assertThat(health.getString("node_id")).isEqualTo("node-a");
    assertThat(health.getJsonArray("owned_accounts")).containsExactly(1077L);
    assertThat(health.getJsonObject("lease_age_ms").fieldNames()).containsExactly("1077");
    assertThat(health.getJsonObject("lease_age_ms").getLong("1077")).isBetween(0L, 60_000L);
  }

  @Test
  void anAccountAnotherNodeOwnsIsSaidNotOwnedWithoutFailingTheCheck(Vertx vertx) {
    JsonObject accounts = status(vertx).getJsonObject("checks").getJsonObject("accounts");

    assertThat(accounts.getString("status")).isEqualTo("UP");
    assertThat(accounts.getJsonObject("1078").getBoolean("owned_by_this_node")).isFalse();
    assertThat(accounts.getJsonObject("1077").getBoolean("owned_by_this_node")).isTrue();
  }

  @Test
  void healthyStatusReportsEveryCheck(Vertx vertx) {
    JsonObject health = status(vertx);

    assertThat(health.getString("status")).isEqualTo("healthy");
    assertThat(health.getBoolean("api_healthy")).isTrue();
    JsonObject checks = health.getJsonObject("checks");
    assertThat(checks.fieldNames()).containsExactlyInAnyOrder("exchange", "breaker", "accounts", "journal", "clock");
    assertThat(checks.getJsonObject("journal").getString("status")).isEqualTo("UP");
    assertThat(checks.getJsonObject("exchange").getString("status")).isEqualTo("UP");
    assertThat(checks.getJsonObject("exchange").getString("last_success")).isNotNull();
    assertThat(checks.getJsonObject("breaker").getString("state")).isEqualTo("CLOSED");
    assertThat(checks.getJsonObject("accounts").getString("status")).isEqualTo("UP");
    assertThat(checks.getJsonObject("accounts").getJsonObject("1077").getInteger("queued")).isZero();
  }

  @Test
  void anUnreachableJournalMakesTheServiceUnhealthyUntilItIsBack(Vertx vertx) {
    journalReachable.set(false);
    JsonObject down = status(vertx);
    journalReachable.set(true);
    JsonObject back = status(vertx);

    assertThat(down.getString("status")).isEqualTo("unhealthy");
    assertThat(down.getJsonObject("checks").getJsonObject("journal").getString("status")).isEqualTo("DOWN");
    assertThat(back.getString("status")).isEqualTo("healthy");
  }

  @Test
  void aLostJournalIsNotifiedOnceAndItsReturnOnce() throws InterruptedException {
    journalReachable.set(false);
    eventually("the journal's loss notified", () -> notices.size() == 1);
    waitForProbes(3);
    journalReachable.set(true);
    eventually("its return notified", () -> notices.size() == 2);
    waitForProbes(3);

    assertThat(notices).extracting(Notice::title).containsExactly(Notices.journalDown("node-a").title(),
      Notices.journalUp("node-a", Duration.ZERO).title());
    assertThat(notices).extracting(Notice::severity).containsExactly(Notice.Severity.URGENT, Notice.Severity.INFO);
    assertThat(notices).allSatisfy(notice -> assertThat(notice.lines())
      .anySatisfy(line -> assertThat(line.value()).isEqualTo("node-a")));
  }

  @Test
  void theMetricsCountTheJournalsCommittedTransactionsAndWrites() {
    assertThat(metrics.scrape()).contains("copytrade_journal_transactions_total 3.0",
      "copytrade_journal_operations_total 7.0");
  }

  @Test
  void anAccountIsReadyOnlyOnceItsStreamsAreLive(Vertx vertx) {
    JsonObject before = status(vertx).getJsonObject("checks").getJsonObject("accounts");
    streamsLive.set(true);
    JsonObject after = status(vertx).getJsonObject("checks").getJsonObject("accounts");

    assertThat(before.getString("status")).isEqualTo("UP");
    assertThat(before.getJsonObject("1077").getBoolean("ready")).isFalse();
    assertThat(after.getJsonObject("1077").getBoolean("ready")).isTrue();
  }

  @Test
  void oneFailedCheckKeepsTheApiHealthy(Vertx vertx) throws InterruptedException {
    lighter.failNext(1, 503, "");
    waitForProbes(3);

    assertThat(changes).isEmpty();
    assertThat(notices).isEmpty();
    assertThat(status(vertx).getBoolean("api_healthy")).isTrue();
  }

  @Test
  void twoFailedChecksMakeTheApiUnhealthyWithOneNotice(Vertx vertx) throws InterruptedException {
    lighter.reply("/", 503, "");

    eventually("a down change", () -> changes.contains(false));
    waitForProbes(3);

    assertThat(changes).containsExactly(false);
    assertThat(notices).singleElement().satisfies(notice -> {
      assertThat(notice.severity()).isEqualTo(Notice.Severity.URGENT);
      assertThat(notice.title()).isEqualTo(Notices.lighterDown(2, false, null).title());
    });
    JsonObject health = status(vertx);
    assertThat(health.getString("status")).isEqualTo("unhealthy");
    assertThat(health.getBoolean("api_healthy")).isFalse();
    assertThat(health.getJsonObject("checks").getJsonObject("exchange").getString("status")).isEqualTo("DOWN");
    assertThat(health.getJsonObject("checks").getJsonObject("exchange").getInteger("consecutive_failures"))
      .isGreaterThanOrEqualTo(2);
  }

  @Test
  void recoveryPublishesHealthyOnceWithOneNotice(Vertx vertx) throws InterruptedException {
    lighter.reply("/", 503, "");
    eventually("a down change", () -> changes.contains(false));
    lighter.reply("/", 200, FakeLighter.STATUS);

    eventually("a down and an up change", () -> changes.size() == 2);
    waitForProbes(3);

    assertThat(changes).containsExactly(false, true);
    assertThat(notices).extracting(Notice::severity).containsExactly(Notice.Severity.URGENT, Notice.Severity.INFO);
    assertThat(status(vertx).getString("status")).isEqualTo("healthy");
  }

  @Test
  void openBreakerMakesTheApiUnhealthyUntilItClosesAgain(Vertx vertx) throws InterruptedException {
    lighter.reply("/api/v1/sendTx", 500, "{\"code\":29500,\"message\":\"internal server error\"}");
    // Sent together: the breaker counts failures in a row, and a health probe answered between two sends resets it.
    List<Future<SendTxResult>> sends = IntStream.range(0, BREAKER_FAILURES)
      .mapToObj(i -> client.sendTx(14, "{}")).toList();
    sends.forEach(Await::lighterFailure);

    eventually("a down change", () -> changes.contains(false));
    JsonObject whileOpen = status(vertx);
    assertThat(whileOpen.getBoolean("api_healthy")).isFalse();
    assertThat(whileOpen.getJsonObject("checks").getJsonObject("breaker").getString("status")).isEqualTo("DOWN");
    assertThat(notices.get(0).lines()).anySatisfy(line -> assertThat(line.value()).contains("circuit breaker"));

    eventually("a down and an up change", () -> changes.size() == 2);

    assertThat(changes).containsExactly(false, true);
    JsonObject recovered = status(vertx);
    assertThat(recovered.getString("status")).isEqualTo("healthy");
    assertThat(recovered.getJsonObject("checks").getJsonObject("breaker").getString("state")).isEqualTo("CLOSED");
  }
}
