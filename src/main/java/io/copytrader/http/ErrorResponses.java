package io.copytrader.http;

import io.copytrader.FailureCode;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** The one place where failures become HTTP statuses and the documented error body. */
final class ErrorResponses {

  private ErrorResponses() {
  }

  static int status(FailureCode failure) {
    return switch (failure) {
      case INVALID_REQUEST -> 400;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case UNKNOWN_ACCOUNT, NOT_FOUND -> 404;
      case IDEMPOTENCY_CONFLICT, NOT_OWNER -> 409;
      case UNKNOWN_MARKET, UNKNOWN_SYMBOL, MARKET_INACTIVE, NO_POSITION, MARKET_REDUCE_ONLY, LEVERAGE_REFUSED -> 422;
      case QUEUE_FULL -> 429;
      case EXCHANGE_UNAVAILABLE, SHUTTING_DOWN -> 503;
      case INTERNAL -> 500;
    };
  }

  static void send(HttpServerResponse response, FailureCode failure, String message) {
    send(response, status(failure), failure.name(), message);
  }

  static void send(HttpServerResponse response, int status, String code, String message) {
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status)
      .putHeader("Content-Type", "application/json")
      .end(new JsonObject().put("status", "error").put("code", code).put("message", message).encode());
  }

  /** An event-bus failure as the client should see it; a raw ReplyException is never shown. */
  static void send(HttpServerResponse response, Throwable failure) {
    JsonObject described = describe(failure);
    send(response, status(failure), described.getString("code"), described.getString("message"));
  }

  /** The status {@link #send(HttpServerResponse, Throwable)} answers {@code failure} with. */
  static int status(Throwable failure) {
    return status(FailureCode.valueOf(describe(failure).getString("code")));
  }

  /** {@code failure}'s {@code code} and {@code message}, as the error body shows them. */
  static JsonObject describe(Throwable failure) {
    FailureCode code;
    String message;
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      code = FailureCode.of(reply.failureCode());
      message = reply.getMessage();
    } else if (failure instanceof ReplyException) {
      code = FailureCode.EXCHANGE_UNAVAILABLE;
      message = "the service is busy or starting; retry shortly";
    } else {
      code = FailureCode.INTERNAL;
      message = "internal error";
    }
    return new JsonObject().put("code", code.name()).put("message", message);
  }

  /** Statuses the router produces by itself, in the same body. */
  static void sendRouting(HttpServerResponse response, int status) {
    switch (status) {
      case 400 -> send(response, 400, "INVALID_REQUEST", "the request could not be read");
      case 404 -> send(response, 404, "NOT_FOUND", "no such route");
      case 405 -> send(response, 405, "METHOD_NOT_ALLOWED", "method not allowed on this route");
      case 413 -> send(response, 413, "PAYLOAD_TOO_LARGE", "body larger than 64 KiB");
      case 415 -> send(response, 415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json");
      default -> send(response, 500, "INTERNAL", "internal error");
    }
  }

  /**
   * A request the server could not decode (request line or headers too long, or not HTTP), refused before any
   * route sees it; the connection is closed after the answer, since what follows on it cannot be framed.
   * Replaces Vert.x's {@code HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER}, which answers with no body.
   */
  static void sendUndecodable(HttpServerRequest request) {
    DecoderResult result = request.decoderResult();
    Throwable cause = result == null ? null : result.cause();
    HttpServerResponse response = request.response();
    if (cause instanceof TooLongHttpLineException) {
      send(response, 414, "URI_TOO_LONG", "request line longer than " + HttpVerticle.MAX_INITIAL_LINE_BYTES
        + " bytes");
    } else if (cause instanceof TooLongHttpHeaderException) {
      send(response, 431, "HEADERS_TOO_LARGE", "headers larger than " + HttpVerticle.MAX_HEADER_BYTES + " bytes");
    } else {
      send(response, 400, "INVALID_REQUEST", "the request is not valid HTTP");
    }
    request.connection().close();
  }
}
