package io.copytrader.journal;

/**
 * One UpdateLeverage transaction as the journal holds it.
 *
 * @param requestId the request that needed the change, or null for a correction at start
 * @param initialMarginFraction in Lighter's units of 1/10,000 (leverage = 10,000 / fraction)
 * @param marginMode 0 cross, 1 isolated
 * @param state {@code signed} (about to leave), {@code sent}, then {@code applied}, {@code refused},
 *   {@code not_sent} or {@code unconfirmed}
 */
public record LeverageChange(long changeId, long accountIndex, String requestId, int marketId,
                             int initialMarginFraction, int marginMode, long nonce, int apiKeyIndex, String txHash,
                             String txInfo, String state, String errorCode, String errorMessage) {
}
