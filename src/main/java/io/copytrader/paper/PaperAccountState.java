package io.copytrader.paper;

import io.copytrader.lighter.signer.VerifyingKey;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A paper account's balances, keys, nonces, positions and orders; owned by the exchange's context. */
final class PaperAccountState {

  private static final int VERIFIED_TOKENS_KEPT = 16;

  /** Lighter keeps recently finished orders queryable; so do we, up to this many per account. */
  private static final int FINISHED_ORDERS_KEPT = 1000;

  final long index;
  final String l1Address;
  /** When the exchange opened it (epoch ms). */
  final long createdAt = System.currentTimeMillis();
  BigDecimal collateral;
  /** When a scheduled CancelAllOrders fires (epoch ms), 0 when none is scheduled. */
  long cancelAllTime;
  final Map<Integer, String> keys = new HashMap<>();
  /**
   * Each key prepared for its signature checks on its first transaction; empty for a key that is not a curve
   * point.
   */
  private final Map<Integer, Optional<VerifyingKey>> verifyingKeys = new HashMap<>();
  final Map<Integer, Long> nonces = new HashMap<>();
  final Map<Integer, PaperPosition> positions = new LinkedHashMap<>();
  final List<PaperOrder> live = new ArrayList<>();
  final Deque<PaperOrder> finished = new ArrayDeque<>();

  PaperAccountState(long index, String l1Address, BigDecimal collateral) {
    this.index = index;
    this.l1Address = l1Address;
    this.collateral = collateral;
  }

  void registerKey(int apiKeyIndex, String publicKeyHex) {
    PaperAccount.checkKeyIndex(apiKeyIndex);
    keys.put(apiKeyIndex, PaperAccount.normalizedKey(publicKeyHex));
    verifyingKeys.remove(apiKeyIndex);
    nonces.putIfAbsent(apiKeyIndex, 0L);
  }

  /** The registered key at {@code apiKeyIndex}, which must exist, ready to verify transactions. */
  Optional<VerifyingKey> verifyingKey(int apiKeyIndex) {
    return verifyingKeys.computeIfAbsent(apiKeyIndex,
      index -> VerifyingKey.decode(HexFormat.of().parseHex(keys.get(index))));
  }

  void retire(PaperOrder order) {
    live.remove(order);
    finished.addFirst(order);
    while (finished.size() > FINISHED_ORDERS_KEPT) {
      finished.removeLast();
    }
  }

  /** Tokens whose signature was checked, with the key that checked it; a few per account at most. */
  final Map<String, String> verifiedTokens = new HashMap<>();

  void rememberVerifiedToken(String token, String publicKey) {
    if (verifiedTokens.size() >= VERIFIED_TOKENS_KEPT) {
      verifiedTokens.clear();
    }
    verifiedTokens.put(token, publicKey);
  }
}
