package io.copytrader.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which calls may change something: a browser page of the service itself, or a client that is no browser. */
class BrowserSecurityTest {

  @ParameterizedTest(name = "Sec-Fetch-Site={0} Origin={1} Host={2} -> {3}")
  @CsvSource(nullValues = "-", value = {
    "same-origin, http://127.0.0.1:8000, 127.0.0.1:8000, true",
    "none,        -,                     127.0.0.1:8000, true",
    "cross-site,  http://127.0.0.1:8000, 127.0.0.1:8000, false",
    "same-site,   http://127.0.0.1:8000, 127.0.0.1:8000, false",
    "-,           http://127.0.0.1:8000, 127.0.0.1:8000, true",
    "-,           https://ops.example,   ops.example,    true",
    "-,           https://evil.example,  127.0.0.1:8000, false",
    "-,           http://127.0.0.1:8001, 127.0.0.1:8000, false",
    "-,           null,                  127.0.0.1:8000, false",
    "-,           'http://[bad',         127.0.0.1:8000, false",
    "-,           http://127.0.0.1:8000, -,              false",
    "-,           -,                     127.0.0.1:8000, true",
    "-,           -,                     -,              true",
  })
  void decidesWhetherACallComesFromTheServicesOwnOrigin(String fetchSite, String origin, String host,
                                                          boolean allowed) {
    assertThat(BrowserSecurity.isSameOrigin(fetchSite, origin, host)).isEqualTo(allowed);
  }
}
