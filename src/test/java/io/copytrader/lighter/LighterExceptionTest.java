package io.copytrader.lighter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LighterExceptionTest {

  @ParameterizedTest(name = "HTTP {0} code {1} -> {2}, retryable {3}, outcome unknown {4}")
  @CsvSource({
    "400, 21104, REJECTED,     true,  false",
    "400, 21506, REJECTED,     true,  false",
    "400, 21739, REJECTED,     false, false",
    "400, 21728, REJECTED,     false, false",
    "400, 21120, REJECTED,     false, false",
    "400, 21100, REJECTED,     false, false",
    "400, 21701, REJECTED,     false, false",
    "400, 20001, REJECTED,     false, false",
    "400, 0,     REJECTED,     false, false",
    "200, 21104, REJECTED,     true,  false",
    "400, 23000, RATE_LIMITED, true,  false",
    "400, 29500, SERVER_ERROR, true,  true",
    "400, 29501, SERVER_ERROR, true,  true"
  })
  void resultCodesAreClassified(int httpStatus, int code, LighterException.Kind kind, boolean retryable,
                                boolean outcomeUnknown) {
    LighterException failure = LighterException.fromResult("sendTx", httpStatus, code, "text");

    assertThat(failure.kind()).isEqualTo(kind);
    assertThat(failure.retryable()).isEqualTo(retryable);
    assertThat(failure.outcomeUnknown()).isEqualTo(outcomeUnknown);
    assertThat(failure.code()).isEqualTo(code);
    assertThat(failure.httpStatus()).isEqualTo(httpStatus);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "CONNECT, CONNECT_FAILED, false",
    "TIMEOUT, TIMEOUT,        true",
    "CLOSED,  TRANSPORT,      true"
  })
  void transportFailuresAreRetryableAndUnknownOnlyAfterConnecting(String failure, LighterException.Kind kind,
                                                                  boolean outcomeUnknown) {
    Throwable cause = switch (failure) {
      case "CONNECT" -> new ConnectException("Connection refused");
      case "TIMEOUT" -> new TimeoutException("timeout");
      default -> new IllegalStateException("Connection was closed");
    };

    LighterException classified = LighterException.fromTransport("sendTx", cause);

    assertThat(classified.kind()).isEqualTo(kind);
    assertThat(classified.retryable()).isTrue();
    assertThat(classified.outcomeUnknown()).isEqualTo(outcomeUnknown);
    assertThat(classified.exchangeFault()).isTrue();
  }

  @ParameterizedTest(name = "HTTP {0}")
  @CsvSource({"429", "405"})
  void rateLimitsAreRetryableNotAppliedAndLeftToTheBudget(int httpStatus) {
    LighterException failure = LighterException.rateLimited("sendTx", httpStatus, 23000, "Too Many Requests!");

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.outcomeUnknown()).isFalse();
    assertThat(failure.exchangeFault()).as("counts for the breaker").isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"REJECTED", "CIRCUIT_OPEN"})
  void onlyExchangeFaultsCountForTheBreaker(LighterException.Kind kind) {
    LighterException failure = kind == LighterException.Kind.REJECTED
      ? LighterException.fromResult("sendTx", 400, 21739, "not enough margin")
      : LighterException.circuitOpen("sendTx");

    assertThat(failure.exchangeFault()).isFalse();
  }

  @ParameterizedTest(name = "message of {0} chars")
  @CsvSource({"10", "5000"})
  void exchangeTextIsBoundedInTheMessage(int length) {
    LighterException failure = LighterException.fromResult("sendTx", 400, 21701, "x".repeat(length));

    assertThat(failure.getMessage()).hasSizeLessThan(300).contains("21701");
  }
}
