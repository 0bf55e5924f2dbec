package io.copytrader.account;

import io.copytrader.testing.HeldJournal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.journal.Journal;
import io.copytrader.journal.RequestState;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.LighterClientOptions;
import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.paper.PaperAccount;
import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperExchange;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What {@link RemoteIntake} refuses, with the owner's codes, and what it journals: nothing for a refusal. */
@ExtendWith(VertxExtension.class)
class RemoteIntakeRefusalsTest {

  private static final long ACCOUNT = 4001;
  private static final int CAPACITY = 2;
  /** The epoch of the account's first acquisition, the journal's node's. */
  private static final long OWNER_EPOCH = 1;

  private Vertx vertx;
  private Journal journal;
  private LighterClient lighter;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dir) {
    this.vertx = vertx;
    PaperExchange paper = new PaperExchange(PaperConfig.defaults().withAccounts(List.of(new PaperAccount(ACCOUNT,
      String.format("0x%040x", ACCOUNT), new BigDecimal("1000"),
      Map.of(0, ApiKey.parse("0x" + "5e".repeat(40)).publicKeyHex())))));
    vertx.deployVerticle(paper).await();
    lighter = new LighterClient(vertx, LighterClientOptions.defaults(paper.baseUrl()));
    // The journal's node is the account's owner too, under the first epoch, to claim what another node journaled.
    journal = HeldJournal.open(vertx, dir, ACCOUNT).await();
    vertx.deployVerticle(new RemoteIntake(journal, List.of(ACCOUNT), CAPACITY, lighter)).await();
  }

  @AfterEach
  void stop() {
    lighter.close();
    journal.close().await();
  }

  @Test
  void aBodyThatIsNoTradeRequestIsInvalid() {
    assertThat(refusal(new JsonObject().put("account_index", ACCOUNT).put("action", "fly")))
      .isEqualTo(FailureCode.INVALID_REQUEST);
  }

  @Test
  void anAccountNotConfiguredIsUnknown() {
    assertThat(refusal(trade(ACCOUNT + 1, "long", "0.5", null))).isEqualTo(FailureCode.UNKNOWN_ACCOUNT);
  }

  @Test
  void anAdjustmentWithoutAnOpenPositionIsRefusedAndNotJournaled() {
    JsonObject increase = new JsonObject().put("account_index", ACCOUNT).put("market_id", 0).put("symbol", "ETH")
      .put("action", "increase").put("percentage", "25").put("client_request_id", "adjust-1");

    assertThat(refusal(increase)).isEqualTo(FailureCode.NO_POSITION);
    assertThat(journal.findByIdempotencyKey(ACCOUNT, "adjust-1").await()).isEmpty();
  }

  @Test
  void theAccountsQueuedRequestsInTheJournalFillItsQueue() {
    JsonObject first = trade(ACCOUNT, "long", "0.1", "first");
    accepted(first);
    accepted(trade(ACCOUNT, "long", "0.2", null));

    assertThat(refusal(trade(ACCOUNT, "long", "0.3", null))).isEqualTo(FailureCode.QUEUE_FULL);
    assertThat(submit(first).getString("state")).as("a repeat is answered, full or not")
      .isEqualTo(RequestState.QUEUED.wire());
  }

  @Test
  void aRepeatIsAnsweredWithTheOriginalAndADifferentBodyUnderItsKeyConflicts() {
    String original = accepted(trade(ACCOUNT, "long", "0.1", "key-1"));

    JsonObject repeat = submit(trade(ACCOUNT, "long", "0.1", "key-1"));
    assertThat(repeat.getString("request_id")).isEqualTo(original);
    assertThat(repeat.getBoolean("duplicate")).isTrue();
    assertThat(refusal(trade(ACCOUNT, "short", "0.1", "key-1"))).isEqualTo(FailureCode.IDEMPOTENCY_CONFLICT);
  }

  @Test
  void anAcceptedRequestWaitsQueuedForItsOwner() {
    String id = accepted(trade(ACCOUNT, "long", "0.1", null));

    assertThat(journal.getRequest(id).await().orElseThrow().request().state()).isEqualTo(RequestState.QUEUED);
    assertThat(journal.claimQueued(ACCOUNT, OWNER_EPOCH).await()).extracting(record -> record.requestId())
      .containsExactly(id);
    assertThat(journal.claimQueued(ACCOUNT, OWNER_EPOCH).await()).as("claimed once").isEmpty();
  }

  private static JsonObject trade(long account, String action, String ratio, String key) {
    JsonObject body = new JsonObject().put("account_index", account).put("market_id", 0).put("symbol", "ETH")
      .put("action", action).put("reference_position_ratio", ratio);
    return key == null ? body : body.put("client_request_id", key);
  }

  private JsonObject submit(JsonObject body) {
    return vertx.eventBus().<JsonObject>request(Addresses.REMOTE_INTAKE, body).await().body();
  }

  private String accepted(JsonObject body) {
    JsonObject answer = submit(body);
    assertThat(answer.containsKey("duplicate")).isFalse();
    return answer.getString("request_id");
  }

  private FailureCode refusal(JsonObject body) {
    Throwable failure = catchThrowable(() -> submit(body));
    assertThat(failure).isInstanceOf(ReplyException.class);
    return FailureCode.of(((ReplyException) failure).failureCode());
  }
}
