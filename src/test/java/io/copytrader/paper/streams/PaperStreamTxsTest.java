package io.copytrader.paper.streams;

import static io.copytrader.paper.streams.PaperStream.ACCOUNT;
import static io.copytrader.paper.streams.PaperStream.KEY;
import static io.copytrader.paper.streams.PaperStream.OTHER_KEY;
import static io.copytrader.paper.streams.PaperStream.await;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.SignedTx;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Signed transactions sent over the socket ({@code jsonapi/sendtx}, {@code jsonapi/sendtxbatch}). */
@ExtendWith(VertxExtension.class)
class PaperStreamTxsTest {

  private PaperStream stream;

  @BeforeEach
  void start(Vertx vertx) throws InterruptedException {
    stream = PaperStream.greeted(vertx);
  }

  /** {@code jsonapi/sendtx} with the signed tx_info as a JSON object and the client's request id. */
  private JsonObject sendTx(SignedTx tx, String id) throws InterruptedException {
    stream.send(new JsonObject().put("type", "jsonapi/sendtx").put("data", new JsonObject().put("id", id)
      .put("tx_type", tx.txType()).put("tx_info", new JsonObject(tx.txInfo()))));
    return stream.next();
  }

  @Test
  void sendTxOverTheSocketExecutesTheOrder() throws InterruptedException {
    SignedTx buy = stream.marketBuy(KEY, 21, stream.nextNonce());
    stream.snapshot("account_all_positions/" + ACCOUNT, stream.token());

    JsonObject answer = sendTx(buy, "7");

    assertThat(answer.getString("type")).isEqualTo("jsonapi/sendtx");
    assertThat(answer.getInteger("code")).isEqualTo(200);
    assertThat(answer.getString("tx_hash")).isEqualTo(buy.txHashHex());
    assertThat(answer.getString("id")).as("the request's id, echoed").isEqualTo("7");
    JsonObject update = stream.nextOfType("update/account_all_positions");
    assertThat(update.getJsonObject("positions").getJsonObject("0").getString("position")).isEqualTo("0.1000");
  }

  @Test
  void sendTxWithABadSignatureIsRefusedAndQueuesNothing() throws InterruptedException {
    long nonce = stream.nextNonce();

    JsonObject answer = sendTx(stream.marketBuy(OTHER_KEY, 22, nonce), "8");

    assertThat(answer.getString("type")).isEqualTo("jsonapi/sendtx");
    assertThat(answer.getInteger("code")).isEqualTo(21120);
    assertThat(answer.getJsonObject("error").getInteger("code")).isEqualTo(21120);
    assertThat(answer.getString("id")).isEqualTo("8");
    await(stream.paper.sequencerIdle());
    assertThat(stream.nextNonce()).as("the nonce is not spent").isEqualTo(nonce);
  }

  @Test
  void sendTxTakesTxInfoAsAnEncodedStringToo() throws InterruptedException {
    SignedTx bid = stream.restingBid(23, stream.nextNonce());
    stream.send(new JsonObject().put("type", "jsonapi/sendtx").put("data", new JsonObject()
      .put("tx_type", bid.txType()).put("tx_info", bid.txInfo())));

    JsonObject answer = stream.next();

    assertThat(answer.getInteger("code")).isEqualTo(200);
    assertThat(answer.containsKey("id")).as("no id asked, none echoed").isFalse();
  }

  @Test
  void sendTxWithoutDataIsRefusedAndTheConnectionSurvives() throws InterruptedException {
    stream.send(new JsonObject().put("type", "jsonapi/sendtx"));

    JsonObject answer = stream.next();

    assertThat(answer.getInteger("code")).isEqualTo(20001);
    assertThat(answer.getJsonObject("error").getString("message")).isEqualTo("field tx_type is not set");
    assertThat(stream.pong().getString("type")).isEqualTo("pong");
  }

  @Test
  void sendTxBatchQueuesEveryTxAndAnswersTheirHashes() throws InterruptedException {
    long nonce = stream.nextNonce();
    SignedTx first = stream.restingBid(24, nonce);
    SignedTx second = stream.restingBid(25, nonce + 1);
    stream.send(new JsonObject().put("type", "jsonapi/sendtxbatch").put("data", new JsonObject().put("id", "9")
      .put("tx_types", new JsonArray().add(first.txType()).add(second.txType()).encode())
      .put("tx_infos", new JsonArray().add(first.txInfo()).add(second.txInfo()).encode())));

    JsonObject answer = stream.next();

    assertThat(answer.getString("type")).isEqualTo("jsonapi/sendtxbatch");
    assertThat(answer.getInteger("code")).isEqualTo(200);
    assertThat(answer.getJsonArray("tx_hash")).containsExactly(first.txHashHex(), second.txHashHex());
    await(stream.paper.sequencerIdle());
    assertThat(stream.nextNonce()).isEqualTo(nonce + 2);
  }

  @Test
  void sendTxBatchOfDifferentLengthsIsRefused() throws InterruptedException {
    SignedTx bid = stream.restingBid(26, stream.nextNonce());
    stream.send(new JsonObject().put("type", "jsonapi/sendtxbatch").put("data", new JsonObject()
      .put("tx_types", "[14,14]").put("tx_infos", new JsonArray().add(bid.txInfo()).encode())));

    JsonObject answer = stream.next();

    assertThat(answer.getString("type")).isEqualTo("jsonapi/sendtxbatch");
    assertThat(answer.getJsonObject("error").getInteger("code")).isEqualTo(21513);
  }

  @Test
  void aLostAnswerClosesTheSocketAndTheTxStillApplies() throws InterruptedException {
    stream.control("/paper/faults", new JsonObject().put("drop_response_count", 1));
    long nonce = stream.nextNonce();

    stream.send(new JsonObject().put("type", "jsonapi/sendtx").put("data", new JsonObject()
      .put("tx_type", 14).put("tx_info", new JsonObject(stream.restingBid(27, nonce).txInfo()))));

    eventually("the socket closed", Duration.ofSeconds(2), stream.socket::isClosed);
    await(stream.paper.sequencerIdle());
    assertThat(stream.nextNonce()).isEqualTo(nonce + 1);
  }
}
