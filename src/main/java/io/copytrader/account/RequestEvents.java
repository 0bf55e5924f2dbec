package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.journal.RequestState;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Tells whoever listens on {@link Addresses#REQUEST_STATE_CHANGED} that a request was accepted, started executing
 * or ended.
 */
final class RequestEvents {

  private RequestEvents() {
  }

  /**
   * Moves a fresh request from queued to executing in the journal, and tells the listeners once it moved; one the
   * journal took in executing has moved already, and its acceptance told them.
   */
  static Future<Boolean> executing(ExecutionParts parts, QueuedRequest queued) {
    if (queued.started()) {
      return Future.succeededFuture(true);
    }
    return parts.journal().markExecuting(queued.requestId()).onSuccess(moved -> {
      if (moved) {
        publish(parts.vertx().eventBus(), queued.requestId(), queued.request().accountIndex(), RequestState.EXECUTING);
      }
    });
  }

  static void publish(EventBus bus, String requestId, long accountIndex, RequestState state) {
    bus.publish(Addresses.REQUEST_STATE_CHANGED, new JsonObject().put("request_id", requestId)
      .put("account_index", accountIndex).put("state", state.wire()));
  }
}
