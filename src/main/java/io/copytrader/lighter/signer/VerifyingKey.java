package io.copytrader.lighter.signer;

import java.util.Optional;

/**
 * A public key prepared for verifying many signatures: its multiples are precomputed once (about 140 KiB and
 * a few milliseconds), after which a check costs about a third of {@link Schnorr#verify(byte[], long[],
 * byte[])}. Immutable and safe to share between threads.
 */
public final class VerifyingKey {

  private final FixedBaseTable table;

  private VerifyingKey(FixedBaseTable table) {
    this.table = table;
  }

  /**
   * The key, or empty when {@code publicKey} is not the canonical encoding of a group element other than the
   * neutral (for which anyone can produce signatures).
   */
  public static Optional<VerifyingKey> decode(byte[] publicKey) {
    return Optional.ofNullable(Schnorr.decodePublicKey(publicKey)).map(FixedBaseTable::of).map(VerifyingKey::new);
  }

  /** Whether {@code signature} signs {@code messageHash} under this key; false for malformed input. */
  public boolean verify(long[] messageHash, byte[] signature) {
    return Schnorr.verifyWith(table::multiply, messageHash, signature);
  }
}
