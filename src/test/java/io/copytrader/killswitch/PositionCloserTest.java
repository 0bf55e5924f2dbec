package io.copytrader.killswitch;

import io.copytrader.testing.HeldJournal;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.account.TradeAction;
import io.copytrader.account.TradeRequest;
import io.copytrader.journal.Journal;
import io.copytrader.journal.NewRequest;
import io.copytrader.journal.RequestKind;
import io.copytrader.journal.RequestState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flatten's close against a real journal and an account that answers submits as {@code AccountVerticle} does
 * (a key it has seen answers its original request): an earlier close is followed, never asked for twice, and a
 * new round is asked for only once the previous one has ended.
 */
@ExtendWith(VertxExtension.class)
class PositionCloserTest {

  private static final long ACCOUNT = 7;
  private static final long FLATTEN = 1_764_000_000_000L;
  private static final OpenPosition ETH = new OpenPosition(0, "ETH", new BigDecimal("1.5"), 1);

  private Vertx vertx;
  private Journal journal;
  private PositionCloser closer;
  /** The idempotency key of every close the account was asked for, in order. */
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private final Map<String, String> requestByKey = new ConcurrentHashMap<>();
  /** The state the account answers a repeat with: what it was when the repeat arrived. */
  private final Map<String, RequestState> stateByRequest = new ConcurrentHashMap<>();

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dir) {
    this.vertx = vertx;
    journal = HeldJournal.open(vertx, dir, ACCOUNT).await();
    closer = new PositionCloser(vertx, journal);
  }

  @Test
  void closeAlreadyAskedForIsFollowedToItsEnd() {
    String earlier = journaled(1);
    account(RequestState.FILLED);

    Future<PositionCloser.Outcome> outcome = closer.close(ACCOUNT, ETH, FLATTEN);
    eventually("the earlier close to be asked for again", () -> asked.contains(key(1)));
    finish(earlier, RequestState.FILLED);

    assertThat(outcome.await()).isEqualTo(new PositionCloser.Outcome(ETH, earlier, "filled", null));
    assertThat(asked).containsExactly(key(1));
  }

  @Test
  void closeThatEndedIsAskedForAgainInTheNextRound() {
    finish(journaled(1), RequestState.FAILED);
    account(RequestState.FILLED);

    PositionCloser.Outcome outcome = closer.close(ACCOUNT, ETH, FLATTEN).await();

    assertThat(outcome.requestId()).isEqualTo(requestByKey.get(key(2)));
    assertThat(outcome.state()).isEqualTo("filled");
    assertThat(asked).containsExactly(key(1), key(2));
  }

  @Test
  void afterTheLastRoundItsOutcomeStandsAndNothingMoreIsAsked() {
    for (int round = 1; round <= PositionCloser.MAX_ROUNDS; round++) {
      finish(journaled(round), RequestState.FAILED);
    }
    account(RequestState.FILLED);

    PositionCloser.Outcome outcome = closer.close(ACCOUNT, ETH, FLATTEN).await();

    assertThat(outcome.requestId()).isEqualTo(requestByKey.get(key(PositionCloser.MAX_ROUNDS)));
    assertThat(outcome.state()).isEqualTo("failed");
    assertThat(asked).hasSize(PositionCloser.MAX_ROUNDS);
  }

  @Test
  void closeTheAccountRefusesIsReportedNotAccepted() {
    vertx.eventBus().<JsonObject>consumer(Addresses.accountSubmit(ACCOUNT),
      msg -> msg.fail(FailureCode.QUEUE_FULL.code(), "queue full")).completion().await();

    PositionCloser.Outcome outcome = closer.close(ACCOUNT, ETH, FLATTEN).await();

    assertThat(outcome).isEqualTo(new PositionCloser.Outcome(ETH, null, "not accepted", "queue full"));
  }

  private static String key(int round) {
    return PositionCloser.idempotencyKey(FLATTEN, ETH.marketId(), round);
  }

  /** The account: a key it knows answers its request and state; a new one is journaled and ends {@code ending}. */
  private void account(RequestState ending) {
    vertx.eventBus().<JsonObject>consumer(Addresses.accountSubmit(ACCOUNT), msg -> {
      TradeRequest request = TradeRequest.fromJson(msg.body());
      assertThat(request.action()).isEqualTo(TradeAction.CLOSE);
      asked.add(request.clientRequestId());
      String known = requestByKey.get(request.clientRequestId());
      if (known != null) {
        msg.reply(new JsonObject().put("request_id", known).put("duplicate", true)
          .put("state", stateByRequest.get(known).wire()));
        return;
      }
      String id = "close-" + request.clientRequestId();
      insert(id, request).onSuccess(inserted -> {
        msg.reply(new JsonObject().put("request_id", id));
        journal.markExecuting(id).compose(started -> journal.finish(id, ending, null, null));
      });
    }).completion().await();
  }

  private String journaled(int round) {
    TradeRequest request = new TradeRequest(ACCOUNT, ETH.marketId(), ETH.symbol(), TradeAction.CLOSE, null, null,
      key(round), null, null);
    String id = "earlier-" + round;
    insert(id, request).await();
    return id;
  }

  private Future<Void> insert(String id, TradeRequest request) {
    requestByKey.put(request.clientRequestId(), id);
    stateByRequest.put(id, RequestState.QUEUED);
    return journal.insertRequest(NewRequest.of(id, ACCOUNT, RequestKind.TRADE, request.toJson(),
      request.clientRequestId(), null, null)).mapEmpty();
  }

  private void finish(String id, RequestState state) {
    journal.markExecuting(id).compose(started -> journal.finish(id, state,
      state == RequestState.FILLED ? null : "EXCHANGE_ERROR", "ended")).await();
    stateByRequest.put(id, state);
  }
}
