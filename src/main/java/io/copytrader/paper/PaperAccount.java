package io.copytrader.paper;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An account of the paper exchange with its USDC collateral and registered API public keys
 * (key index 0..254 → 80 hex characters, with or without {@code 0x}).
 */
public record PaperAccount(long accountIndex, String l1Address, BigDecimal collateral,
                           Map<Integer, String> apiPublicKeysHex) {

  private static final int PUBLIC_KEY_HEX_CHARS = 80;
  private static final long MAX_ACCOUNT_INDEX = (1L << 48) - 2;

  public PaperAccount {
    Objects.requireNonNull(l1Address, "l1Address");
    Objects.requireNonNull(collateral, "collateral");
    if (accountIndex < 0 || accountIndex > MAX_ACCOUNT_INDEX) {
      throw new IllegalArgumentException("account index must be 0.." + MAX_ACCOUNT_INDEX);
    }
    if (collateral.signum() < 0) {
      throw new IllegalArgumentException("collateral must not be negative");
    }
    apiPublicKeysHex.forEach((index, key) -> {
      checkKeyIndex(index);
      normalizedKey(key);
    });
    apiPublicKeysHex = Map.copyOf(apiPublicKeysHex);
  }

  static void checkKeyIndex(int apiKeyIndex) {
    if (apiKeyIndex < 0 || apiKeyIndex > 254) {
      throw new IllegalArgumentException("API key index must be 0..254");
    }
  }

  /** The key as Lighter lists it: 80 lowercase hex characters without {@code 0x}. */
  static String normalizedKey(String publicKeyHex) {
    Objects.requireNonNull(publicKeyHex, "public key");
    String hex = publicKeyHex.toLowerCase(Locale.ROOT);
    if (hex.startsWith("0x")) {
      hex = hex.substring(2);
    }
    if (hex.length() != PUBLIC_KEY_HEX_CHARS || !hex.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException("a public key is 40 bytes as 80 hex characters");
    }
    return hex;
  }
}
