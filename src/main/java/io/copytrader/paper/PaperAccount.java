package io.copytrader.paper;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * An account of the paper exchange with its USDC collateral and registered API public keys
 * (key index → 80 hex characters).
 */
public record PaperAccount(long accountIndex, String l1Address, BigDecimal collateral,
                           Map<Integer, String> apiPublicKeysHex) {

  private static final int PUBLIC_KEY_HEX_CHARS = 80;

  public PaperAccount {
    apiPublicKeysHex.values().forEach(PaperAccount::normalizedKey);
    apiPublicKeysHex = Map.copyOf(apiPublicKeysHex);
  }

  /**
   * The key as Lighter lists it: 80 lowercase hex characters without {@code 0x}. Anything else is refused here, so
   * that a bad key is a bad control request and not a failure of every transaction signed for it.
   */
  static String normalizedKey(String publicKeyHex) {
    String hex = publicKeyHex.toLowerCase(Locale.ROOT).replaceFirst("^0x", "");
    if (hex.length() != PUBLIC_KEY_HEX_CHARS || !hex.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException("a public key is 40 bytes as 80 hex characters");
    }
    return hex;
  }
}
