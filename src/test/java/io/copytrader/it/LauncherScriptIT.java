package io.copytrader.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.testing.ServiceProcess;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/lighter-copy-trader}: the service started the way the README tells users to start it. */
class LauncherScriptIT {

  private static final Pattern HEAP_MAX = Pattern.compile(
    "^jvm_memory_max_bytes\\{area=\"heap\",id=\"[^\"]+\"} ([0-9.E+]+)$", Pattern.MULTILINE);
  private static final long MIB = 1024 * 1024;

  @TempDir
  Path workingDirectory;

  @AutoClose
  private ServiceProcess service;

  @Test
  void startsThePaperServiceWithTheHeapCappedAt128MiB() {
    int port = start(Map.of());

    assertThat(Http.get("http://127.0.0.1:" + port + "/health").status()).isEqualTo(200);
    assertThat(heapMaxBytes(port)).isPositive().isLessThanOrEqualTo(128 * MIB);
  }

  @Test
  void javaHeapOptsReplaceTheDefaultSizing() {
    int port = start(Map.of("JAVA_HEAP_OPTS", "-Xmx300m"));

    assertThat(heapMaxBytes(port)).isGreaterThan(200 * MIB);
  }

  @Test
  void javaOptsComeAfterTheSizingFlags() {
    int port = start(Map.of("JAVA_OPTS", "-Xmx64m"));

    assertThat(heapMaxBytes(port)).isPositive().isLessThanOrEqualTo(64 * MIB);
  }

  private int start(Map<String, String> extra) {
    int port = Http.freePort();
    Map<String, String> environment = new HashMap<>(extra);
    environment.put("HTTP_PORT", String.valueOf(port));
    environment.put("DATA_DIR", workingDirectory.resolve("data").toString());
    service = ServiceProcess.launch(workingDirectory, environment);
    assertThat(service.awaitReady()).isEqualTo(port);
    return port;
  }

  /** The largest heap the JVM may use, over its heap pools, as /metrics reports it. */
  private static long heapMaxBytes(int port) {
    Http.Reply metrics = Http.get("http://127.0.0.1:" + port + "/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    Matcher pool = HEAP_MAX.matcher(metrics.body());
    double total = 0;
    int pools = 0;
    while (pool.find()) {
      double bytes = Double.parseDouble(pool.group(1));
      // A pool without a limit of its own reports -1.
      total += Math.max(0, bytes);
      pools++;
    }
    assertThat(pools).as("heap pools in /metrics:%n%s", Arrays.toString(metrics.body().lines()
      .filter(line -> line.startsWith("jvm_memory")).toArray())).isPositive();
    return (long) total;
  }
}
