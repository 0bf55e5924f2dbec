package io.copytrader.config;

import io.copytrader.lighter.LighterNetwork;
import io.copytrader.lighter.LighterStreamOptions;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Resolves {@code NETWORK}, {@code BASE_URL}, {@code STREAM_URL} and {@code CHAIN_ID} into a {@link LighterEndpoint}.
 * {@code NETWORK} sets all three (default {@code lighter} when {@code BASE_URL} is not set either); {@code BASE_URL}
 * and {@code STREAM_URL} override its URLs, the stream following {@code BASE_URL} unless set; the chain id comes
 * from {@code CHAIN_ID}, else from {@code NETWORK}, else from the network whose host {@code BASE_URL} names. A
 * live service on any other host must be told its chain id: a wrong one would have every transaction refused.
 */
final class EndpointResolver {

  private EndpointResolver() {
  }

  /** The endpoint, or null with the reasons added to {@code problems}. */
  static LighterEndpoint resolve(String network, String baseUrl, String streamUrl, Integer chainId, Mode mode,
                                 List<String> problems, List<String> warnings) {
    int before = problems.size();
    LighterNetwork named = network == null ? null : LighterNetwork.byId(network).orElse(null);
    if (network != null && named == null) {
      problems.add("NETWORK must be one of " + LighterNetwork.ids() + ", got " + ConfigParser.shown(network));
    }
    boolean baseValid = baseUrl == null || validBaseUrl(baseUrl, problems);
    if (streamUrl != null) {
      validStreamUrl(streamUrl, problems);
    }
    if (problems.size() > before || !baseValid) {
      return null;
    }
    LighterNetwork hosted = baseUrl == null ? null : LighterNetwork.byHost(baseUrl).orElse(null);
    LighterNetwork chosen = named != null ? named : baseUrl == null ? LighterNetwork.LIGHTER : hosted;
    if (named != null && hosted != null && hosted != named && chainId == null) {
      warnings.add("BASE_URL is on " + hosted.id() + " but NETWORK=" + named.id() + ": transactions are signed with "
        + named.id() + "'s chain id " + named.chainId());
    }
    String base = baseUrl != null ? baseUrl : chosen.baseUrl();
    String stream = streamUrl != null ? streamUrl : LighterNetwork.streamUrlFor(base);
    if (chainId != null) {
      return new LighterEndpoint(chosen, base, stream, chainId);
    }
    if (chosen != null) {
      return new LighterEndpoint(chosen, base, stream, chosen.chainId());
    }
    if (mode == Mode.PAPER) {
      // Paper mode trades on its own paper exchange, which verifies with whatever chain id the service signs.
      return new LighterEndpoint(null, base, stream, LighterNetwork.LIGHTER.chainId());
    }
    problems.add("CHAIN_ID must be set: BASE_URL's host " + URI.create(base).getHost() + " is none of the known "
      + "networks (" + LighterNetwork.ids() + ") and NETWORK is not set");
    return null;
  }

  private static boolean validBaseUrl(String baseUrl, List<String> problems) {
    String lower = baseUrl.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      problems.add("BASE_URL must start with http:// or https://");
      return false;
    }
    try {
      LighterNetwork.streamUrlFor(baseUrl);
      return true;
    } catch (IllegalArgumentException e) {
      problems.add("BASE_URL must be a URL with a host");
      return false;
    }
  }

  private static void validStreamUrl(String streamUrl, List<String> problems) {
    try {
      LighterStreamOptions.forStreamUrl(streamUrl);
    } catch (IllegalArgumentException e) {
      problems.add("STREAM_URL must be a ws:// or wss:// URL with a host and the path " + LighterStreamOptions.PATH);
    }
  }
}
