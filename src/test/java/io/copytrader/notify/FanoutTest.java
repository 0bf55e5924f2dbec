package io.copytrader.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Addresses;
import io.vertx.core.MultiMap;
import io.copytrader.notify.Notice.Severity;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A fan-out on a submit's headers: written and read back, and a malformed one read as none. */
class FanoutTest {

  @Test
  void aSubmitsHeadersCarryTheFanout() {
    Fanout signal = new Fanout("webhook:crowd:s-1", 30);

    assertThat(Fanout.fromHeaders(signal.addTo(new DeliveryOptions()).getHeaders())).isEqualTo(signal);
  }

  @ParameterizedTest(name = "key {0}, accounts {1}")
  @CsvSource({"webhook:x:1, ", ", 3", "webhook:x:1, three", "webhook:x:1, 0", "webhook:x:1, -2", "' ', 3",
    "webhook:x:1, 99999999999"})
  void malformedHeadersNameNoFanout(String key, String accounts) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (key != null) {
      headers.add(Addresses.FANOUT_KEY, key);
    }
    if (accounts != null) {
      headers.add(Addresses.FANOUT_ACCOUNTS, accounts);
    }

    assertThat(Fanout.fromHeaders(headers)).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"\"webhook:x:1\"", "{\"key\":\"k\",\"accounts\":0}",
    "{\"key\":7,\"accounts\":3}",
    "{\"key\":\"k\",\"accounts\":\"3\"}", "{\"accounts\":3}"})
  void aNoticeWithAMalformedFanoutIsStillANoticeStandingAlone(String fanout) {
    JsonObject json = new Notice(Severity.WARNING, "Trade rejected", List.of()).toJson()
      .put("fanout", Json.decodeValue(fanout));

    assertThat(Notice.fromJson(json)).isEqualTo(new Notice(Severity.WARNING, "Trade rejected", List.of()));
  }

  @Test
  void anOverlongKeyNamesNoFanout() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(Addresses.FANOUT_KEY, "k".repeat(257))
      .add(Addresses.FANOUT_ACCOUNTS, "3");

    assertThat(Fanout.fromHeaders(headers)).isNull();
  }
}
