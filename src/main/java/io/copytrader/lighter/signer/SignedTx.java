package io.copytrader.lighter.signer;

/** A signed transaction ready for {@code sendTx}: its type, the exact tx_info JSON and the tx hash (80 hex). */
public record SignedTx(int txType, String txInfo, String txHashHex) {
}
