package io.copytrader.lighter.signer;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;

/**
 * Runs the signing path on throw-away keys so that the JIT has compiled it before the first real signal:
 * signals are rare, and the first trades after a start would otherwise sign on interpreted code.
 */
public final class SignerWarmUp {

  private SignerWarmUp() {
  }

  /**
   * Signs and verifies up to {@code rounds} CreateOrder transactions for a random key on the given chain,
   * stopping early once {@code stopped} says so (the service is shutting down).
   */
  public static void run(int chainId, int rounds, BooleanSupplier stopped) {
    byte[] secret = new byte[40];
    new SecureRandom().nextBytes(secret);
    ApiKey key = ApiKey.parse(HexFormat.of().formatHex(secret));
    TxSigner signer = new TxSigner(chainId);
    long expiredAt = System.currentTimeMillis() + 600_000;
    for (int i = 0; i < rounds && !stopped.getAsBoolean(); i++) {
      CreateOrderTx tx = new CreateOrderTx(1, 0, 0, i + 1, 1_000, 300_000, i % 2, CreateOrderTx.TYPE_MARKET,
        CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, expiredAt, i, TxAttributes.none());
      SignedTx signed = signer.sign(key, tx);
      if (signed.txHashHex().isEmpty() || !Schnorr.verify(key.publicKey(), signer.messageHash(tx),
        Schnorr.sign(key, signer.messageHash(tx)))) {
        throw new IllegalStateException("the signer failed its own check during warm-up");
      }
    }
  }
}
