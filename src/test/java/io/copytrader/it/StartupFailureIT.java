package io.copytrader.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.testing.ServiceProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process that cannot start says why in one line and exits, instead of hanging with a stack trace. */
class StartupFailureIT {

  private static final Duration EXIT = Duration.ofSeconds(20);

  @TempDir
  Path workingDirectory;

  @AutoClose
  private ServerSocket occupied;
  @AutoClose
  private ServiceProcess process;

  @BeforeEach
  void occupyAPort() throws IOException {
    occupied = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  @Test
  void serviceExitsWith1WhenItsHttpPortIsTaken() {
    process = ServiceProcess.start(workingDirectory, Map.of("HTTP_PORT", port(),
      "DATA_DIR", workingDirectory.resolve("data").toString()));

    int status = process.awaitExit(EXIT);

    assertThat(status).as(process.output()).isEqualTo(1);
    assertThat(process.output()).contains("Startup failed", ":" + port() + " (HTTP_PORT)", "Address already in use")
      .doesNotContain("\tat ");
  }

  @Test
  void paperModeExitsWith1WhenPaperPortIsTaken() {
    process = ServiceProcess.start(workingDirectory, Map.of("PAPER_PORT", port(),
      "HTTP_PORT", String.valueOf(Http.freePort()), "DATA_DIR", workingDirectory.resolve("data").toString()));

    int status = process.awaitExit(EXIT);

    assertThat(status).as(process.output()).isEqualTo(1);
    assertThat(process.output()).contains(":" + port() + " (PAPER_PORT)", "Address already in use")
      .doesNotContain("\tat ");
  }

  @Test
  void paperExchangeCommandExitsWith1WhenPaperPortIsTaken() {
    process = ServiceProcess.start(workingDirectory, Map.of("PAPER_PORT", port(),
      "ACCOUNTS", TestAccount.accountsJson(List.of(TestAccount.of(6001, 0x71)))), "paper-exchange");

    int status = process.awaitExit(EXIT);

    assertThat(status).as(process.output()).isEqualTo(1);
    assertThat(process.output()).contains(":" + port() + " (PAPER_PORT)", "Address already in use")
      .doesNotContain("\tat ");
  }

  @Test
  void aSecondInstanceOnTheSameDataDirExitsWith1AndTheFirstKeepsServing() {
    Map<String, String> first = Map.of("HTTP_PORT", String.valueOf(Http.freePort()),
      "DATA_DIR", workingDirectory.resolve("data").toString());
    Map<String, String> second = Map.of("HTTP_PORT", String.valueOf(Http.freePort()),
      "DATA_DIR", workingDirectory.resolve("data").toString());
    try (ServiceProcess running = ServiceProcess.start(workingDirectory, first)) {
      int firstPort = running.awaitReady();
      process = ServiceProcess.start(workingDirectory, second);

      int status = process.awaitExit(EXIT);

      assertThat(status).as(process.output()).isEqualTo(1);
      assertThat(process.output()).contains("Startup failed", "journal", "already in use").doesNotContain("\tat ");
      assertThat(Http.get("http://127.0.0.1:" + firstPort + "/health").status()).isEqualTo(200);
    }
  }

  @Test
  void anUnknownCommandExitsWith64AndPrintsTheUsage() {
    process = ServiceProcess.start(workingDirectory, Map.of(), "chek");

    int status = process.awaitExit(EXIT);

    assertThat(status).isEqualTo(64);
    assertThat(process.output()).contains("Unknown command 'chek'").contains("Usage:");
  }

  private String port() {
    return String.valueOf(occupied.getLocalPort());
  }
}
