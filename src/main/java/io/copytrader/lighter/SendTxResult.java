package io.copytrader.lighter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An accepted transaction. Acceptance means the syntax, signature and nonce passed; the sequencer can
 * still cancel the order. {@code predictedExecutionTimeMs} is a unix-epoch millisecond timestamp.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendTxResult(String txHash, long predictedExecutionTimeMs, String message) {
}
