package io.copytrader.config;

/**
 * Where the Lighter exchange is and the chain id it expects signed into every transaction.
 *
 * @param baseUrl its REST base URL
 */
public record LighterEndpoint(String baseUrl, int chainId) {

  public LighterEndpoint withBaseUrl(String url) {
    return new LighterEndpoint(url, chainId);
  }
}
