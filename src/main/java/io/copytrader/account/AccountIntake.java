package io.copytrader.account;

import io.copytrader.Addresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * Where every submit goes (the HTTP routes, webhooks, leaders' followers, a flatten's closes): to the account's own
 * queue when this node owns it, else to {@link RemoteIntake}, which journals it for the owner. Both answer alike.
 */
public final class AccountIntake {

  private AccountIntake() {
  }

  /** Submits {@code body} (a trade request with its {@code account_index}) and returns the answer. */
  public static Future<Message<JsonObject>> submit(EventBus bus, long accountIndex, JsonObject body,
                                                   DeliveryOptions options) {
    return bus.<JsonObject>request(Addresses.accountSubmit(accountIndex), body, options)
      .recover(failure -> notOwnedHere(failure) ? bus.request(Addresses.REMOTE_INTAKE, body, options)
        : Future.failedFuture(failure));
  }

  /** No local account verticle took it: the account is owned by another node (or, stopping, by none here). */
  private static boolean notOwnedHere(Throwable failure) {
    return failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
  }
}
