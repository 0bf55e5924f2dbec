package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * What every caller asks of an account, on whichever node it runs (docs/ARCHITECTURE.md "Several nodes"): the
 * account's own verticle when this node owns it, else this node's stand-in, which answers alike. A submit is
 * journaled for the owner ({@link RemoteIntake}); the view, the rails and the queue are answered here from the
 * exchange and the journal ({@link RemoteAccounts}); a protection run, which only the owner can take, is refused
 * with {@link FailureCode#NOT_OWNER}.
 */
public final class AccountRequests {

  private AccountRequests() {
  }

  /**
   * Submits {@code body} to the account's verticle on this node only; fails with {@link ReplyFailure#NO_HANDLERS}
   * ({@link #notOwnedHere}) when another node owns the account.
   */
  public static Future<Message<JsonObject>> submitHere(EventBus bus, long accountIndex, JsonObject body,
                                                       DeliveryOptions options) {
    return bus.request(Addresses.accountSubmit(accountIndex), body, options);
  }

  /** Submits {@code body} (a trade request with its {@code account_index}) and returns the answer. */
  public static Future<Message<JsonObject>> submit(EventBus bus, long accountIndex, JsonObject body,
                                                   DeliveryOptions options) {
    return submitHere(bus, accountIndex, body, options)
      .recover(failure -> notOwnedHere(failure) ? bus.request(Addresses.REMOTE_INTAKE, body, options)
        : Future.failedFuture(failure));
  }

  /** The account as {@link Addresses#accountView} shows it. */
  public static Future<Message<JsonObject>> view(EventBus bus, long accountIndex, DeliveryOptions options) {
    return ask(bus, Addresses.accountView(accountIndex), Addresses.REMOTE_VIEW, accountIndex, options);
  }

  /** The account's rails as {@link Addresses#accountRails} shows them. */
  public static Future<Message<JsonObject>> rails(EventBus bus, long accountIndex, DeliveryOptions options) {
    return ask(bus, Addresses.accountRails(accountIndex), Addresses.REMOTE_RAILS, accountIndex, options);
  }

  /** The account's queue as {@link Addresses#accountStatus} shows it. */
  public static Future<Message<JsonObject>> status(EventBus bus, long accountIndex, DeliveryOptions options) {
    return ask(bus, Addresses.accountStatus(accountIndex), Addresses.REMOTE_STATUS, accountIndex, options);
  }

  /** Has the account's owner run its protection at its next turn; refused when another node owns it. */
  public static Future<Message<JsonObject>> protect(EventBus bus, long accountIndex, DeliveryOptions options) {
    return bus.<JsonObject>request(Addresses.accountProtect(accountIndex), new JsonObject(), options)
      .recover(failure -> notOwnedHere(failure) ? Future.failedFuture(new ReplyException(
        ReplyFailure.RECIPIENT_FAILURE, FailureCode.NOT_OWNER.code(), "account " + accountIndex + " is owned by"
        + " another node (or none has taken it yet): ask the node that owns it"))
        : Future.failedFuture(failure));
  }

  private static Future<Message<JsonObject>> ask(EventBus bus, String owner, String standIn, long accountIndex,
                                                 DeliveryOptions options) {
    return bus.<JsonObject>request(owner, new JsonObject(), options)
      .recover(failure -> notOwnedHere(failure)
        ? bus.request(standIn, new JsonObject().put("account_index", accountIndex), options)
        : Future.failedFuture(failure));
  }

  /** No local account verticle took it: the account is owned by another node (or, stopping, by none here). */
  public static boolean notOwnedHere(Throwable failure) {
    return failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
  }
}
