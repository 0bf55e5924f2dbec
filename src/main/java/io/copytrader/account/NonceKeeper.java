package io.copytrader.account;

/**
 * The nonce of one (account, API key). Lighter accepts only the next nonce and two transactions in flight for
 * one key fail, so at most one nonce is reserved at a time: the account runs its requests one after another,
 * and a second reservation is a bug, not a race to tolerate. Owned by that account's verticle, so it is not
 * synchronised.
 */
public final class NonceKeeper {

  private static final long NONE = -1;

  private final long accountIndex;
  private final int apiKeyIndex;
  private long nextNonce;
  private long reserved = NONE;

  /** @param nextNonce the value of {@code GET /api/v1/nextNonce} for the key */
  public NonceKeeper(long accountIndex, int apiKeyIndex, long nextNonce) {
    this.accountIndex = accountIndex;
    this.apiKeyIndex = apiKeyIndex;
    this.nextNonce = requireValid(nextNonce);
  }

  /** The nonce to sign the next transaction with; it stays reserved until confirmed, released or reloaded. */
  public long reserve() {
    if (reserved != NONE) {
      throw new IllegalStateException(key() + " already has nonce " + reserved + " in flight");
    }
    reserved = nextNonce;
    return reserved;
  }

  /**
   * The exchange accepted the transaction: its nonce is consumed, even if the sequencer later cancels the order.
   */
  public void confirm(long nonce) {
    requireReserved(nonce);
    nextNonce = nonce + 1;
    reserved = NONE;
  }

  /** The exchange refused the transaction at the API level: its nonce was not consumed and is used next. */
  public void release(long nonce) {
    requireReserved(nonce);
    reserved = NONE;
  }

  /**
   * Replaces local state with the exchange's {@code nextNonce}, after an "invalid nonce" (21104) refusal; any
   * reservation ends, since the transaction signed with it will be signed again.
   */
  public void reload(long nextNonce) {
    this.nextNonce = requireValid(nextNonce);
    reserved = NONE;
  }

  /** The nonce the next reservation will return. */
  public long nextNonce() {
    return nextNonce;
  }

  public boolean inFlight() {
    return reserved != NONE;
  }

  private void requireReserved(long nonce) {
    if (reserved == NONE || reserved != nonce) {
      throw new IllegalStateException(key() + " has " + (reserved == NONE ? "no nonce" : "nonce " + reserved)
        + " in flight, not " + nonce);
    }
  }

  private static long requireValid(long nonce) {
    if (nonce < 0) {
      throw new IllegalArgumentException("a nonce is not negative, got " + nonce);
    }
    return nonce;
  }

  private String key() {
    return "account " + accountIndex + " API key " + apiKeyIndex;
  }
}
