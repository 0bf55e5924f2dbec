package io.copytrader.lighter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

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

  public boolean pending() {
    return status == STATUS_PENDING || status == STATUS_PENDING_FINAL;
  }
}
