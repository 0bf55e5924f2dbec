package io.copytrader.lighter.signer;

import java.math.BigInteger;

/**
 * A Lighter API private key (a scalar mod n, exchanged as the hex of its 40-byte little-endian encoding) and
 * its public key w(sk * G). The private key never leaves this object in any printable form.
 */
public final class ApiKey {

  private final BigInteger secret;
  private final byte[] publicKey;

  private ApiKey(BigInteger secret) {
    this.secret = secret;
    this.publicKey = Gfp5.toBytes(FixedBaseTable.generator().multiply(Scalar.limbs(secret)).encode());
  }

  /**
   * Parses 40 bytes of hex with or without a {@code 0x} prefix; values at or above n are reduced mod n, as the
   * official signer does. A key that reduces to zero is rejected.
   */
  public static ApiKey parse(String hex) {
    if (hex == null) {
      throw new IllegalArgumentException("API private key is missing");
    }
    String digits = hex.strip();
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      digits = digits.substring(2);
    }
    BigInteger secret = Scalar.fromLeBytesReduced(Hex.decode(digits, Scalar.BYTES, "API private key"));
    if (secret.signum() == 0) {
      throw new IllegalArgumentException("API private key is zero mod the group order");
    }
    return new ApiKey(secret);
  }

  BigInteger secret() {
    return secret;
  }

  /** The 40-byte encoding of the public key (a copy). */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The public key as 80 lowercase hex characters without {@code 0x}, as Lighter stores it. */
  public String publicKeyHex() {
    return Hex.encode(publicKey);
  }

  @Override
  public String toString() {
    return "ApiKey[publicKey=" + publicKeyHex() + "]";
  }
}
