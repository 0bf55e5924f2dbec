package io.copytrader.lighter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One registered API key of an account; {@code publicKey} is 80 hex characters without 0x. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiKeyInfo(long accountIndex, int apiKeyIndex, long nonce, String publicKey, long transactionTime) {
}
