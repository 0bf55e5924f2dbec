package io.copytrader.config;

import io.copytrader.webhook.SignalSources;

/**
 * Where the HTTP API listens and the key it requires.
 *
 * @param apiKey        the key every call must present, null when the API is open
 * @param signalSources the senders of webhooks, which present their own tokens instead of the key
 */
public record HttpSettings(String host, int port, Secret apiKey, SignalSources signalSources) {

  public boolean apiKeyRequired() {
    return apiKey != null;
  }
}
