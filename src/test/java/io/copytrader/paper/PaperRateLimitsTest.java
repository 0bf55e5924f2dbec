package io.copytrader.paper;

import static io.copytrader.paper.PaperFixture.ACCOUNT;
import static io.copytrader.paper.PaperFixture.COLLATERAL;
import static io.copytrader.paper.PaperFixture.L1_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.LighterErrorCodes;
import io.copytrader.paper.limits.RateLimits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Lighter's REST limits on the paper exchange, over HTTP on loopback (one IP): weight per rolling minute per IP for
 * requests that prove no account, per L1 address for those that do, by account tier; 429 with 23000 beyond.
 */
class PaperRateLimitsTest {

  /** Another account of {@link PaperFixture#L1_ADDRESS}. */
  private static final long SIBLING = ACCOUNT + 1;
  /** An account of another L1 address. */
  private static final long ELSEWHERE = ACCOUNT + 2;
  /** 600 each: a premium minute holds 40. */
  private static final String HEAVY_READ = "/api/v1/recentTrades?market_id=0&limit=1";
  private static final String LIGHT_READ = "/api/v1/orderBooks";

  private final AtomicLong now = new AtomicLong(System.currentTimeMillis());
  @AutoClose
  private final Vertx vertx = Vertx.vertx();

  private PaperFixture paper(RateLimits limits) {
    return PaperFixture.start(vertx, PaperConfig.defaults().withAccounts(List.of(
      PaperFixture.account(ACCOUNT, L1_ADDRESS, COLLATERAL), PaperFixture.account(SIBLING, L1_ADDRESS, COLLATERAL),
      PaperFixture.account(ELSEWHERE, "0x00000000000000000000000000000000000000e1", COLLATERAL)))
      .withRateLimits(limits), now::get);
  }

  @Test
  void readsBeyondTheIpsMinuteAreRefusedWith429AndTooManyRequests() {
    PaperFixture paper = paper(RateLimits.lighter());
    for (int i = 0; i < 40; i++) {
      assertThat(paper.http.get(HEAVY_READ).status()).as("read %d", i + 1).isEqualTo(200);
    }

    PaperHttp.Reply refused = paper.http.get(HEAVY_READ);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.contentType()).isEqualTo("application/json");
    assertThat(refused.body()).isEqualTo(new JsonObject().put("code", LighterErrorCodes.TOO_MANY_REQUESTS)
      .put("message", "Too Many Requests!"));
  }

  @Test
  void theMinuteRollsOnAndAdmitsAgain() {
    PaperFixture paper = paper(RateLimits.lighter());
    for (int i = 0; i < 40; i++) {
      paper.http.get(HEAVY_READ);
    }
    now.addAndGet(59_999);
    assertThat(paper.http.get(HEAVY_READ).status()).isEqualTo(429);

    now.addAndGet(1);

    assertThat(paper.http.get(HEAVY_READ).status()).isEqualTo(200);
  }

  @Test
  void accountsOfOneL1AddressShareItsMinuteWhileOthersAndTheIpKeepTheirs() {
    PaperFixture paper = paper(RateLimits.lighter());
    standard(paper, ACCOUNT);
    standard(paper, SIBLING);
    standard(paper, ELSEWHERE);
    for (int i = 0; i < 30; i++) {
      assertThat(activeOrders(paper, ACCOUNT).status()).isEqualTo(200);
      assertThat(activeOrders(paper, SIBLING).status()).isEqualTo(200);
    }

    assertThat(activeOrders(paper, ACCOUNT).status()).isEqualTo(429);
    assertThat(activeOrders(paper, SIBLING).status()).isEqualTo(429);
    assertThat(activeOrders(paper, ELSEWHERE).status()).isEqualTo(200);
    assertThat(paper.http.get(LIGHT_READ).status()).as("unauthenticated: the IP's minute").isEqualTo(200);
  }

  @Test
  void aSendBeyondTheL1AddressesMinuteIsRefusedAndChangesNothing() {
    PaperFixture paper = paper(RateLimits.lighter());
    standard(paper, ACCOUNT);
    standard(paper, SIBLING);
    long nonce = paper.trader.nextNonce();
    for (int i = 0; i < 60; i++) {
      activeOrders(paper, SIBLING);
    }

    PaperHttp.Reply refused = paper.trader.buy(1, "0.0100", "3100.00");

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.code()).isEqualTo(LighterErrorCodes.TOO_MANY_REQUESTS);
    assertThat(paper.trader.nextNonce()).isEqualTo(nonce);
    assertThat(paper.trader.account().getJsonArray("positions")).as("never traded").isEmpty();
  }

  @Test
  void aSignedBatchSpendsSixPerTransactionFromItsAccountsL1AddressAndTheNonceReadFromTheIp() {
    PaperFixture paper = paper(RateLimits.lighter());
    long nonce = paper.trader.nextNonce();

    PaperHttp.Reply sent = paper.trader.sendBatch(List.of(
      paper.trader.sign(paper.trader.market(nonce, 1, "0.0100", "3100.00", false, false)),
      paper.trader.sign(paper.trader.market(nonce + 1, 2, "0.0100", "3100.00", false, false))));

    assertThat(sent.status()).isEqualTo(200);
    JsonObject limits = paper.http.get("/paper/limits").body();
    assertThat(limits.getJsonObject("rest_by_l1_address").getJsonObject(L1_ADDRESS).getLong("used")).isEqualTo(12);
    assertThat(limits.getJsonObject("rest_by_ip").getJsonObject("127.0.0.1").getLong("used")).isEqualTo(6);
  }

  @Test
  void accountLimitsAnswerTheTierAControlSets() {
    PaperFixture paper = paper(RateLimits.lighter());

    standard(paper, ACCOUNT);
    JsonObject limits = paper.http.get("/api/v1/accountLimits?account_index=" + ACCOUNT,
      Map.of("Authorization", paper.trader.authToken())).body();

    assertThat(limits.getString("user_tier")).isEqualTo("std");
    assertThat(limits.getString("user_tier_name")).isEqualTo("standard");
  }

  @Test
  void anUnknownTierOrAccountIsRefusedByTheControl() {
    PaperFixture paper = paper(RateLimits.lighter());

    PaperHttp.Reply unknownTier = paper.http.postJson("/paper/accounts/" + ACCOUNT + "/tier",
      new JsonObject().put("tier", "vip"));
    PaperHttp.Reply unknownAccount = paper.http.postJson("/paper/accounts/9/tier",
      new JsonObject().put("tier", "plus"));

    assertThat(unknownTier.status()).isEqualTo(400);
    assertThat(unknownTier.code()).isEqualTo(LighterErrorCodes.INVALID_PARAM);
    assertThat(unknownAccount.status()).isEqualTo(400);
  }

  @Test
  void withLimitsTurnedOffNothingIsRefused() {
    PaperFixture paper = paper(RateLimits.lighter().withEnabled(false));

    for (int i = 0; i < 60; i++) {
      assertThat(paper.http.get(HEAVY_READ).status()).as("read %d", i + 1).isEqualTo(200);
    }
  }

  @Test
  void theLimitsControlShowsTheMinutesUseAndRefusals() {
    PaperFixture paper = paper(RateLimits.lighter());
    for (int i = 0; i < 41; i++) {
      paper.http.get(HEAVY_READ);
    }
    activeOrders(paper, ACCOUNT);

    JsonObject limits = paper.http.get("/paper/limits").body();

    assertThat(limits.getBoolean("enabled")).isTrue();
    assertThat(limits.getString("default_tier")).isEqualTo("premium");
    assertThat(limits.getJsonObject("rest_by_ip").getJsonObject("127.0.0.1"))
      .isEqualTo(new JsonObject().put("used", 24_000).put("limit", 24_000).put("refused", 1));
    assertThat(limits.getJsonObject("rest_by_l1_address").getJsonObject(L1_ADDRESS).getLong("used")).isEqualTo(300);
  }

  private static void standard(PaperFixture paper, long account) {
    paper.control("/paper/accounts/" + account + "/tier", new JsonObject().put("tier", "standard"));
  }

  private static PaperHttp.Reply activeOrders(PaperFixture paper, long account) {
    return paper.http.get("/api/v1/accountActiveOrders?market_id=0&account_index=" + account,
      Map.of("Authorization", paper.trader(account).authToken()));
  }
}
