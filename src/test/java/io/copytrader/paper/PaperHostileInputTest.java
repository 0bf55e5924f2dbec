package io.copytrader.paper;

import static io.copytrader.paper.PaperFixture.ACCOUNT;
import static io.copytrader.paper.PaperFixture.KEY_INDEX;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.SignedTx;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed requests get a Lighter-style 4xx error, never a 500, and never act on something they did not name
 * (an id too large for an int is not another id).
 */
class PaperHostileInputTest {

  /** 2^32: truncated to an int it would be market 0 (ETH). */
  private static final long WRAPS_TO_ETH = 1L << 32;

  @AutoClose
  private final PaperFixture paper = PaperFixture.standalone();
  private final PaperHttp http = paper.http;

  static Stream<Arguments> malformedBatches() {
    return Stream.of(
      Arguments.of("types not numbers", "[\"a\"]", "[\"{}\"]"),
      Arguments.of("infos not strings", "[14]", "[5]"),
      Arguments.of("infos objects", "[14]", "[{}]"),
      Arguments.of("types not an array", "14", "[\"{}\"]"),
      Arguments.of("infos missing", "[14]", null),
      Arguments.of("info null", "[14]", "[null]"),
      Arguments.of("type null", "[null]", "[\"{}\"]"),
      Arguments.of("lengths differ", "[14,14]", "[\"{}\"]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBatches")
  void malformedBatchIsAClientError(String what, String types, String infos) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("tx_types", types);
    if (infos != null) {
      form.add("tx_infos", infos);
    }

    assertClientError(http.postForm("/api/v1/sendTxBatch", form));
  }

  @Test
  void batchOfMoreThanFiftyIsRefused() {
    JsonArray types = new JsonArray();
    JsonArray infos = new JsonArray();
    IntStream.range(0, 51).forEach(i -> {
      types.add(14);
      infos.add("{}");
    });

    PaperHttp.Reply reply = http.postForm("/api/v1/sendTxBatch", MultiMap.caseInsensitiveMultiMap()
      .add("tx_types", types.encode()).add("tx_infos", infos.encode()));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(21514);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
    "Sig|\"AAAA\"", "Sig|\"not base64!\"", "Sig|5", "L2TxAttributes|\"x\"", "L2TxAttributes|{\"x\":1}",
    "L2TxAttributes|{\"99\":1}", "L2TxAttributes|{\"4\":\"a\"}", "Nonce|1.5", "Nonce|\"0\"",
    "Nonce|99999999999999999999999", "Type|9", "Price|0"})
  void tamperedTxInfoIsRefused(String field, String value) {
    SignedTx signed = paper.trader.sign(paper.trader.market(0, 1, "0.1000", "3100.00", false, false));
    String tampered = signed.txInfo().replaceFirst("\"" + field + "\":(\"[^\"]*\"|null|[0-9]+)",
      Matcher.quoteReplacement("\"" + field + "\":" + value));
    assertThat(tampered).as("tampered tx_info").isNotEqualTo(signed.txInfo());

    PaperHttp.Reply reply = http.postForm("/api/v1/sendTx", MultiMap.caseInsensitiveMultiMap()
      .add("tx_type", "14").add("tx_info", tampered));

    assertClientError(reply);
    assertThat(paper.trader.nextNonce()).isZero();
  }

  @Test
  void orderBookOfAMarketIdBeyondIntRangeIsAnInvalidMarket() {
    PaperHttp.Reply reply = http.get("/api/v1/orderBookOrders?market_id=" + WRAPS_TO_ETH + "&limit=5");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(21602);
  }

  @Test
  void detailsOfAMarketIdBeyondIntRangeListNoMarket() {
    PaperHttp.Reply reply = http.get("/api/v1/orderBookDetails?market_id=" + WRAPS_TO_ETH);

    if (reply.status() == 200) {
      assertThat(reply.body().getJsonArray("order_book_details")).isEmpty();
    } else {
      assertClientError(reply);
    }
  }

  @Test
  void nonceOfAKeyIndexBeyondIntRangeIsNotAnotherKeysNonce() {
    PaperHttp.Reply reply = http.get("/api/v1/nextNonce?account_index=" + ACCOUNT + "&api_key_index="
      + (WRAPS_TO_ETH + KEY_INDEX));

    assertClientError(reply);
  }

  @Test
  void activeOrdersOfAMarketIdBeyondIntRangeAreNotEthsOrders() {
    paper.trader.buy(1, "1.0000", "3100.00");
    paper.trader.stopLossLimit(2, "1.0000", "2900.00", "2850.00", true);

    PaperHttp.Reply reply = http.get("/api/v1/accountActiveOrders?account_index=" + ACCOUNT + "&market_id="
      + WRAPS_TO_ETH, Map.of("Authorization", paper.trader.authToken()));

    if (reply.status() == 200) {
      assertThat(reply.body().getJsonArray("orders")).isEmpty();
    } else {
      assertClientError(reply);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ",", "1,,2", "a", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21"})
  void malformedClientOrderIndexesAreAnInvalidParam(String indexes) {
    PaperHttp.Reply reply = http.get("/api/v1/accountOrders?account_index=" + ACCOUNT + "&client_order_indexes="
      + indexes, Map.of("Authorization", paper.trader.authToken()));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(20001);
  }

  @ParameterizedTest
  @ValueSource(strings = {"zz", "", "0x1234", "not hex at all"})
  void malformedPublicKeyIsRefusedByTheControl(String publicKey) {
    PaperHttp.Reply reply = http.postJson("/paper/accounts/" + ACCOUNT + "/apikeys",
      new JsonObject().put("api_key_index", 7).put("public_key", publicKey));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(http.get("/api/v1/apikeys?account_index=" + ACCOUNT + "&api_key_index=7").body()
      .getJsonArray("api_keys")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"account_index\":5,\"l1_address\":\"0x01\",\"collateral\":\"abc\"}",
    "{\"account_index\":5,\"l1_address\":\"0x01\",\"collateral\":\"10\",\"api_keys\":{\"x\":\"00\"}}",
    "{\"account_index\":5,\"l1_address\":\"0x01\",\"collateral\":\"10\",\"api_keys\":{\"1\":\"zz\"}}",
    "{\"l1_address\":\"0x01\",\"collateral\":\"10\"}", "[]"})
  void malformedAccountIsRefusedByTheControl(String body) {
    PaperHttp.Reply reply = http.postRaw("/paper/accounts", body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(http.get("/api/v1/account?by=index&value=5").code()).isEqualTo(21100);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"error_rate\":\"abc\"}", "{\"latency_ms\":\"slow\"}", "nonsense"})
  void malformedFaultsAreRefused(String body) {
    PaperHttp.Reply reply = http.postRaw("/paper/faults", body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(http.get("/api/v1/orderBooks").status()).isEqualTo(200);
  }

  private static void assertClientError(PaperHttp.Reply reply) {
    assertThat(reply.status()).as(reply.raw()).isBetween(400, 499);
    assertThat(reply.body()).as(reply.raw()).isNotNull();
    assertThat(reply.body().getValue("code")).as(reply.raw()).isInstanceOf(Integer.class);
    assertThat(reply.body().getString("message")).as(reply.raw()).isNotBlank();
  }
}
