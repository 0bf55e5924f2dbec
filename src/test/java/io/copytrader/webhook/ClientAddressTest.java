package io.copytrader.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressTest {

  @ParameterizedTest(name = "peer {0}, X-Forwarded-For [{1}], trusted [{2}] -> {3}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
    // Without a trusted proxy the header is never read: anyone can write it.
    "127.0.0.1 | 52.89.214.238                   | -                     | 127.0.0.1",
    "203.0.113.9 | 52.89.214.238                 | 127.0.0.1             | 203.0.113.9",
    // From a trusted proxy: the rightmost address no trusted proxy accounts for.
    "127.0.0.1 | 52.89.214.238                   | 127.0.0.1             | 52.89.214.238",
    "127.0.0.1 | 6.6.6.6, 52.89.214.238          | 127.0.0.1             | 52.89.214.238",
    "127.0.0.1 | 52.89.214.238, 10.0.0.2         | 127.0.0.1,10.0.0.0/8  | 52.89.214.238",
    "127.0.0.1 | 52.89.214.238;10.0.0.2          | 127.0.0.1,10.0.0.0/8  | -",
    "127.0.0.1 | 2001:db8::1                     | 127.0.0.1             | 2001:db8::1",
    "127.0.0.1 | unknown                         | 127.0.0.1             | -",
    "127.0.0.1 | -                               | 127.0.0.1             | 127.0.0.1",
    "127.0.0.1 | 10.0.0.3                        | 127.0.0.1,10.0.0.0/8  | 127.0.0.1"})
  void theClientIsThePeerUnlessATrustedProxyForwardedIt(String peer, String forwarded, String trusted,
                                                        String expected) {
    IpRanges proxies = IpRanges.parse(trusted == null ? List.of() : Arrays.asList(trusted.split(",")));
    List<String> headers = forwarded == null ? List.of() : List.of(forwarded);

    assertThat(ClientAddress.of(peer, headers, proxies)).isEqualTo(Optional.ofNullable(expected));
  }
}
