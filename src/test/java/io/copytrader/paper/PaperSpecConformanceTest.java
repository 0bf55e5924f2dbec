package io.copytrader.paper;

import static io.copytrader.paper.PaperFixture.ACCOUNT;
import static io.copytrader.paper.PaperFixture.KEY_INDEX;
import static io.copytrader.paper.PaperFixture.L1_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.limits.AccountTier;
import io.copytrader.paper.limits.RateLimits;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every answer the paper exchange gives, validated against the response schema of its operation in Lighter's
 * OpenAPI document (test resources lighter-openapi/README.md): one case per response type, each calling every
 * endpoint that answers with it, on an account holding a position, a pending stop-loss and a filled order.
 */
@ExtendWith(VertxExtension.class)
class PaperSpecConformanceTest {

  private static final LighterSpec SPEC = LighterSpec.load();

  /** One request: the operation as the spec names it, the status it must answer, and how to send it. */
  record Call(String method, String path, int status, Function<PaperSpecConformanceTest, PaperHttp.Reply> send) {

    static Call get(String path, String query) {
      return new Call("GET", path, 200, test -> test.http().get(path + query));
    }

    static Call authorizedGet(String path, String query) {
      return new Call("GET", path, 200, test -> test.http().get(path + query,
        Map.of("Authorization", test.paper.trader.authToken())));
    }

    /** The token as the spec's own {@code authorization} (or {@code auth}) query parameter. */
    static Call tokenInQuery(String path, String parameter, String query) {
      return new Call("GET", path, 200, test -> test.http().get(path + query + "&" + parameter + "="
        + test.paper.trader.authToken()));
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** A response type and every call answering with it. */
  record Case(String responseType, List<Call> calls) {

    @Override
    public String toString() {
      return responseType;
    }
  }

  static Stream<Case> responseTypes() {
    String account = "?account_index=" + ACCOUNT;
    return Stream.of(
      new Case("Status", List.of(Call.get("/", ""))),
      new Case("OrderBooks", List.of(Call.get("/api/v1/orderBooks", ""),
        Call.get("/api/v1/orderBooks", "?market_id=0&filter=perp"))),
      new Case("OrderBookDetails", List.of(Call.get("/api/v1/orderBookDetails", ""),
        Call.get("/api/v1/orderBookDetails", "?market_id=51"))),
      new Case("OrderBookOrders", List.of(Call.get("/api/v1/orderBookOrders", "?market_id=0&limit=5"))),
      new Case("DetailedAccounts", List.of(Call.get("/api/v1/account", "?by=index&value=" + ACCOUNT),
        Call.get("/api/v1/account", "?by=l1_address&value=" + L1_ADDRESS + "&active_only=true"))),
      new Case("SubAccounts", List.of(Call.get("/api/v1/accountsByL1Address", "?l1_address=" + L1_ADDRESS))),
      new Case("Orders", List.of(Call.authorizedGet("/api/v1/accountActiveOrders", account),
        Call.tokenInQuery("/api/v1/accountActiveOrders", "authorization", account + "&market_id=0"),
        Call.tokenInQuery("/api/v1/accountInactiveOrders", "auth", account + "&limit=10"),
        Call.authorizedGet("/api/v1/accountInactiveOrders", account + "&limit=1&ask_filter=0"),
        Call.authorizedGet("/api/v1/accountOrders", account + "&client_order_indexes=1,2"),
        Call.tokenInQuery("/api/v1/accountOrders", "authorization", "?client_order_indexes=2"))),
      new Case("NextNonce", List.of(Call.get("/api/v1/nextNonce", account + "&api_key_index=" + KEY_INDEX))),
      new Case("AccountApiKeys", List.of(Call.get("/api/v1/apikeys", account),
        Call.get("/api/v1/apikeys", account + "&api_key_index=" + KEY_INDEX))),
      new Case("EnrichedTx", List.of(
        new Call("GET", "/api/v1/tx", 200, test -> test.http().get("/api/v1/tx?by=hash&value=" + test.buyHash)),
        Call.get("/api/v1/tx", "?by=sequence_index&value=1"))),
      new Case("RespSendTx", List.of(new Call("POST", "/api/v1/sendTx", 200, test -> test.send(false)))),
      new Case("RespSendTxBatch", List.of(new Call("POST", "/api/v1/sendTxBatch", 200, test -> test.send(true)))),
      new Case("AssetDetails", List.of(Call.get("/api/v1/assetDetails", ""),
        Call.get("/api/v1/assetDetails", "?asset_id=3"))),
      new Case("Trades", List.of(Call.get("/api/v1/recentTrades", "?market_id=0&limit=10"),
        Call.tokenInQuery("/api/v1/trades", "auth", account + "&sort_by=timestamp&limit=10"),
        Call.get("/api/v1/trades", "?market_id=0&sort_by=trade_id&limit=10"))),
      new Case("FundingRates", List.of(Call.get("/api/v1/funding-rates", ""))),
      new Case("AccountLimits", List.of(Call.authorizedGet("/api/v1/accountLimits", account))),
      new Case("ResultCode", List.of(new Call("GET", "/api/v1/account", 400,
          test -> test.http().get("/api/v1/account?by=index&value=999")),
        new Call("GET", "/api/v1/accountActiveOrders", 400,
          test -> test.http().get("/api/v1/accountActiveOrders" + account)))));
  }

  @AutoClose
  private PaperFixture paper;
  private String buyHash;

  @BeforeEach
  void start(Vertx vertx) {
    // The builder tier: the coverage test below calls each of the spec's 106 operations within a minute, more than
    // a premium IP's 80 requests of weight 300.
    paper = PaperFixture.start(vertx, PaperFixture.config()
      .withRateLimits(RateLimits.lighter().withDefaultTier(AccountTier.BUILDER)));
    PaperHttp.Reply buy = paper.trader.buy(1, "0.5000", "3100.00");
    assertThat(buy.status()).isEqualTo(200);
    buyHash = buy.body().getString("tx_hash");
    assertThat(paper.trader.stopLossLimit(2, "0.5000", "2900.00", "2850.00", true).status()).isEqualTo(200);
  }

  private PaperHttp http() {
    return paper.http;
  }

  /** A buy sent alone or as a batch of one. */
  private PaperHttp.Reply send(boolean batch) {
    SignedTx signed = paper.trader.sign(paper.trader.market(paper.trader.nextNonce(), 9, "0.0100", "3100.00",
      false, false));
    if (!batch) {
      return paper.trader.submit(signed);
    }
    return http().postForm("/api/v1/sendTxBatch", MultiMap.caseInsensitiveMultiMap()
      .add("tx_types", new JsonArray().add(signed.txType()).encode())
      .add("tx_infos", new JsonArray().add(signed.txInfo()).encode()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("responseTypes")
  void everyAnswerMatchesTheSchemaOfItsOperation(Case responseType) {
    SoftAssertions softly = new SoftAssertions();
    for (Call call : responseType.calls()) {
      assertThat(SPEC.responseType(call.method(), call.path(), call.status())).as("the spec's answer to %s", call)
        .isEqualTo(responseType.responseType());
      PaperHttp.Reply reply = call.send().apply(this);
      assertThat(reply.status()).as("%s answered %s", call, reply.raw()).isEqualTo(call.status());
      softly.assertThat(SPEC.errors(responseType.responseType(), reply.raw()))
        .as("%s against %s: %s", call, responseType.responseType(), reply.raw()).isEmpty();
    }
    softly.assertAll();
  }

  /** The validation itself: a missing required field, a number sent as a string and a float for an integer fail. */
  @Test
  void theValidationCatchesMissingFieldsAndWrongJsonTypes() {
    assertThat(SPEC.errors("NextNonce", "{\"code\":200,\"nonce\":5}")).isEmpty();
    assertThat(SPEC.errors("NextNonce", "{\"code\":200}")).singleElement().asString().contains("nonce");
    assertThat(SPEC.errors("NextNonce", "{\"code\":200,\"nonce\":\"5\"}")).isNotEmpty();
    assertThat(SPEC.errors("NextNonce", "{\"code\":200,\"nonce\":5.5}")).isNotEmpty();
    assertThat(SPEC.errors("Orders", "{\"code\":200,\"orders\":[{\"order_index\":1}]}")).isNotEmpty();
  }

  /** Every operation of the spec the paper exchange serves (anything but its 404) is in the table above. */
  @Test
  void theTableCoversEveryOperationThePaperExchangeServes() {
    Set<String> tabled = new TreeSet<>();
    responseTypes().flatMap(type -> type.calls().stream()).forEach(call -> tabled.add(call.toString()));
    Set<String> served = new TreeSet<>();
    SPEC.operations().forEach((path, methods) -> methods.forEach(method -> {
      PaperHttp.Reply reply = "get".equals(method) ? http().get(path)
        : http().postForm(path, MultiMap.caseInsensitiveMultiMap());
      if (reply.status() != 404) {
        served.add(method.toUpperCase() + " " + path);
      }
    }));

    assertThat(served).as("operations the paper exchange answers").isNotEmpty();
    assertThat(tabled).containsAll(served);
  }
}
