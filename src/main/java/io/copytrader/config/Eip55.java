package io.copytrader.config;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.bouncycastle.jcajce.provider.digest.Keccak;

/** Ethereum address checksums (EIP-55): mixed case encodes a Keccak-256 of the lowercase hex. */
public final class Eip55 {

  private Eip55() {
  }

  /** True for a 0x-prefixed 20-byte address that is all lowercase, all uppercase, or correctly checksummed. */
  public static boolean isValid(String address) {
    if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
      return false;
    }
    String hex = address.substring(2);
    if (hex.equals(hex.toLowerCase(Locale.ROOT)) || hex.equals(hex.toUpperCase(Locale.ROOT))) {
      return true;
    }
    return checksummed(address).equals(address);
  }

  /** The EIP-55 form of an address. */
  public static String checksummed(String address) {
    String hex = address.substring(2).toLowerCase(Locale.ROOT);
    byte[] hash = new Keccak.Digest256().digest(hex.getBytes(StandardCharsets.US_ASCII));
    StringBuilder out = new StringBuilder("0x");
    for (int i = 0; i < hex.length(); i++) {
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      char c = hex.charAt(i);
      out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  /** Whether two addresses name the same account, whatever their case. */
  public static boolean sameAddress(String a, String b) {
    return a != null && b != null && a.equalsIgnoreCase(b);
  }
}
