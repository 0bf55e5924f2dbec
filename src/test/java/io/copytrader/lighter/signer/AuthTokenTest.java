package io.copytrader.lighter.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.MethodSource;

class AuthTokenTest {

  private static final ApiKey KEY =
      ApiKey.parse("0x61c72c47fe93bbb772bdc0d280e773b79669d951d975e06c9e20b04f0054e1790a0b012f9f73182e");
  private static final ApiKey OTHER_KEY = ApiKey.parse("02" + "00".repeat(39));
  private static final String SIG = "ab".repeat(80);

  @Test
  void createdTokenParsesAndVerifies() {
    String token = AuthToken.create(KEY, 12345, 3, 1767229200L);
    AuthToken.Parsed parsed = AuthToken.parse(token);
    assertThat(parsed.deadlineEpochSeconds()).isEqualTo(1767229200L);
    assertThat(parsed.accountIndex()).isEqualTo(12345);
    assertThat(parsed.apiKeyIndex()).isEqualTo(3);
    assertThat(token).startsWith("1767229200:12345:3:").hasSize("1767229200:12345:3:".length() + 160);
    assertThat(parsed.verify(KEY.publicKey())).isTrue();
  }

  @Test
  void tokenDoesNotVerifyUnderAnotherKey() {
    assertThat(AuthToken.parse(AuthToken.create(KEY, 12345, 3, 1767229200L)).verify(OTHER_KEY.publicKey()))
        .isFalse();
  }

  @Test
  void tokenWithAlteredAccountDoesNotVerify() {
    String token = AuthToken.create(KEY, 12345, 3, 1767229200L);
    assertThat(AuthToken.parse(token.replace(":12345:", ":12346:")).verify(KEY.publicKey())).isFalse();
  }

  static Stream<String> malformedTokens() {
    return Stream.of(
        "1767229200:12345:3",
        "1767229200:12345:3:" + SIG + ":x",
        "01767229200:12345:3:" + SIG,
        "+1767229200:12345:3:" + SIG,
        "-1:12345:3:" + SIG,
        "1767229200:12345:256:" + SIG,
        "1767229200:12345:3:" + "zz" + SIG.substring(2),
        "1767229200:12345:3:" + SIG.substring(2),
        "1767229200:abc:3:" + SIG,
        "99999999999999999999:12345:3:" + SIG);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @MethodSource("malformedTokens")
  void malformedTokenIsRejected(String token) {
    assertThatThrownBy(() -> AuthToken.parse(token)).isInstanceOf(IllegalArgumentException.class);
  }
}
