package io.copytrader.lighter;

import static io.copytrader.lighter.Await.failure;
import static io.copytrader.lighter.Await.lighterFailure;
import static io.copytrader.lighter.Await.result;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Typed failures and the exchange circuit breaker. */
@ExtendWith(VertxExtension.class)
class LighterClientFailuresTest {

  private static final String TX_INFO = "{\"Nonce\":722}";
  private static final int MAX_FAILURES = 3;

  private FakeLighter lighter;
  @AutoClose
  private LighterClient client;
  private final List<CircuitBreakerState> transitions = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start(Vertx vertx) {
    lighter = result(new FakeLighter().start(vertx));
    client = new LighterClient(vertx, LighterClientOptions.defaults(lighter.baseUrl())
      .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300))
      .withBreaker(MAX_FAILURES, Duration.ofMillis(300)));
    client.onBreakerStateChange(transitions::add);
  }

  @Test
  void invalidNonceIsATypedRetryableRejectionThatWasNotApplied() {
    lighter.failNext(1, 400, FakeLighter.INVALID_NONCE);

    LighterException failure = lighterFailure(client.sendTx(14, TX_INFO));

    assertThat(failure.kind()).isEqualTo(LighterException.Kind.REJECTED);
    assertThat(failure.hasCode(LighterErrorCodes.INVALID_NONCE)).isTrue();
    assertThat(failure.httpStatus()).isEqualTo(400);
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.outcomeUnknown()).isFalse();
    assertThat(failure.getMessage()).contains("invalid nonce");
  }

  @Test
  void rejectedSendIsFinal() {
    lighter.failNext(1, 400, "{\"code\":21739,\"message\":\"not enough margin to create the order\"}");

    LighterException failure = lighterFailure(client.sendTx(14, TX_INFO));

    assertThat(failure.code()).isEqualTo(LighterErrorCodes.NOT_ENOUGH_MARGIN);
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.outcomeUnknown()).isFalse();
  }

  @Test
  void nonOkCodeOnHttp200IsARejection() {
    lighter.failNext(1, 200, "{\"code\":21506,\"message\":\"too many pending txs. Please try again later\"}");

    LighterException failure = lighterFailure(client.sendTx(14, TX_INFO));

    assertThat(failure.kind()).isEqualTo(LighterException.Kind.REJECTED);
    assertThat(failure.code()).isEqualTo(LighterErrorCodes.TOO_MANY_PENDING_TXS);
    assertThat(failure.retryable()).isTrue();
  }

  @Test
  void http429IsRetryableRateLimit() {
    lighter.failNext(1, 429, FakeLighter.TOO_MANY_REQUESTS);

    LighterException failure = lighterFailure(client.sendTx(14, TX_INFO));

    assertThat(failure.kind()).isEqualTo(LighterException.Kind.RATE_LIMITED);
    assertThat(failure.code()).isEqualTo(23000);
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.outcomeUnknown()).isFalse();
  }

  @Test
  void http503OnSendLeavesTheOutcomeUnknown() {
    lighter.failNext(1, 503, "<html>Service Unavailable</html>");

    LighterException failure = lighterFailure(client.sendTx(14, TX_INFO));

    assertThat(failure.kind()).isEqualTo(LighterException.Kind.SERVER_ERROR);
    assertThat(failure.httpStatus()).isEqualTo(503);
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.outcomeUnknown()).isTrue();
  }

  @Test
  void slowResponseTimesOutWithUnknownOutcome() {
    lighter.delayNext(2_000);

    LighterException failure = lighterFailure(client.sendTx(14, TX_INFO));

    assertThat(failure.kind()).isEqualTo(LighterException.Kind.TIMEOUT);
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.outcomeUnknown()).isTrue();
  }

  @Test
  void droppedConnectionLeavesTheOutcomeUnknown() {
    lighter.dropNext(1);

    LighterException failure = lighterFailure(client.sendTx(14, TX_INFO));

    assertThat(failure.kind()).isEqualTo(LighterException.Kind.TRANSPORT);
    assertThat(failure.outcomeUnknown()).isTrue();
  }

  @Test
  void refusedConnectionWasNeverSent(Vertx vertx) {
    LighterClient nowhere = new LighterClient(vertx, LighterClientOptions.defaults("http://127.0.0.1:1"));
    try {
      LighterException failure = lighterFailure(nowhere.sendTx(14, TX_INFO));

      assertThat(failure.kind()).isEqualTo(LighterException.Kind.CONNECT_FAILED);
      assertThat(failure.retryable()).isTrue();
      assertThat(failure.outcomeUnknown()).isFalse();
    } finally {
      nowhere.close();
    }
  }

  @Test
  void malformedSuccessBodyIsABadResponse() {
    lighter.failNext(1, 200, "{\"code\":200,\"message\":\"ok\"");

    LighterException failure = lighterFailure(client.sendTx(14, TX_INFO));

    assertThat(failure.kind()).isEqualTo(LighterException.Kind.BAD_RESPONSE);
    assertThat(failure.outcomeUnknown()).isTrue();
  }

  @Test
  void authTokenNeverAppearsInAFailure() {
    String token = "1700000000:712440:4:" + "5e".repeat(40);
    lighter.failNext(1, 500, "{\"code\":29500,\"message\":\"internal server error\"}");

    Throwable failure = failure(client.accountActiveOrders(712440, null, () -> token));

    assertThat(failure.getMessage()).doesNotContain(token).doesNotContain("5e5e5e");
    assertThat(String.valueOf(failure)).doesNotContain("5e5e5e");
  }

  @Test
  void repeatedServerErrorsOpenTheBreakerAndLaterCallsAreNotSent() {
    lighter.failNext(MAX_FAILURES, 500, "{\"code\":29500,\"message\":\"internal server error\"}");
    for (int i = 0; i < MAX_FAILURES; i++) {
      lighterFailure(client.status());
    }
    int sent = lighter.requestCount();

    LighterException failure = lighterFailure(client.sendTx(14, TX_INFO));

    assertThat(client.breakerState()).isEqualTo(CircuitBreakerState.OPEN);
    assertThat(failure.kind()).isEqualTo(LighterException.Kind.CIRCUIT_OPEN);
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.outcomeUnknown()).isFalse();
    assertThat(lighter.requestCount()).isEqualTo(sent);
    assertThat(transitions).containsExactly(CircuitBreakerState.OPEN);
  }

  @Test
  void breakerClosesAfterATrialCallSucceeds() {
    lighter.failNext(MAX_FAILURES, 503, "");
    for (int i = 0; i < MAX_FAILURES; i++) {
      lighterFailure(client.status());
    }
    eventually("a half-open breaker", Duration.ofSeconds(2),
      () -> client.breakerState() == CircuitBreakerState.HALF_OPEN);

    result(client.status());

    assertThat(client.breakerState()).isEqualTo(CircuitBreakerState.CLOSED);
    assertThat(transitions).containsExactly(CircuitBreakerState.OPEN, CircuitBreakerState.HALF_OPEN,
      CircuitBreakerState.CLOSED);
  }

  @Test
  void rateLimitsDoNotOpenTheBreaker() {
    lighter.failNext(MAX_FAILURES + 2, 429, FakeLighter.TOO_MANY_REQUESTS);
    for (int i = 0; i < MAX_FAILURES + 2; i++) {
      lighterFailure(client.nextNonce(1, 4));
    }

    assertThat(client.breakerState()).isEqualTo(CircuitBreakerState.CLOSED);
    assertThat(transitions).isEmpty();
  }

  @Test
  void businessRejectionsDoNotOpenTheBreaker() {
    lighter.failNext(MAX_FAILURES + 2, 400, FakeLighter.INVALID_NONCE);
    for (int i = 0; i < MAX_FAILURES + 2; i++) {
      lighterFailure(client.sendTx(14, TX_INFO));
    }

    assertThat(client.breakerState()).isEqualTo(CircuitBreakerState.CLOSED);
    assertThat(transitions).isEmpty();
  }
}
