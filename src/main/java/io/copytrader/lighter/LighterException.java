package io.copytrader.lighter;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * A Lighter call that did not succeed, classified for the caller's retry and nonce decisions.
 *
 * <p>{@link #retryable()} follows the service's retry rule: network errors and timeouts, HTTP 5xx, 429/405,
 * circuit open, 21104 and 21506 are worth another attempt; every other rejection is final.
 * {@link #outcomeUnknown()} says whether the exchange may have acted on the request although no success
 * came back: for a send that means the nonce may be consumed and the order may exist, so the caller must
 * reconcile before sending anything new in its place.
 */
public final class LighterException extends RuntimeException {

  private static final int MAX_EXCHANGE_TEXT = 200;

  /** What went wrong, from "the exchange said no" to "nothing came back". */
  public enum Kind {
    /** The exchange answered with a result code other than 200 (usually HTTP 400). Nothing was applied. */
    REJECTED,
    /** HTTP 429 or 405, or a 230xx code: the request was refused before processing. */
    RATE_LIMITED,
    /** HTTP 5xx or a 295xx code: the exchange failed while handling the request. */
    SERVER_ERROR,
    /** The breaker is open; the request was not sent. */
    CIRCUIT_OPEN,
    /** No connection could be opened, or none was free in time; the request was not sent. */
    CONNECT_FAILED,
    /** The connection failed after the request may have been written. */
    TRANSPORT,
    /** No complete response within the request timeout. */
    TIMEOUT,
    /** HTTP 200 with a body that is not the documented JSON. */
    BAD_RESPONSE,
    /** The caller's send gate was closed when the transaction was about to be written: it was not sent. */
    WITHHELD
  }

  private final Kind kind;
  private final int code;
  private final int httpStatus;

  private LighterException(Kind kind, int code, int httpStatus, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
    this.code = code;
    this.httpStatus = httpStatus;
  }

  static LighterException fromResult(String operation, int httpStatus, int code, String exchangeMessage) {
    Kind kind;
    if (LighterErrorCodes.rateLimit(code)) {
      kind = Kind.RATE_LIMITED;
    } else if (LighterErrorCodes.serverFault(code)) {
      kind = Kind.SERVER_ERROR;
    } else {
      kind = Kind.REJECTED;
    }
    return new LighterException(kind, code, httpStatus, describe(operation, httpStatus, code, exchangeMessage), null);
  }

  static LighterException rateLimited(String operation, int httpStatus, int code, String exchangeMessage) {
    return new LighterException(Kind.RATE_LIMITED, code, httpStatus,
      describe(operation, httpStatus, code, exchangeMessage), null);
  }

  static LighterException serverError(String operation, int httpStatus, int code, String exchangeMessage) {
    return new LighterException(Kind.SERVER_ERROR, code, httpStatus,
      describe(operation, httpStatus, code, exchangeMessage), null);
  }

  static LighterException badResponse(String operation, int httpStatus, String problem) {
    return new LighterException(Kind.BAD_RESPONSE, 0, httpStatus,
      operation + ": unreadable response (HTTP " + httpStatus + "): " + problem, null);
  }

  static LighterException withheld(String operation) {
    return new LighterException(Kind.WITHHELD, 0, 0, operation + ": not sent, its send gate closed before it left",
      null);
  }

  /** The request never had a connection (none opened, or none free in time), so nothing of it was written. */
  static LighterException noConnection(String operation, Throwable failure) {
    String why = failure instanceof TimeoutException ? "none free or opened in time"
      : failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : " " + failure.getMessage());
    return new LighterException(Kind.CONNECT_FAILED, 0, 0, operation + ": not sent, no connection to Lighter: " + why,
      failure);
  }

  static LighterException circuitOpen(String operation) {
    return new LighterException(Kind.CIRCUIT_OPEN, 0, 0,
      operation + ": not sent, the Lighter circuit breaker is open", null);
  }

  static LighterException fromTransport(String operation, Throwable failure) {
    if (failure instanceof LighterException lighter) {
      return lighter;
    }
    if (failure instanceof ConnectException) {
      return new LighterException(Kind.CONNECT_FAILED, 0, 0,
        operation + ": could not connect to Lighter: " + failure.getMessage(), failure);
    }
    if (failure instanceof TimeoutException) {
      return new LighterException(Kind.TIMEOUT, 0, 0, operation + ": no response from Lighter in time", failure);
    }
    return new LighterException(Kind.TRANSPORT, 0, 0,
      operation + ": connection to Lighter failed: " + failure.getClass().getSimpleName()
        + (failure.getMessage() == null ? "" : " " + failure.getMessage()), failure);
  }

  public Kind kind() {
    return kind;
  }

  /** The exchange's result code, or 0 when it gave none (transport failures, bare HTTP errors). */
  public int code() {
    return code;
  }

  /** The HTTP status of the response, or 0 when none arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  public boolean retryable() {
    return switch (kind) {
      case REJECTED -> LighterErrorCodes.retryableRejection(code);
      case WITHHELD -> false;
      case RATE_LIMITED, SERVER_ERROR, CIRCUIT_OPEN, CONNECT_FAILED, TRANSPORT, TIMEOUT, BAD_RESPONSE -> true;
    };
  }

  /** The exchange may have applied the request even though no success was seen. */
  public boolean outcomeUnknown() {
    return kind == Kind.SERVER_ERROR || kind == Kind.TRANSPORT || kind == Kind.TIMEOUT || kind == Kind.BAD_RESPONSE;
  }

  /**
   * Whether this failure says something about the exchange's health (and so counts for the breaker). A rate limit
   * does not: the exchange answered, and the rate budget backs off the one scope it concerns, where an open breaker
   * would fail every call fast, sends of other scopes included, and report Lighter down.
   */
  public boolean exchangeFault() {
    return kind != Kind.REJECTED && kind != Kind.CIRCUIT_OPEN && kind != Kind.RATE_LIMITED && kind != Kind.WITHHELD;
  }

  public boolean hasCode(int expected) {
    return code == expected;
  }

  private static String describe(String operation, int httpStatus, int code, String exchangeMessage) {
    StringBuilder text = new StringBuilder(operation).append(": Lighter answered HTTP ").append(httpStatus);
    if (code != 0) {
      text.append(" code ").append(code);
    }
    if (exchangeMessage != null && !exchangeMessage.isBlank()) {
      String trimmed = exchangeMessage.length() > MAX_EXCHANGE_TEXT
        ? exchangeMessage.substring(0, MAX_EXCHANGE_TEXT) + "…" : exchangeMessage;
      text.append(" (").append(trimmed).append(')');
    }
    return text.toString();
  }
}
