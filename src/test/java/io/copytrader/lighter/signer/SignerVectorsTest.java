package io.copytrader.lighter.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static io.copytrader.lighter.signer.VectorFiles.attributes;
import static io.copytrader.lighter.signer.VectorFiles.bytes;
import static io.copytrader.lighter.signer.VectorFiles.hex;
import static io.copytrader.lighter.signer.VectorFiles.limbs;
import static io.copytrader.lighter.signer.VectorFiles.list;
import static io.copytrader.lighter.signer.VectorFiles.load;
import static io.copytrader.lighter.signer.VectorFiles.strip0x;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the signer against the official signer's vectors, read through {@link VectorFiles} (the project's copy,
 * or the directory named by {@code lighter.vectors.dir}).
 */
class SignerVectorsTest {

  @TestFactory
  Stream<DynamicTest> keys() {
    JsonNode root = load("keys.json");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : list(root, "keys")) {
      tests.add(dynamicTest("key " + v.path("scalarDecimal").asText(), () -> {
        String privateHex = v.path("privateKeyHex").asText();
        ApiKey key = ApiKey.parse(privateHex);
        assertThat(key.secret()).isEqualTo(new BigInteger(v.path("scalarDecimal").asText()));
        assertThat(key.secret()).isEqualTo(Scalar.fromLeBytesReduced(bytes(v.path("scalarAfterReductionModNHex"))));
        assertThat(key.publicKeyHex()).isEqualTo(strip0x(v.path("publicKeyHex").asText()));
        assertThat(Gfp5.rawLimbs(key.publicKey(), 0)).containsExactly(limbs(v.path("publicKeyLimbs")));
        assertThat(ApiKey.parse(strip0x(privateHex)).publicKeyHex()).isEqualTo(key.publicKeyHex());
      }));
    }
    for (JsonNode v : list(root, "smallMultiplesOfG")) {
      tests.add(curveEntry(v));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> poseidon2() {
    JsonNode root = load("poseidon2.json");
    List<DynamicTest> tests = new ArrayList<>();
    int i = 0;
    for (JsonNode v : list(root, "permutation")) {
      tests.add(dynamicTest("permutation " + i++, () -> {
        long[] state = limbs(v.path("input"));
        Poseidon2.permute(state);
        assertThat(state).containsExactly(limbs(v.path("output")));
      }));
    }
    i = 0;
    for (JsonNode v : list(root, "hash")) {
      tests.add(dynamicTest("hash " + i++ + " of " + v.path("input").size() + " elements", () -> {
        long[] input = limbs(v.path("input"));
        long[] h5 = Poseidon2.hashToQuinticExtension(input);
        assertThat(h5).containsExactly(limbs(v.path("hashToQuinticExtension5")));
        assertThat(hex(Gfp5.toBytes(h5))).isEqualTo(v.path("hashToQuinticExtensionLeHex").asText());
        if (v.has("hashNoPad4")) {
          assertThat(Poseidon2.hashNoPad(input)).containsExactly(limbs(v.path("hashNoPad4")));
        }
        if (v.has("hashNToMNoPad12")) {
          assertThat(Poseidon2.hashNToM(input, 12)).containsExactly(limbs(v.path("hashNToMNoPad12")));
        }
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> gfp5AndCurve() {
    JsonNode root = load("gfp5_curve.json");
    List<DynamicTest> tests = new ArrayList<>();
    assertThat(new BigInteger(root.path("p").asText())).isEqualTo(new BigInteger(Long.toUnsignedString(Goldilocks.P)));
    int i = 0;
    for (JsonNode v : list(root, "gfp5")) {
      tests.add(dynamicTest("gfp5 " + i++, () -> checkGfp5(v)));
    }
    for (JsonNode v : list(root, "curve")) {
      tests.add(curveEntry(v));
    }
    if (root.has("generatorWeierstrass")) {
      tests.add(dynamicTest("Weierstrass constants and generator", () -> checkWeierstrass(root)));
    }
    if (root.has("porninSageVectors")) {
      tests.add(dynamicTest("Pornin's Sage vectors", () -> checkPornin(root.path("porninSageVectors"))));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> schnorr() {
    JsonNode root = load("schnorr.json");
    List<DynamicTest> tests = new ArrayList<>();
    int i = 0;
    for (JsonNode v : list(root, "deterministic")) {
      tests.add(dynamicTest("deterministic " + i++, () -> {
        ApiKey key = ApiKey.parse(v.path("privateKeyHex").asText());
        assertThat(key.publicKeyHex()).isEqualTo(strip0x(v.path("publicKeyHex").asText()));
        long[] hm = Gfp5.rawLimbs(bytes(v.path("msgHashHex")), 0);
        BigInteger k = Scalar.fromLeBytesReduced(bytes(v.path("kHex")));
        assertThat(hex(Gfp5.toBytes(FixedBaseTable.generator().multiply(Scalar.limbs(k)).encode())))
            .isEqualTo(v.path("rEncodedHex").asText());
        byte[] signature = Schnorr.signWithNonce(key, hm, k);
        assertThat(hex(signature)).isEqualTo(v.path("sigHex").asText())
            .isEqualTo(v.path("sHex").asText() + v.path("eHex").asText());
        assertThat(Schnorr.verify(key.publicKey(), hm, signature)).isEqualTo(v.path("validates").asBoolean());
        assertThat(VerifyingKey.decode(key.publicKey()).orElseThrow().verify(hm, signature))
            .isEqualTo(v.path("validates").asBoolean());
      }));
    }
    for (JsonNode v : list(root, "negative")) {
      tests.add(dynamicTest("verify: " + v.path("description").asText(), () -> {
        byte[] signature = bytes(v.path("sigHex"));
        boolean canonical = Scalar.fromLeBytes(signature, 0).compareTo(Scalar.N) < 0
            && Scalar.fromLeBytes(signature, Scalar.BYTES).compareTo(Scalar.N) < 0;
        // Go reduces s and e mod n before checking; the strict verifier rejects non-canonical scalars instead.
        boolean expected = canonical && v.path("goValidateAccepts").asBoolean();
        byte[] publicKey = bytes(v.path("publicKeyHex"));
        long[] messageHash = Gfp5.rawLimbs(bytes(v.path("msgHashHex")), 0);
        assertThat(Schnorr.verify(publicKey, messageHash, signature)).isEqualTo(expected);
        assertThat(VerifyingKey.decode(publicKey).map(key -> key.verify(messageHash, signature)).orElse(false))
            .isEqualTo(expected);
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> transactions() {
    return txTests("tx_vectors.json");
  }

  private static Stream<DynamicTest> txTests(String file) {
    JsonNode root = load(file);
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : list(root, "txs")) {
      tests.add(dynamicTest(txTestName(v), () -> checkTx(v)));
    }
    return tests.stream();
  }

  private static String txTestName(JsonNode v) {
    return v.path("id").asText() + " " + v.path("txTypeName").asText() + " " + v.path("description").asText("");
  }

  /** Stand-alone stop-loss / take-profit CreateOrders of BaseAmount 0 (reduce-only, sized by the exchange). */
  @TestFactory
  Stream<DynamicTest> zeroSizeCreateOrders() {
    return txTests("create_order_zero_size_vectors.json");
  }

  @TestFactory
  Stream<DynamicTest> modifyOrders() {
    return txTests("modify_order_vectors.json");
  }

  @TestFactory
  Stream<DynamicTest> updateLeverage() {
    return txTests("update_leverage_vectors.json");
  }

  @TestFactory
  Stream<DynamicTest> groupedOrders() {
    JsonNode root = load("grouped_vectors.json");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : list(root, "txs")) {
      tests.add(dynamicTest(txTestName(v), () -> {
        CreateGroupedOrdersTx tx = (CreateGroupedOrdersTx) txFromVector(v);
        for (int i = 0; i < tx.orders().size(); i++) {
          OrderInfo order = tx.orders().get(i);
          assertThat(order.hashElements()).containsExactly(limbs(v.path("orderHashInputElements").get(i)));
          assertThat(CreateGroupedOrdersTx.orderHash(order)).containsExactly(limbs(v.path("orderHashes").get(i)));
        }
        assertThat(tx.aggregatedOrderHash()).containsExactly(limbs(v.path("aggregatedOrderHash")));
        checkTxFields(v, tx);
      }));
    }
    return tests.stream();
  }

  /**
   * Inputs the official signer refuses: the Java signer refuses them too, naming the field of the official
   * error with a reason of the same meaning.
   */
  @TestFactory
  Stream<DynamicTest> rejections() {
    JsonNode root = load("grouped_rejections.json");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : list(root, "cases")) {
      String officialError = v.path("officialError").asText();
      tests.add(dynamicTest(v.path("id").asText() + " " + v.path("description").asText() + ": " + officialError,
          () -> {
            OfficialRejection expected = OfficialRejection.of(v.path("lighterGoRule").asText(), officialError);
            LighterTx tx = txFromVector(v);
            assertThatThrownBy(tx::validate).isInstanceOfSatisfying(InvalidTxException.class, e -> {
              assertThat(e.field()).as("field").matches("(Orders\\[\\d\\]\\.)?" + expected.field());
              assertThat(e.getMessage()).as("reason").containsIgnoringCase(expected.phrase());
            });
          }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> authTokens() {
    JsonNode root = load("auth_tokens.json");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : list(root, "authTokens")) {
      tests.add(dynamicTest(v.path("id").asText(), () -> {
        ApiKey key = ApiKey.parse(v.path("privateKeyHex").asText());
        assertThat(key.publicKeyHex()).isEqualTo(strip0x(v.path("publicKeyHex").asText()));
        long deadline = v.path("deadlineUnixSeconds").asLong();
        long account = v.path("accountIndex").asLong();
        int apiKeyIndex = v.path("apiKeyIndex").asInt();
        String message = AuthToken.message(deadline, account, apiKeyIndex);
        assertThat(message).isEqualTo(v.path("message").asText());
        assertThat(hex(message.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
            .isEqualTo(v.path("messageUtf8Hex").asText());
        assertThat(AuthToken.messageElements(message)).containsExactly(limbs(v.path("messageElements")));
        long[] hash = AuthToken.messageHash(message);
        assertThat(hash).containsExactly(limbs(v.path("messageHashLimbs")));
        assertThat(hex(Gfp5.toBytes(hash))).isEqualTo(v.path("messageHashHex").asText());
        BigInteger k = Scalar.fromLeBytesReduced(bytes(v.path("deterministicNonceKHex")));
        assertThat(hex(Gfp5.toBytes(FixedBaseTable.generator().multiply(Scalar.limbs(k)).encode())))
            .isEqualTo(v.path("deterministicRHex").asText());
        String token = AuthToken.createWithNonce(key, account, apiKeyIndex, deadline, k);
        assertThat(token).isEqualTo(v.path("deterministicToken").asText())
            .isEqualTo(message + ":" + v.path("deterministicSignatureHex").asText());
        AuthToken.Parsed official = AuthToken.parse(v.path("wasmToken").asText());
        assertThat(official.message()).isEqualTo(message);
        assertThat(hex(official.signature())).isEqualTo(v.path("wasmSignatureHex").asText());
        assertThat(official.verify(key.publicKey())).isTrue();
        assertThat(AuthToken.parse(token).verify(key.publicKey())).isTrue();
      }));
    }
    return tests.stream();
  }

  private static void checkTx(JsonNode v) {
    LighterTx tx = txFromVector(v);
    checkTxFields(v, tx);
  }

  /** The transaction a vector's {@code fields} and {@code l2TxAttributes} describe, not yet validated. */
  private static LighterTx txFromVector(JsonNode v) {
    JsonNode f = v.path("fields");
    TxAttributes attributes = attributes(v.path("l2TxAttributes"));
    return switch (v.path("txType").asInt()) {
      case 28 -> new CreateGroupedOrdersTx(f.path("AccountIndex").asLong(), f.path("ApiKeyIndex").asInt(),
          f.path("GroupingType").asInt(), orders(f.path("Orders")), f.path("ExpiredAt").asLong(),
          f.path("Nonce").asLong(), attributes);
      case 14 -> new CreateOrderTx(f.path("AccountIndex").asLong(), f.path("ApiKeyIndex").asInt(),
          f.path("MarketIndex").asInt(), f.path("ClientOrderIndex").asLong(), f.path("BaseAmount").asLong(),
          f.path("Price").asLong(), f.path("IsAsk").asInt(), f.path("Type").asInt(), f.path("TimeInForce").asInt(),
          f.path("ReduceOnly").asInt(), f.path("TriggerPrice").asLong(), f.path("OrderExpiry").asLong(),
          f.path("ExpiredAt").asLong(), f.path("Nonce").asLong(), attributes);
      case 15 -> new CancelOrderTx(f.path("AccountIndex").asLong(), f.path("ApiKeyIndex").asInt(),
          f.path("MarketIndex").asInt(), f.path("Index").asLong(), f.path("ExpiredAt").asLong(),
          f.path("Nonce").asLong(), attributes);
      case 16 -> new CancelAllOrdersTx(f.path("AccountIndex").asLong(), f.path("ApiKeyIndex").asInt(),
          f.path("TimeInForce").asInt(), f.path("Time").asLong(), f.path("ExpiredAt").asLong(),
          f.path("Nonce").asLong(), attributes);
      case 17 -> new ModifyOrderTx(f.path("AccountIndex").asLong(), f.path("ApiKeyIndex").asInt(),
          f.path("MarketIndex").asInt(), f.path("Index").asLong(), f.path("BaseAmount").asLong(),
          f.path("Price").asLong(), f.path("TriggerPrice").asLong(), f.path("ExpiredAt").asLong(),
          f.path("Nonce").asLong(), attributes);
      case 20 -> new UpdateLeverageTx(f.path("AccountIndex").asLong(), f.path("ApiKeyIndex").asInt(),
          f.path("MarketIndex").asInt(), f.path("InitialMarginFraction").asInt(), f.path("MarginMode").asInt(),
          f.path("ExpiredAt").asLong(), f.path("Nonce").asLong(), attributes);
      default -> throw new AssertionError("unknown txType " + v.path("txType").asInt());
    };
  }

  private static List<OrderInfo> orders(JsonNode orders) {
    List<OrderInfo> out = new ArrayList<>();
    for (JsonNode o : orders) {
      out.add(new OrderInfo(o.path("MarketIndex").asInt(), o.path("ClientOrderIndex").asLong(),
          o.path("BaseAmount").asLong(), o.path("Price").asLong(), o.path("IsAsk").asInt(), o.path("Type").asInt(),
          o.path("TimeInForce").asInt(), o.path("ReduceOnly").asInt(), o.path("TriggerPrice").asLong(),
          o.path("OrderExpiry").asLong()));
    }
    return out;
  }

  private static void checkTxFields(JsonNode v, LighterTx tx) {
    TxAttributes attributes = tx.attributes();
    tx.validate();
    TxSigner signer = new TxSigner(v.path("chainId").asInt());
    long[] elements = signer.hashInputElements(tx);
    assertThat(elements).containsExactly(limbs(v.path("hashInputElements")));
    assertThat(Poseidon2.hashToQuinticExtension(elements)).containsExactly(limbs(v.path("baseHashLimbs")));
    if (v.has("attributesHashInputElements")) {
      assertThat(attributes.hashElements()).containsExactly(limbs(v.path("attributesHashInputElements")));
      assertThat(Poseidon2.hashToQuinticExtension(attributes.hashElements()))
          .containsExactly(limbs(v.path("attributesHashLimbs")));
    }
    long[] messageHash = signer.messageHash(tx);
    assertThat(messageHash).containsExactly(limbs(v.path("messageHashLimbs")));
    assertThat(TxSigner.txHashHex(messageHash)).isEqualTo(v.path("txHashHex").asText());

    ApiKey key = ApiKey.parse(v.path("privateKeyHex").asText());
    assertThat(key.publicKeyHex()).isEqualTo(strip0x(v.path("publicKeyHex").asText()));
    BigInteger k = Scalar.fromLeBytesReduced(bytes(v.path("deterministicNonceKHex")));
    assertThat(hex(Gfp5.toBytes(FixedBaseTable.generator().multiply(Scalar.limbs(k)).encode())))
        .isEqualTo(v.path("deterministicRHex").asText());
    SignedTx signed = signer.signWithNonce(key, tx, k);
    assertThat(signed.txType()).isEqualTo(v.path("txType").asInt());
    assertThat(signed.txHashHex()).isEqualTo(v.path("txHashHex").asText());
    assertThat(signed.txInfo()).isEqualTo(v.path("deterministicTxInfo").asText());
    byte[] deterministicSignature = bytes(v.path("deterministicSignatureHex"));
    assertThat(Base64.getEncoder().encodeToString(deterministicSignature))
        .isEqualTo(v.path("deterministicSigBase64").asText());
    assertThat(Schnorr.verify(key.publicKey(), messageHash, deterministicSignature)).isTrue();

    // Vectors with attributes the web-wasm build cannot attach were signed by the native build of the same code.
    String build = v.has("wasmTxInfo") ? "wasm" : "native";
    byte[] officialSignature = bytes(v.path(build + "SignatureHex"));
    String officialTxInfo = v.path(build + "TxInfo").asText();
    assertThat(Schnorr.verify(key.publicKey(), messageHash, officialSignature)).isTrue();
    assertThat(TxSigner.txInfoJson(tx, officialSignature)).isEqualTo(officialTxInfo);
    try {
      JsonNode official = VectorFiles.JSON.readTree(officialTxInfo);
      assertThat(Base64.getDecoder().decode(official.path("Sig").asText())).isEqualTo(officialSignature);
    } catch (IOException e) {
      throw new AssertionError(build + "TxInfo is not JSON", e);
    }
  }

  /** Either k and the encoding of k*G, or an encoding w with whether it decodes. */
  private static DynamicTest curveEntry(JsonNode v) {
    if (v.has("k")) {
      return multipleOfGenerator(v);
    }
    return dynamicTest("decode w=" + v.path("w").get(0).asText() + "...", () -> {
      EcPoint decoded = EcPoint.decode(limbs(v.path("w")));
      assertThat(decoded != null).isEqualTo(v.path("decodes").asBoolean());
    });
  }

  private static DynamicTest multipleOfGenerator(JsonNode v) {
    return dynamicTest("k*G for k=" + v.path("k").asText(), () -> {
      BigInteger k = new BigInteger(v.path("k").asText());
      long[] expected = limbs(v.path("encodedKG"));
      assertThat(FixedBaseTable.generator().multiply(Scalar.limbs(k)).encode()).containsExactly(expected);
      assertThat(EcPoint.multiply(EcPoint.generator(), Scalar.limbs(k)).encode()).containsExactly(expected);
      EcPoint decoded = EcPoint.decode(expected);
      assertThat(decoded != null).isEqualTo(v.path("decodes").asBoolean(true));
      if (decoded != null) {
        assertThat(decoded.encode()).containsExactly(expected);
      }
    });
  }

  private static void checkGfp5(JsonNode v) {
    long[] a = limbs(v.path("a"));
    long[] b = limbs(v.path("b"));
    long[] r = new long[5];
    Gfp5.add(r, a, b);
    assertThat(r).as("add").containsExactly(limbs(v.path("add")));
    Gfp5.sub(r, a, b);
    assertThat(r).as("sub").containsExactly(limbs(v.path("sub")));
    Gfp5.mul(r, a, b);
    assertThat(r).as("mul").containsExactly(limbs(v.path("mul")));
    Gfp5.square(r, a);
    assertThat(r).as("square").containsExactly(limbs(v.path("square")));
    Gfp5.inverse(r, a);
    assertThat(r).as("inverse").containsExactly(limbs(v.path("inverse")));
    assertThat(Long.toUnsignedString(Gfp5.legendre(a))).as("legendre").isEqualTo(v.path("legendreA").asText());
    boolean isSquare = Gfp5.sqrt(r, a);
    assertThat(isSquare).as("is square").isEqualTo(v.path("aIsSquare").asBoolean());
    if (isSquare) {
      long[] check = new long[5];
      Gfp5.square(check, r);
      assertThat(check).as("sqrt squared").containsExactly(a);
    }
    long[] square = new long[5];
    Gfp5.square(square, a);
    boolean rootExists = Gfp5.sqrt(r, square);
    assertThat(rootExists).as("sqrt of a square").isEqualTo(v.path("canonicalSqrtExists").asBoolean());
    long[] canonicalRoot = limbs(v.path("canonicalSqrtOfSquare"));
    long[] negatedRoot = new long[5];
    Gfp5.neg(negatedRoot, canonicalRoot);
    assertThat(Gfp5.equal(r, canonicalRoot) || Gfp5.equal(r, negatedRoot)).as("sqrt is +-canonical root").isTrue();
  }

  private static void checkWeierstrass(JsonNode root) {
    // A = (3b - a^2)/3 and B = a(2a^2 - 9b)/27 with a = 2, b = 263 z.
    long[] a = {2, 0, 0, 0, 0};
    long[] b = {0, 263, 0, 0, 0};
    long[] aSquared = new long[5];
    Gfp5.square(aSquared, a);
    long[] third = {Goldilocks.inverse(3), 0, 0, 0, 0};
    long[] bigA = new long[5];
    Gfp5.mulSmall(bigA, b, 3);
    Gfp5.sub(bigA, bigA, aSquared);
    Gfp5.mul(bigA, bigA, third);
    assertThat(bigA).containsExactly(limbs(root.path("weierstrassA")));
    long[] bigB = new long[5];
    long[] nineB = new long[5];
    Gfp5.mulSmall(bigB, aSquared, 2);
    Gfp5.mulSmall(nineB, b, 9);
    Gfp5.sub(bigB, bigB, nineB);
    Gfp5.mul(bigB, bigB, a);
    Gfp5.mulBase(bigB, bigB, Goldilocks.inverse(27));
    assertThat(bigB).containsExactly(limbs(root.path("weierstrassB")));
    // The Weierstrass generator uses the other (square) root x_s = e - x, with X = x_s + a/3, Y = -w x_s.
    long[] w = {4, 0, 0, 0, 0};
    EcPoint g = EcPoint.decode(w);
    long[] e = new long[5];
    Gfp5.square(e, w);
    Gfp5.sub(e, e, a);
    long[] xs = new long[5];
    Gfp5.sub(xs, e, g.x);
    assertThat(Gfp5.legendre(xs)).isEqualTo(1);
    long[] bigX = new long[5];
    Gfp5.mul(bigX, a, third);
    Gfp5.add(bigX, bigX, xs);
    assertThat(bigX).containsExactly(limbs(root.path("generatorWeierstrass").path("X")));
    long[] bigY = new long[5];
    Gfp5.mul(bigY, w, xs);
    Gfp5.neg(bigY, bigY);
    assertThat(bigY).containsExactly(limbs(root.path("generatorWeierstrass").path("Y")));
    assertThat(g.encode()).containsExactly(EcPoint.generator().encode());
  }

  private static void checkPornin(JsonNode v) {
    EcPoint p1 = EcPoint.decode(limbs(v.path("w1")));
    EcPoint p1PlusP2 = EcPoint.decode(limbs(v.path("w3_P1plusP2")));
    assertThat(p1).isNotNull();
    assertThat(p1PlusP2).isNotNull();
    BigInteger e = new BigInteger(v.path("e").asText());
    assertThat(EcPoint.multiply(p1, Scalar.limbs(e.mod(Scalar.N))).encode())
        .containsExactly(limbs(v.path("w2_eP1")));
    EcPoint twoP1 = p1.copy();
    twoP1.dbl();
    assertThat(twoP1.encode()).containsExactly(limbs(v.path("w4_2P1")));
    EcPoint p2 = p1.copy();
    p2.negate();
    p2.add(p1PlusP2);
    EcPoint twoP2 = p2.copy();
    twoP2.add(p2);
    assertThat(twoP2.encode()).containsExactly(limbs(v.path("w5_2P2")));
    EcPoint twoP1PlusP2 = twoP1.copy();
    twoP1PlusP2.add(p2);
    assertThat(twoP1PlusP2.encode()).containsExactly(limbs(v.path("w6_2P1plusP2")));
    EcPoint p1PlusTwoP2 = twoP2.copy();
    p1PlusTwoP2.add(p1);
    assertThat(p1PlusTwoP2.encode()).containsExactly(limbs(v.path("w7_P1plus2P2")));
  }
}
