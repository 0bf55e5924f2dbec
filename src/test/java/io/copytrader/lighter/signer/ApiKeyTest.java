package io.copytrader.lighter.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyTest {

  private static final String PRIVATE_HEX =
      "61c72c47fe93bbb772bdc0d280e773b79669d951d975e06c9e20b04f0054e1790a0b012f9f73182e";
  private static final String PUBLIC_HEX =
      "59af4e85f61b4e77b4694548c8922b10b662ed62e4d39ba1cfae77ca7ca5481e7f829257e80b51fa";

  @ParameterizedTest
  @ValueSource(strings = {PRIVATE_HEX, "0x" + PRIVATE_HEX, "0X" + PRIVATE_HEX})
  void parsesWithOrWithoutPrefix(String hex) {
    assertThat(ApiKey.parse(hex).publicKeyHex()).isEqualTo(PUBLIC_HEX);
  }

  @Test
  void parsesUppercaseHex() {
    assertThat(ApiKey.parse(PRIVATE_HEX.toUpperCase()).publicKeyHex()).isEqualTo(PUBLIC_HEX);
  }

  @Test
  void toStringShowsOnlyThePublicKey() {
    String text = ApiKey.parse(PRIVATE_HEX).toString();
    assertThat(text).contains(PUBLIC_HEX).doesNotContain(PRIVATE_HEX).doesNotContain(PRIVATE_HEX.substring(0, 16));
  }

  @Test
  void publicKeyIsACopy() {
    ApiKey key = ApiKey.parse(PRIVATE_HEX);
    key.publicKey()[0] ^= 1;
    assertThat(key.publicKeyHex()).isEqualTo(PUBLIC_HEX);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
      "61c72c47fe93bbb772bdc0d280e773b79669d951d975e06c9e20b04f0054e1790a0b012f9f7318",
      "61c72c47fe93bbb772bdc0d280e773b79669d951d975e06c9e20b04f0054e1790a0b012f9f73182e00",
      "zzc72c47fe93bbb772bdc0d280e773b79669d951d975e06c9e20b04f0054e1790a0b012f9f73182e",
      "0x0000000000000000000000000000000000000000000000000000000000000000000000000000000",
      "00000000000000000000000000000000000000000000000000000000000000000000000000000000",
      "e1ff8b9496d90fe89ca024d7395c88e83906b8cfe6ffff7f16000000f1ffff7f07000080fdffff7f"})
  void rejectsMalformedKeysWithoutEchoingThem(String hex) {
    IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, () -> ApiKey.parse(hex));
    assertThat(e).isNotNull();
    if (hex != null && hex.length() > 8) {
      assertThat(e.getMessage()).doesNotContain(hex.substring(2, 10));
    }
  }
}
