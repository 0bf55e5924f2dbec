package io.copytrader.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.MainVerticle;
import io.copytrader.testing.Configs;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Paper mode: the service budgets the tier its own paper exchange enforces ({@code PAPER_ACCOUNT_TIER}) unless
 * {@code LIGHTER_ACCOUNT_TIER} says otherwise, as {@code /metrics} shows the budget's limit.
 */
@ExtendWith(VertxExtension.class)
class PaperModeBudgetTest {

  @AutoClose
  private WebClient client;

  @ParameterizedTest(name = "PAPER_ACCOUNT_TIER={0}, LIGHTER_ACCOUNT_TIER={1}: a minute of {2}")
  @CsvSource({"builder, , 240000", "standard, plus, 120000"})
  void theBudgetFollowsThePaperExchangesTierUnlessSet(String paperTier, String lighterTier, long limit, Vertx vertx,
    @TempDir Path dir) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of("MODE", "paper", "PAPER_ACCOUNT_TIER", paperTier,
      "HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0", "DATA_DIR", dir.resolve("data").toString()));
    if (lighterTier != null) {
      env.put("LIGHTER_ACCOUNT_TIER", lighterTier);
    }
    MainVerticle service = new MainVerticle(Configs.load(env, dir));
    vertx.deployVerticle(service).await();
    client = WebClient.create(vertx);

    String metrics = client.get(service.httpPort(), "127.0.0.1", "/metrics").send().await().bodyAsString();

    assertThat(metrics).contains("copytrade_lighter_budget_limit{scope=\"ip\"} " + limit + ".0",
      "copytrade_lighter_budget_limit{scope=\"l1_address\"} " + limit + ".0");
  }
}
