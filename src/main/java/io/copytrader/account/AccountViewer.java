package io.copytrader.account;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Builds the account view of {@code GET /api/account/{account_index}}. */
public interface AccountViewer {

  Future<JsonObject> view();
}
