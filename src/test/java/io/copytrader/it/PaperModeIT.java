package io.copytrader.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.testing.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar started with no account configured: paper mode with demo accounts, ready to trade. */
class PaperModeIT {

  private static final Pattern CURL_LINE =
    Pattern.compile("Try: curl -s -X POST (http://127\\.0\\.0\\.1:(\\d+)/api/trade) .* -d '(\\{.*\\})'");

  @TempDir
  Path workingDirectory;

  @AutoClose
  private ServiceProcess service;
  private int port;

  @BeforeEach
  void startWithoutAccounts() {
    port = Http.freePort();
    service = ServiceProcess.start(workingDirectory, Map.of("HTTP_PORT", String.valueOf(port),
      "DATA_DIR", workingDirectory.resolve("data").toString()));
    assertThat(service.awaitReady()).isEqualTo(port);
  }

  @Test
  void announcesPaperModeWithTheDemoAccounts() {
    assertThat(service.awaitLine(Pattern.compile("Ready: (\\w+) mode, (\\d+) account"), Duration.ofSeconds(1))
      .group(1)).isEqualTo("paper");
    assertThat(service.awaitLine(Pattern.compile("Paper mode: .* with accounts (\\[.*\\])"), Duration.ofSeconds(5))
      .group(1)).isEqualTo("[1001, 1002]");
  }

  @Test
  void answersHealthWith200() {
    Http.Reply health = Http.get("http://127.0.0.1:" + port + "/health");

    assertThat(health.status()).as(health.body()).isEqualTo(200);
    assertThat(health.json().getString("status")).isEqualTo("healthy");
  }

  @Test
  void logsACurlLineForThisPortAndTheFirstDemoAccount() {
    Matcher curl = service.awaitLine(CURL_LINE, Duration.ofSeconds(5));

    assertThat(Integer.parseInt(curl.group(2))).isEqualTo(port);
    assertThat(new JsonObject(curl.group(3)).getLong("account_index")).isEqualTo(1001L);
  }

  @Test
  void theLoggedCurlTradeForDemoAccount1001EndsFilled() {
    Matcher curl = service.awaitLine(CURL_LINE, Duration.ofSeconds(5));
    Http.Reply accepted = Http.postJson(curl.group(1), new JsonObject(curl.group(3)));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);

    JsonObject detail = new ServiceApi(port).awaitFinal(accepted.json().getString("request_id"),
      Duration.ofSeconds(20));

    assertThat(detail.getString("state")).as(detail.encodePrettily()).isEqualTo("filled");
    assertThat(detail.getLong("account_index")).isEqualTo(1001L);
    JsonObject entry = detail.getJsonArray("orders").getJsonObject(0);
    assertThat(entry.getString("purpose")).isEqualTo("entry");
    assertThat(new java.math.BigDecimal(entry.getString("filled_base"))).isPositive();
  }
}
