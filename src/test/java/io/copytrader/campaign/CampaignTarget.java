package io.copytrader.campaign;

import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.AuthToken;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A service trading on a paper exchange that a schedule can play against: in-process ({@link InProcessTarget})
 * or a child process killed with SIGKILL ({@link ProcessTarget}). Both start with {@link #ACCOUNTS}, fresh, and
 * a fresh journal.
 */
interface CampaignTarget extends AutoCloseable {

  /** Two accounts with fixed test keys (never printed), registered on the exchange with key index 0. */
  List<Account> ACCOUNTS = List.of(Account.of(8101, 0x51), Account.of(8102, 0x52));

  String API_KEY = "campaign-service-key";

  record Account(long index, String privateKeyHex) {

    static Account of(long index, int keyByte) {
      return new Account(index, String.format("%02x", keyByte).repeat(40));
    }

    ApiKey apiKey() {
      return ApiKey.parse(privateKeyHex);
    }

    String authToken() {
      return AuthToken.create(apiKey(), index, 0, System.currentTimeMillis() / 1000 + 600);
    }

    static String accountsJson(List<Account> accounts) {
      JsonArray array = new JsonArray();
      accounts.forEach(account -> array.add(new JsonObject().put("account_index", account.index)
        .put("api_key_index", 0).put("private_key", account.privateKeyHex)));
      return array.encode();
    }
  }

  /** The service's API base URL (it may change across restarts). */
  String serviceUrl();

  /** The paper exchange's base URL: its REST API and its {@code /paper} controls. */
  String exchangeUrl();

  /** Stops the service at whatever it is doing, as abruptly as this target can, and starts it again. */
  void restart();

  /** Every Telegram message text the service instances sent so far. */
  List<String> telegramTexts();


  @Override
  void close();
}
