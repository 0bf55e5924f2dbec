/**
 * Pure-Java signer for Lighter L2 transactions (no dependency outside the JDK).
 *
 * <p>{@link io.copytrader.lighter.signer.ApiKey#parse} loads an API private key; {@link
 * io.copytrader.lighter.signer.TxSigner#sign} validates a {@link io.copytrader.lighter.signer.LighterTx}, hashes it
 * for the given chain (304 mainnet, 300 testnet), signs it and renders the exact {@code tx_info} JSON to send with
 * its {@code tx_type}. {@link io.copytrader.lighter.signer.AuthToken} creates and checks REST auth tokens. A verifier
 * recomputes {@link io.copytrader.lighter.signer.TxSigner#messageHash} and calls {@link
 * io.copytrader.lighter.signer.Schnorr#verify}.
 *
 * <p>All classes are immutable or stateless and safe to share between threads. The first key parse or signature
 * builds the generator table (tens of milliseconds); do it at startup, not on an event loop.
 */
package io.copytrader.lighter.signer;
