package io.copytrader.killswitch;

import io.copytrader.account.AccountRequests;
import io.copytrader.journal.Journal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The answer of {@code RAILS_STATUS}: the kill switch from the journal and each account's rails as the account
 * tells them. An account that does not answer in time is shown as unavailable: the kill switch, the part an
 * operator needs most when something goes wrong, is never held back by one slow account.
 */
final class RailsStatus {

  static final long ACCOUNT_TIMEOUT_MS = 3_000;

  private final Vertx vertx;
  private final Journal journal;

  RailsStatus(Vertx vertx, Journal journal) {
    this.vertx = vertx;
    this.journal = journal;
  }

  /** {@code {"kill_switch": {…}, "accounts": [...]}} for {@code accountIndexes}, in their order. */
  Future<JsonObject> of(List<Long> accountIndexes) {
    List<Future<JsonObject>> accounts = accountIndexes.stream().map(this::account).toList();
    return journal.killSwitch()
      .compose(killSwitch -> Future.join(accounts).transform(ignored -> {
        JsonArray answers = new JsonArray();
        accounts.forEach(account -> answers.add(account.result()));
        return Future.succeededFuture(new JsonObject()
          .put("kill_switch", KillCommand.toJson(killSwitch))
          .put("accounts", answers));
      }));
  }

  private Future<JsonObject> account(long index) {
    return AccountRequests.rails(vertx.eventBus(), index, new DeliveryOptions().setSendTimeout(ACCOUNT_TIMEOUT_MS))
      .map(Message::body)
      .otherwise(failure -> new JsonObject()
        .put("account_index", index)
        .put("status", "unavailable")
        .put("message", "the account did not report its rails: " + why(failure)));
  }

  private static String why(Throwable failure) {
    if (failure instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case TIMEOUT -> "no answer within " + ACCOUNT_TIMEOUT_MS / 1000 + " s";
        case NO_HANDLERS -> "it is not taking requests";
        default -> reply.getMessage();
      };
    }
    return "internal error";
  }
}
