package io.copytrader.e2e;

import io.copytrader.testing.HeldJournal;
import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.orders;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.account.AccountRequests;
import io.copytrader.account.RemoteAccounts;
import io.copytrader.account.RemoteIntake;
import io.copytrader.account.TradeAction;
import io.copytrader.account.TradeRequest;
import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.journal.Journal;
import io.copytrader.journal.JournalChannels;
import io.copytrader.journal.NewRequest;
import io.copytrader.journal.RequestKind;
import io.copytrader.killswitch.RailsVerticle;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.LighterClientOptions;
import io.copytrader.rails.KillMode;
import io.copytrader.testing.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any node accepts a request: the service (the accounts' owner) on a PostgreSQL journal, and a second node made of
 * its own Vert.x, its own journal on the same database and its {@link RemoteIntake}, as another service process
 * has them. What the second node journals, the owner claims and executes.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteIntakeTest {

  private static final Duration CLAIMED_WITHIN = Duration.ofSeconds(1);

  private TradingHarness harness;
  private Vertx otherNode;
  private Journal otherJournal;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    PostgresServer server = PostgresServer.shared();
    harness = TradingHarness.start(vertx, dir, 7, Map.of("JOURNAL_URL", server.url(server.freshSchema())));
    otherNode = Vertx.vertx();
    // A node owning no account: its leases are none.
    otherJournal = HeldJournal.open(otherNode, harness.serviceConfig().journal(), dir.resolve("other"),
      Clock.systemUTC(), HeldJournal.book()).await();
    List<Long> indexes = harness.serviceConfig().accounts().indexes().stream().toList();
    LighterClient otherClient = new LighterClient(otherNode,
      LighterClientOptions.defaults(harness.serviceConfig().lighter().baseUrl()));
    otherNode.deployVerticle(new RemoteIntake(otherJournal, indexes, 100, otherClient)).await();
    otherNode.deployVerticle(new RemoteAccounts(harness.serviceConfig().accounts().list(), otherJournal,
      otherClient)).await();
    otherNode.deployVerticle(new RailsVerticle(otherJournal, indexes)).await();
  }

  @AfterAll
  void stop() {
    otherJournal.close().await();
    otherNode.close().await();
  }

  @Test
  void aRequestTheOtherNodeJournalsIsNotifiedAndExecutedByTheOwnerAtOnce() {
    TestAccount account = harness.freshAccount();
    ConcurrentLinkedQueue<String> notices = new ConcurrentLinkedQueue<>();
    PgSubscriber listening = PgSubscriber.subscriber(otherNode, harness.serviceConfig().journal().connectOptions());
    listening.channel(JournalChannels.INTAKE).handler(notices::add);
    listening.connect().await();
    try {
      String id = submitElsewhere(request(account, TradeAction.LONG, "0.5", null)).getString("request_id");

      eventually("the intake notice", () -> notices.contains(Long.toString(account.index())));
      eventually("request " + id + " to be claimed", CLAIMED_WITHIN, () -> harness.requestStatus(id),
        status -> !"queued".equals(status.getString("state")));
      harness.filled(id);
      assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo("1.3333");
    } finally {
      listening.close().await();
    }
  }

  @Test
  void aRequestJournaledWithoutANoticeIsClaimedByTheBackstop() {
    TestAccount account = harness.freshAccount();
    TradeRequest request = request(account, TradeAction.LONG, "0.5", null);
    String id = "backstop-" + account.index();
    otherJournal.insertRequest(NewRequest.of(id, account.index(), RequestKind.TRADE, request.toJson(), null, null,
      null)).await();

    eventually("request " + id + " to be claimed", Duration.ofSeconds(3), () -> harness.requestStatus(id),
      status -> !"queued".equals(status.getString("state")));
    assertThat(orders(harness.filled(id), "entry")).hasSize(1);
  }

  @Test
  void aRepeatThroughEitherNodeIsAnsweredWithTheOriginal() {
    TestAccount account = harness.freshAccount();
    HttpResponse<Buffer> atOwner = postWithKey(account, "key-owner-first", "0.25");
    assertThat(atOwner.statusCode()).as(atOwner.bodyAsString()).isEqualTo(202);
    String ownerFirst = atOwner.bodyAsJsonObject().getString("request_id");
    JsonObject repeatElsewhere = submitElsewhere(request(account, TradeAction.LONG, "0.25", "key-owner-first"));
    assertThat(repeatElsewhere.getString("request_id")).isEqualTo(ownerFirst);
    assertThat(repeatElsewhere.getBoolean("duplicate")).isTrue();

    String elsewhereFirst = submitElsewhere(request(account, TradeAction.LONG, "0.3", "key-elsewhere-first"))
      .getString("request_id");
    HttpResponse<Buffer> repeatAtOwner = postWithKey(account, "key-elsewhere-first", "0.3");
    assertThat(repeatAtOwner.statusCode()).as("a repeat's answer").isEqualTo(200);
    assertThat(repeatAtOwner.bodyAsJsonObject().getString("request_id")).isEqualTo(elsewhereFirst);

    harness.filled(ownerFirst);
    harness.filled(elsewhereFirst);
    JsonObject listed = harness.get("/api/trades?account_index=" + account.index() + "&limit=100")
      .bodyAsJsonObject();
    assertThat(listed.getJsonArray("requests").stream().map(request -> (JsonObject) request)
      .filter(request -> !"protection".equals(request.getString("kind")))
      .map(request -> request.getString("request_id"))).containsExactlyInAnyOrder(ownerFirst, elsewhereFirst);
  }

  @Test
  void aBurstFromTheOtherNodeExecutesEachRequestOnceInOrder() {
    TestAccount account = harness.freshAccount();
    List<String> ids = new ArrayList<>();
    for (int round = 1; round <= 4; round++) {
      ids.add(submitElsewhere(request(account, TradeAction.LONG, "0." + round, null)).getString("request_id"));
      ids.add(submitElsewhere(request(account, TradeAction.CLOSE, null, null)).getString("request_id"));
    }

    List<Instant> started = new ArrayList<>();
    for (String id : ids) {
      JsonObject status = harness.filled(id);
      assertThat(orders(status, "entry").size() + orders(status, "close").size()).as(id).isEqualTo(1);
      started.add(Instant.parse(status.getString("started_at")));
    }
    assertThat(started).isSorted();
    assertThat(harness.signedPosition(account, ETH)).isZero();
  }

  @Test
  void aKillSwitchEngagedOnTheOtherNodeStopsTheOwnersNextRequest() {
    TestAccount account = harness.freshAccount();
    otherJournal.engageKillSwitch(account.index(), KillMode.HALT, "halted on the other node").await();

    eventually("the owner to follow the kill switch", Duration.ofSeconds(3),
      () -> harness.get("/api/rails/" + account.index()).bodyAsJsonObject(),
      rails -> "halt".equals(rails.getJsonArray("accounts").getJsonObject(0).getString("kill_switch")));
    JsonObject refused = harness.awaitFinal(harness.trade(account, "ETH", "long", "0.2"));

    assertThat(refused.getString("state")).isEqualTo("refused");
    assertThat(refused.getString("error_code")).isEqualTo("RAIL_KILL_SWITCH");
    assertThat(orders(refused, "entry")).isEmpty();
  }

  @Test
  void theOtherNodeAnswersForTheAccountAndRefusesWhatOnlyItsOwnerDoes() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));
    DeliveryOptions options = new DeliveryOptions();

    JsonObject view = AccountRequests.view(otherNode.eventBus(), account.index(), options).await().body();
    assertThat(view.encode()).as("the view read from the exchange by the other node").contains("1.3333");
    JsonObject rails = AccountRequests.rails(otherNode.eventBus(), account.index(), options).await().body();
    assertThat(rails.getLong("account_index")).isEqualTo(account.index());
    assertThat(rails.getString("kill_switch")).isEqualTo("off");
    assertThat(AccountRequests.status(otherNode.eventBus(), account.index(), options).await().body()
      .getLong("queued")).isZero();
    Throwable protect = catchThrowable(() -> AccountRequests.protect(otherNode.eventBus(), account.index(), options)
      .await());
    assertThat(protect).isInstanceOf(ReplyException.class).hasMessageContaining("owned by another node");
    assertThat(FailureCode.of(((ReplyException) protect).failureCode())).isEqualTo(FailureCode.NOT_OWNER);
  }

  @Test
  void aFlattenEngagedOnTheOtherNodeClosesThePositionsThroughTheOwner() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));

    otherNode.eventBus().request(Addresses.KILL_SWITCH_ENGAGE, new JsonObject().put("mode", "flatten")
      .put("account_index", account.index()).put("reason", "flattened from the other node")).await();

    eventually("the position to be closed", Duration.ofSeconds(10),
      () -> harness.signedPosition(account, ETH), position -> position.signum() == 0);
    JsonObject listed = harness.get("/api/trades?account_index=" + account.index() + "&limit=100")
      .bodyAsJsonObject();
    assertThat(listed.getJsonArray("requests").stream().map(request -> (JsonObject) request)
      .filter(request -> "trade".equals(request.getString("kind")))).as("the open and one close").hasSize(2);
  }

  private HttpResponse<Buffer> postWithKey(TestAccount account, String key, String ratio) {
    return harness.api(HttpMethod.POST, "/api/trade").putHeader("Idempotency-Key", key)
      .sendJsonObject(TradingHarness.tradeBody(account, "ETH", "long", ratio)).await();
  }

  private static TradeRequest request(TestAccount account, TradeAction action, String ratio, String key) {
    return new TradeRequest(account.index(), ETH, "ETH", action, ratio == null ? null : new BigDecimal(ratio), null,
      key, null, null);
  }

  /** Submits through the other node as its HTTP API would: no local owner there, so its RemoteIntake answers. */
  private JsonObject submitElsewhere(TradeRequest request) {
    return AccountRequests.submit(otherNode.eventBus(), request.accountIndex(), request.toJson(),
      new DeliveryOptions()).await().body();
  }
}
