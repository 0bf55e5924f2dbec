package io.copytrader.it;

import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.paper.PaperAccount;
import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperFixture;
import io.copytrader.paper.PaperTrader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A Lighter account a test configures the service with, and registers on its paper exchange. */
record TestAccount(long accountIndex, int apiKeyIndex, String privateKeyHex, String l1Address) {

  static final String OWNER = "0x00000000000000000000000000000000000a11ce";
  static final String OTHER_OWNER = "0x0000000000000000000000000000000000000b0b";
  static final BigDecimal COLLATERAL = new BigDecimal("10000");

  /** A fixed key per seed byte: 40 bytes of {@code seed}, prefixed {@code 0x} as operators paste it. */
  static TestAccount of(long accountIndex, int seed) {
    return new TestAccount(accountIndex, 0, "0x" + String.format("%02x", seed).repeat(40), OWNER);
  }

  TestAccount withPrivateKey(int seed) {
    return new TestAccount(accountIndex, apiKeyIndex, "0x" + String.format("%02x", seed).repeat(40), l1Address);
  }

  ApiKey apiKey() {
    return ApiKey.parse(privateKeyHex);
  }

  PaperAccount paperAccount(BigDecimal collateral) {
    return new PaperAccount(accountIndex, l1Address, collateral, Map.of(apiKeyIndex, apiKey().publicKeyHex()));
  }

  /**
   * A paper exchange in the test JVM, on its own Vert.x, with these accounts funded with {@link #COLLATERAL}: it
   * outlives the service processes trading on it and holds the exchange side of the truth.
   */
  static PaperFixture paperExchange(List<TestAccount> accounts) {
    return PaperFixture.standalone(PaperConfig.defaults()
      .withAccounts(accounts.stream().map(account -> account.paperAccount(COLLATERAL)).toList()));
  }

  /** This account's view of {@code exchange}: its positions and orders, read with its own key. */
  PaperTrader on(PaperFixture exchange) {
    return exchange.trader(apiKey(), accountIndex, apiKeyIndex);
  }

  /** The service's {@code ACCOUNTS} value for these accounts. */
  static String accountsJson(List<TestAccount> accounts) {
    JsonArray array = new JsonArray();
    accounts.forEach(account -> array.add(new JsonObject().put("index", account.accountIndex)
      .put("api_index", account.apiKeyIndex).put("private_key", account.privateKeyHex)));
    return array.encode();
  }

  /** The hex digits of the private key, the form a leak would most likely take. */
  String privateKeyDigits() {
    return privateKeyHex.substring(2);
  }
}
