package io.copytrader.lighter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * A submitted transaction ({@code tx?by=hash}). {@code status}: 0 failed, 1 pending, 2 executed,
 * 3 pending (final state). An executed order can still have been refused by the sequencer: the reason
 * is in {@code eventInfo} (JSON text, key "ae").
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnrichedTx(
  String hash,
  int type,
  String info,
  String eventInfo,
  int status,
  long transactionIndex,
  String l1Address,
  long accountIndex,
  long nonce,
  long expireAt,
  long blockHeight,
  long queuedAt,
  long executedAt,
  long sequenceIndex,
  String parentHash,
  int apiKeyIndex,
  long transactionTime,
  long committedAt,
  long verifiedAt) {

  private static final ObjectMapper EVENT_INFO = new ObjectMapper();
  public static final int STATUS_FAILED = 0;
  public static final int STATUS_PENDING = 1;
  public static final int STATUS_EXECUTED = 2;
  public static final int STATUS_PENDING_FINAL = 3;

  public boolean executed() {
    return status == STATUS_EXECUTED;
  }

  public boolean failed() {
    return status == STATUS_FAILED;
  }

  /**
   * Why the transaction did not take effect: it failed, or it executed with the sequencer's refusal in
   * {@code event_info}'s "ae"; empty when it is pending or took effect.
   */
  public Optional<String> refusal() {
    if (failed()) {
      return Optional.of("status failed");
    }
    if (!executed() || eventInfo == null || eventInfo.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode error = EVENT_INFO.readTree(eventInfo).get("ae");
      return error == null || !error.isTextual() || error.textValue().isEmpty() ? Optional.empty()
        : Optional.of(error.textValue());
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  public boolean pending() {
    return status == STATUS_PENDING || status == STATUS_PENDING_FINAL;
  }
}
