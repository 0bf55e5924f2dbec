package io.copytrader.it;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.paper.PaperFixture;
import io.copytrader.testing.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while the running request cannot finish (its order was lost on the way and is never answered):
 * the service still stops once {@code SHUTDOWN_GRACE} is up, and the next start settles the request once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShutdownGraceIT {

  private static final TestAccount ACCOUNT = TestAccount.of(4101, 0x53);
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int GRACE_SECONDS = 1;

  @AutoClose
  private PaperFixture exchange;
  @AutoClose
  private ServiceProcess service;
  private Path workingDirectory;
  private int port;
  private int exitStatus;
  private String stoppedOutput;
  private Map<String, String> journalAtTheExit;
  private JsonObject afterTheRestart;
  private String requestId;

  @BeforeAll
  void stopWithAnUnanswerableSendThenRestart(@TempDir Path temporaryDirectory) {
    workingDirectory = temporaryDirectory;
    exchange = TestAccount.paperExchange(List.of(ACCOUNT));
    port = Http.freePort();
    startService(exchange.lossyLink().baseUrl());
    ServiceApi api = new ServiceApi(port);
    exchange.lossyLink().loseSends(true);
    requestId = api.accept(ServiceApi.open(ACCOUNT.accountIndex(), "ETH", 0.1));
    eventually("a send lost on the way", WAIT, () -> exchange.lossyLink().receivedSends() > 0);

    service.terminate();
    exitStatus = service.awaitExit(Duration.ofSeconds(GRACE_SECONDS + 15));
    stoppedOutput = service.output();
    journalAtTheExit = JournalFile.requestStates(workingDirectory.resolve("data"));

    exchange.lossyLink().loseSends(false);
    startService(exchange.baseUrl());
    afterTheRestart = api.awaitFinal(requestId, WAIT);
  }

  @Test
  void exitsWith0Or143OnceTheGraceIsUp() {
    assertThat(exitStatus).as(stoppedOutput).isIn(0, 143);
    assertThat(Pattern.compile("did not finish within " + GRACE_SECONDS + " s").matcher(stoppedOutput).find())
      .as(stoppedOutput).isTrue();
  }

  @Test
  void leavesTheUnfinishedRequestExecutingInTheJournal() {
    assertThat(journalAtTheExit).containsEntry(requestId, "executing");
  }

  @Test
  void theNextStartFillsItOnce() {
    assertThat(afterTheRestart.getString("state")).as(afterTheRestart.encodePrettily()).isEqualTo("filled");
    assertThat(ACCOUNT.on(exchange).filledOrders()).hasSize(1);
  }

  /** The lossy link carries REST alone, so only the run that must lose its send goes through it. */
  private void startService(String baseUrl) {
    Map<String, String> env = new HashMap<>(ServiceEnvironment.live(baseUrl, List.of(ACCOUNT), port,
      workingDirectory.resolve("data")));
    env.put("SHUTDOWN_GRACE", String.valueOf(GRACE_SECONDS));
    service = ServiceProcess.start(workingDirectory, env);
    service.awaitReady();
  }
}
