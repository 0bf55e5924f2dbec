package io.copytrader.lighter;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Lighter networks the service knows: each one's REST base URL and the chain id signed into every
 * transaction on it (docs/lighter-api.md, "Networks"). Its stream is at {@code wss://<host>/stream}.
 */
public enum LighterNetwork {
  LIGHTER("lighter", "https://mainnet.zklighter.elliot.ai", 304),
  LIGHTER_TESTNET("lighter-testnet", "https://testnet.zklighter.elliot.ai", 300),
  ROBINHOOD("robinhood", "https://api.rh.lighter.xyz", 466324),
  ROBINHOOD_TESTNET("robinhood-testnet", "https://api.rh-testnet.lighter.xyz", 300);

  private final String id;
  private final String baseUrl;
  private final int chainId;

  LighterNetwork(String id, String baseUrl, int chainId) {
    this.id = id;
    this.baseUrl = baseUrl;
    this.chainId = chainId;
  }

  /** The name {@code NETWORK} takes. */
  public String id() {
    return id;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public String streamUrl() {
    return streamUrlFor(baseUrl);
  }

  public int chainId() {
    return chainId;
  }

  public static Optional<LighterNetwork> byId(String id) {
    return Arrays.stream(values()).filter(network -> network.id.equalsIgnoreCase(id)).findFirst();
  }

  /** The network whose host {@code url} names, if any; the scheme and port are not compared. */
  public static Optional<LighterNetwork> byHost(String url) {
    String host = URI.create(url).getHost();
    return Arrays.stream(values())
      .filter(network -> URI.create(network.baseUrl).getHost().equalsIgnoreCase(host))
      .findFirst();
  }

  /** Every {@link #id()}, for messages. */
  public static String ids() {
    return Arrays.stream(values()).map(LighterNetwork::id).collect(Collectors.joining(", "));
  }

  /**
   * The stream of the exchange at {@code baseUrl} (an http or https URL with a host): same host and port,
   * {@code ws} for {@code http} and {@code wss} for {@code https}, path {@value LighterStreamOptions#PATH}.
   */
  public static String streamUrlFor(String baseUrl) {
    URI uri = URI.create(baseUrl);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException("baseUrl must be an http or https URL with a host");
    }
    String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
    return (scheme.equals("https") ? "wss" : "ws") + "://" + uri.getHost() + port + LighterStreamOptions.PATH;
  }
}
