package io.copytrader.lighter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** An accepted batch: one hash per transaction, in the order sent. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendTxBatchResult(@JsonProperty("tx_hash") List<String> txHashes, long predictedExecutionTimeMs) {

  public SendTxBatchResult {
    txHashes = txHashes == null ? List.of() : List.copyOf(txHashes);
  }
}
