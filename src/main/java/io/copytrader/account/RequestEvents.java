package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.journal.RequestState;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/** Tells whoever listens on {@link Addresses#REQUEST_STATE_CHANGED} that a request was accepted or ended. */
final class RequestEvents {

  private RequestEvents() {
  }

  static void publish(EventBus bus, String requestId, long accountIndex, RequestState state) {
    bus.publish(Addresses.REQUEST_STATE_CHANGED, new JsonObject().put("request_id", requestId)
      .put("account_index", accountIndex).put("state", state.wire()));
  }
}
