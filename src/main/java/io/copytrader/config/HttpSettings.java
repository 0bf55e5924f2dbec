package io.copytrader.config;

/**
 * Where the HTTP API listens and the key it requires.
 *
 * @param apiKey the key every call must present, null when the API is open
 */
public record HttpSettings(String host, int port, Secret apiKey) {

  public boolean apiKeyRequired() {
    return apiKey != null;
  }
}
