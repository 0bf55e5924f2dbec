package io.copytrader.paper;

import io.copytrader.paper.limits.LimitRefusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Transactions sent over the WebSocket, as Lighter takes them (docs/lighter-api.md, "WebSocket"):
 * {@code {"type":"jsonapi/sendtx","data":{"tx_type":14,"tx_info":{...}}}} ({@code tx_info} the signed JSON, as an
 * object or encoded as a string) and {@code {"type":"jsonapi/sendtxbatch","data":{"tx_types":"[14]",
 * "tx_infos":"[\"...\"]"}}}. Each goes through {@link TxEndpoints} exactly as the REST send does; the answer is
 * REST's body under the request's {@code type}, echoing the client's {@code data.id}; a refusal carries its code
 * and message both flat and under {@code error}, as Lighter's error frames do. Confined to the exchange's context.
 */
final class StreamTxs {

  static final String SEND_TX = "jsonapi/sendtx";
  static final String SEND_TX_BATCH = "jsonapi/sendtxbatch";
  private static final int MAX_ID_CHARS = 64;

  private final TxEndpoints txs;

  StreamTxs(TxEndpoints txs) {
    this.txs = txs;
  }

  /**
   * Submits the frame's transaction(s) and answers through {@code reply}; {@code closeConnection} is what a fault
   * that loses the answer does instead. {@code limit} first judges the frame's {@code data} against the rate
   * limits: a refusal (23000) is the answer and nothing is submitted.
   */
  void receive(String type, JsonObject frame, Consumer<JsonObject> reply, Runnable closeConnection,
               Function<JsonObject, Optional<LimitRefusal>> limit) {
    JsonObject data = frame.getValue("data") instanceof JsonObject object ? object : new JsonObject();
    Object id = data.getValue("id");
    boolean echoId = (id instanceof String text && text.length() <= MAX_ID_CHARS) || id instanceof Integer
      || id instanceof Long;
    Optional<LimitRefusal> refusal = limit.apply(data);
    TxEndpoints.Sent sent;
    if (refusal.isPresent()) {
      sent = TxEndpoints.Sent.refused(refusal.get().code(), refusal.get().message());
    } else {
      sent = type.equals(SEND_TX)
        ? txs.sendTx(number(data.getValue("tx_type")), encoded(data.getValue("tx_info")))
        : txs.sendTxBatch(encoded(data.getValue("tx_types")), encoded(data.getValue("tx_infos")));
    }
    JsonObject answer = sent.body().copy().put("type", type);
    if (echoId) {
      answer.put("id", id);
    }
    if (!sent.accepted()) {
      reply.accept(answer.put("error", new JsonObject().put("code", sent.body().getValue("code"))
        .put("message", sent.body().getValue("message"))));
      return;
    }
    txs.answer(sent.queued(), () -> reply.accept(answer), closeConnection);
  }

  /** tx_type as sendTx's form field: digits, from a JSON number or a string. */
  private static String number(Object value) {
    if (value instanceof Integer number) {
      return number.toString();
    }
    return value instanceof String text ? text : null;
  }

  /** A JSON value as the string REST's form field would carry: objects and arrays encoded, strings as they are. */
  private static String encoded(Object value) {
    if (value instanceof JsonObject object) {
      return object.encode();
    }
    if (value instanceof JsonArray array) {
      return array.encode();
    }
    return value instanceof String text ? text : null;
  }
}
