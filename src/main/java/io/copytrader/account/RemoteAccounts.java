package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.config.AccountConfig;
import io.copytrader.journal.Journal;
import io.copytrader.lighter.TradingApi;
import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.AuthToken;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * This node's answers about the configured accounts it does not own (docs/ARCHITECTURE.md "Several nodes"), so an
 * operator may ask any node: the account's view ({@link Addresses#REMOTE_VIEW}) read from the exchange as the
 * owner's {@link AccountView} reads it, its rails ({@link Addresses#REMOTE_RAILS}: {@link AccountRails} with the
 * journal's kill switch) and its queue ({@link Addresses#REMOTE_STATUS}: the journal's queued requests, the one
 * running on the owner not counted).
 */
public final class RemoteAccounts extends VerticleBase {

  /** Lifetime of the auth token a view reads the account's stop-losses with; each view makes its own. */
  private static final long TOKEN_SECONDS = 600;

  private final Map<Long, AccountConfig> accounts;
  private final Journal journal;
  private final TradingApi lighter;

  /** @param lighter what the exchange is read with (REST at periodic priority, as an owner's view reads it) */
  public RemoteAccounts(List<AccountConfig> accounts, Journal journal, TradingApi lighter) {
    this.accounts = accounts.stream().collect(Collectors.toUnmodifiableMap(AccountConfig::accountIndex,
      Function.identity()));
    this.journal = journal;
    this.lighter = lighter;
  }

  @Override
  public Future<?> start() {
    List<MessageConsumer<JsonObject>> consumers = List.of(
      vertx.eventBus().localConsumer(Addresses.REMOTE_VIEW, msg -> answer(msg, this::view)),
      vertx.eventBus().localConsumer(Addresses.REMOTE_RAILS, msg -> answer(msg, this::rails)),
      vertx.eventBus().localConsumer(Addresses.REMOTE_STATUS, msg -> answer(msg, account -> journal
        .queuedRequests(account.accountIndex()).map(queued -> new JsonObject().put("queued", queued)))));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  private Future<JsonObject> view(AccountConfig account) {
    ApiKey key = ApiKey.parse(account.privateKey().reveal());
    return new AccountView(lighter, account.accountIndex(), () -> AuthToken.create(key, account.accountIndex(),
      account.apiKeyIndex(), System.currentTimeMillis() / 1000 + TOKEN_SECONDS)).view();
  }

  private Future<JsonObject> rails(AccountConfig account) {
    AccountKillSwitch killSwitch = new AccountKillSwitch(account.accountIndex());
    return journal.killSwitch()
      .compose(stored -> {
        killSwitch.read(stored, killSwitch.changes());
        return new AccountRails(account, journal, lighter, killSwitch).status();
      });
  }

  private void answer(Message<JsonObject> msg, Function<AccountConfig, Future<JsonObject>> question) {
    Long index = msg.body() == null ? null : msg.body().getLong("account_index");
    AccountConfig account = index == null ? null : accounts.get(index);
    if (account == null) {
      msg.fail(FailureCode.UNKNOWN_ACCOUNT.code(), "account " + index + " is not configured");
      return;
    }
    question.apply(account).onSuccess(msg::reply).onFailure(failure -> Admission.fail(msg, failure));
  }
}
