package io.copytrader.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Every configured signal source and the reverse proxies whose {@code X-Forwarded-For} is believed. A presented
 * token is found by comparing its SHA-256 with each source's in turn, all of them every time, with
 * {@link MessageDigest#isEqual}: the time taken tells neither which source nor how much of a token matched, nor its
 * length, since the digests have one length.
 *
 * @param trustedProxies the proxies in front of the service ({@code WEBHOOK_TRUSTED_PROXIES}); empty: none, the
 *                       connection's own address is the client's
 */
public record SignalSources(List<SignalSource> sources, IpRanges trustedProxies) {

  public static final SignalSources NONE = new SignalSources(List.of(), IpRanges.parse(List.of()));

  public SignalSources {
    sources = List.copyOf(sources);
  }

  /** The source whose token is {@code presented}, if any. */
  public Optional<SignalSource> byToken(String presented) {
    if (presented == null) {
      return Optional.empty();
    }
    byte[] digest = sha256(presented);
    SignalSource found = null;
    for (SignalSource source : sources) {
      if (MessageDigest.isEqual(digest, sha256(source.token().reveal())) && found == null) {
        found = source;
      }
    }
    return Optional.ofNullable(found);
  }

  public boolean isEmpty() {
    return sources.isEmpty();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
