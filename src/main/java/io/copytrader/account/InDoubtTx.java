package io.copytrader.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copytrader.journal.NewOrder;
import io.copytrader.journal.OrderRecord;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A signed transaction that may have reached the exchange although no acceptance was seen (a lost answer, a
 * send interrupted by a stop), or that was accepted but has not shown up yet: what it takes to settle its fate
 * by evidence and to send the very same bytes again.
 *
 * @param expiredAtMillis the transaction's own {@code ExpiredAt}: after it the sequencer can no longer apply it
 */
public record InDoubtTx(long clientOrderIndex, long nonce, int txType, String txHash, String txInfo,
                        long expiredAtMillis) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The journaled transaction behind {@code order}; its deadline is read from the signed tx_info itself. */
  public static InDoubtTx of(OrderRecord row) {
    NewOrder order = row.order();
    return new InDoubtTx(order.clientOrderIndex(), order.nonce(), order.txType(), order.txHash(), order.txInfo(),
      expiredAt(order.txInfo()));
  }

  static long expiredAt(String txInfo) {
    try {
      JsonNode expiredAt = JSON.readTree(txInfo).get("ExpiredAt");
      if (expiredAt == null || !expiredAt.canConvertToLong()) {
        throw new IllegalArgumentException("the journaled tx_info has no ExpiredAt");
      }
      return expiredAt.longValue();
    } catch (IOException e) {
      throw new UncheckedIOException("the journaled tx_info is not JSON", e);
    }
  }
}
