package io.copytrader.webhook;

import java.util.List;
import java.util.Optional;

/**
 * The address a webhook came from, for a source's allowlist. {@code X-Forwarded-For} is anyone's to write, so it is
 * read only when the connection itself comes from a trusted proxy ({@code WEBHOOK_TRUSTED_PROXIES}), and then from
 * the right: each proxy appends the address it received from, so the rightmost entry that is not a trusted proxy is
 * the first one no proxy of ours vouches for, and anything left of it may be forged.
 */
public final class ClientAddress {

  private static final int MAX_ENTRIES = 32;

  private ClientAddress() {
  }

  /**
   * The client's address: {@code peer} (the connection's) unless it is a trusted proxy, else the rightmost
   * untrusted entry of {@code forwardedFor} (every {@code X-Forwarded-For} header, in order); {@code peer} when a
   * trusted proxy forwards none. Empty when the header a trusted proxy sent cannot be read: no address is better
   * than a guessed one.
   */
  public static Optional<String> of(String peer, List<String> forwardedFor, IpRanges trustedProxies) {
    if (!trustedProxies.contains(peer)) {
      return Optional.ofNullable(peer);
    }
    String[] entries = String.join(",", forwardedFor).split(",", MAX_ENTRIES + 1);
    if (entries.length > MAX_ENTRIES) {
      return Optional.empty();
    }
    for (int i = entries.length - 1; i >= 0; i--) {
      String entry = entries[i].strip();
      if (entry.isEmpty() && entries.length == 1) {
        return Optional.of(peer);
      }
      if (IpRanges.literal(entry).isEmpty()) {
        return Optional.empty();
      }
      if (!trustedProxies.contains(entry)) {
        return Optional.of(entry);
      }
    }
    return Optional.of(peer);
  }
}
