package io.copytrader.lighter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * How {@link LighterClient} reads an answer of Lighter's REST API: HTTP status and result code to a
 * {@link LighterException} of the right kind, or the body to the call's result.
 */
final class LighterResponses {

  private LighterResponses() {
  }

  static <T> Future<T> interpret(String operation, AsyncResult<RestAnswer> outcome, BodyReader<T> reader) {
    if (outcome.failed()) {
      return Future.failedFuture(LighterException.fromTransport(operation, outcome.cause()));
    }
    RestAnswer response = outcome.result();
    int httpStatus = response.status();
    JsonNode body = parse(response.body());
    int code = body != null && body.path("code").canConvertToInt() ? body.path("code").intValue() : 0;
    String message = body != null && body.path("message").isTextual() ? body.path("message").textValue() : null;
    if (httpStatus == 429 || httpStatus == 405) {
      return Future.failedFuture(LighterException.rateLimited(operation, httpStatus, code, message));
    }
    if (httpStatus >= 500) {
      return Future.failedFuture(LighterException.serverError(operation, httpStatus, code, message));
    }
    if (httpStatus != 200) {
      return Future.failedFuture(LighterException.fromResult(operation, httpStatus, code, message));
    }
    if (body == null || !body.isObject()) {
      return Future.failedFuture(LighterException.badResponse(operation, httpStatus, "not a JSON object"));
    }
    if (body.has("code") && code != LighterErrorCodes.OK) {
      return Future.failedFuture(LighterException.fromResult(operation, httpStatus, code, message));
    }
    try {
      return Future.succeededFuture(reader.read(body));
    } catch (LighterException rejected) {
      return Future.failedFuture(rejected);
    } catch (IOException | IllegalArgumentException e) {
      return Future.failedFuture(LighterException.badResponse(operation, httpStatus, e.getClass().getSimpleName()));
    }
  }

  private static JsonNode parse(Buffer body) {
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      return LighterJson.tree(body.getBytes());
    } catch (IOException e) {
      return null;
    }
  }

  static JsonNode field(JsonNode body, String name) throws IOException {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      throw new IOException(name + " is missing");
    }
    return value;
  }

  /** Turns a successful (code 200) body into the call's result. */
  @FunctionalInterface
  interface BodyReader<T> {
    T read(JsonNode body) throws IOException;
  }
}
