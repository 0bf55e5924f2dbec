package io.copytrader.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.config.Secret;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HmacSignatureTest {

  private static final Secret SECRET = Secret.of("signing-secret-0123456789");
  private static final byte[] BODY = "{\"trade_type\":\"long\"}".getBytes(StandardCharsets.UTF_8);
  private static final long T = 1_765_015_098L;
  /** HMAC-SHA256(SECRET, T + "." + BODY) as Python's hmac module computes it. */
  private static final String DIGEST = "946fbd52dd750876c7c9b15b20680c163ee3ccd610610f12bb2800e938886e55";

  @Test
  void theHeaderIsTheDigestOfTheTimestampAndTheRawBody() {
    assertThat(HmacSignature.header(SECRET, T, BODY)).isEqualTo("t=" + T + ",v1=" + DIGEST);
  }

  @ParameterizedTest(name = "{0} at {1} -> {2}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
    "t=1765015098,v1=946fbd52dd750876c7c9b15b20680c163ee3ccd610610f12bb2800e938886e55 | 1765015098 | VALID",
    "v1=946fbd52dd750876c7c9b15b20680c163ee3ccd610610f12bb2800e938886e55,t=1765015098 | 1765015098 | VALID",
    "t=1765015098, v1=946FBD52DD750876C7C9B15B20680C163EE3CCD610610F12BB2800E938886E55 | 1765015398 | VALID",
    "t=1765015098,v1=946fbd52dd750876c7c9b15b20680c163ee3ccd610610f12bb2800e938886e55 | 1765014798 | VALID",
    "t=1765015098,v1=946fbd52dd750876c7c9b15b20680c163ee3ccd610610f12bb2800e938886e55 | 1765015399 | STALE",
    "t=1765015098,v1=946fbd52dd750876c7c9b15b20680c163ee3ccd610610f12bb2800e938886e55 | 1765014797 | STALE",
    "t=1765015098,v1=046fbd52dd750876c7c9b15b20680c163ee3ccd610610f12bb2800e938886e55 | 1765015098 | MISMATCH",
    "t=1765015099,v1=946fbd52dd750876c7c9b15b20680c163ee3ccd610610f12bb2800e938886e55 | 1765015098 | MISMATCH",
    "t=1765015098,v1=946fbd52dd750876c7c9b15b20680c163ee3ccd610610f12bb2800e938886e   | 1765015098 | MALFORMED",
    "t=1765015098,v1=946fbd52dd750876c7c9b15b20680c163ee3ccd610610f12bb2800e938886e55aa | 1765015098 | MALFORMED",
    "t=1765015098                                                                 | 1765015098 | MALFORMED",
    "v1=946fbd52dd750876c7c9b15b20680c163ee3ccd610610f12bb2800e938886e55            | 1765015098 | MALFORMED",
    "t=-1,v1=946fbd52dd750876c7c9b15b20680c163ee3ccd610610f12bb2800e938886e55       | 1765015098 | MALFORMED",
    "sha256=946fbd52dd750876c7c9b15b20680c163ee3ccd610610f12bb2800e938886e55        | 1765015098 | MALFORMED",
    "-                                                                            | 1765015098 | MISSING",
    "' '                                                                          | 1765015098 | MISSING"})
  void aSignatureIsCheckedForFormFreshnessAndDigest(String header, long now, HmacSignature.Check expected) {
    assertThat(HmacSignature.check(header, BODY, SECRET, now)).isEqualTo(expected);
  }

  @Test
  void anotherSecretDoesNotMatch() {
    assertThat(HmacSignature.check("t=" + T + ",v1=" + DIGEST, BODY, Secret.of("another-secret-0123456789"), T))
      .isEqualTo(HmacSignature.Check.MISMATCH);
  }

  @Test
  void theSignatureCoversTheRawBytesNotTheirJsonMeaning() {
    byte[] reformatted = "{ \"trade_type\": \"long\" }".getBytes(StandardCharsets.UTF_8);

    assertThat(HmacSignature.check("t=" + T + ",v1=" + DIGEST, reformatted, SECRET, T))
      .isEqualTo(HmacSignature.Check.MISMATCH);
  }
}
