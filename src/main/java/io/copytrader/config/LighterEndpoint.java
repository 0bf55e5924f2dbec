package io.copytrader.config;

import io.copytrader.lighter.LighterNetwork;

/**
 * Where the Lighter exchange is and the chain id it expects signed into every transaction.
 *
 * @param network   the network the endpoint is on, null for a host that is none of the known networks
 * @param baseUrl   its REST base URL
 * @param streamUrl its WebSocket stream
 */
public record LighterEndpoint(LighterNetwork network, String baseUrl, String streamUrl, int chainId) {

  /** This endpoint's chain at another exchange (the paper exchange), its stream following its REST URL. */
  public LighterEndpoint withBaseUrl(String url) {
    return new LighterEndpoint(network, url, LighterNetwork.streamUrlFor(url), chainId);
  }

  /** The network's name for people, {@code custom} for an unknown host. */
  public String networkName() {
    return network == null ? "custom" : network.id();
  }
}
