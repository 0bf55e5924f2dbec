package io.copytrader.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FanoutNoticeSettingsTest {

  @TempDir
  Path dir;

  private static Map<String, String> env(String window, String minAccounts) {
    Map<String, String> env = new HashMap<>();
    if (window != null) {
      env.put("NOTIFY_FANOUT_WINDOW_MS", window);
    }
    if (minAccounts != null) {
      env.put("NOTIFY_FANOUT_MIN_ACCOUNTS", minAccounts);
    }
    return env;
  }

  @ParameterizedTest(name = "window {0}, min accounts {1} -> {2} ms, {3}")
  @CsvSource({", , 3000, 3", "0, , 0, 3", "60000, 2, 60000, 2", " 2500 , 100000, 2500, 100000"})
  void theSettingsOrTheBundledDefaults(String window, String minAccounts, long windowMs, int accounts)
    throws Exception {
    assertThat(ConfigLoaderTest.load(env(window, minAccounts), dir).telegram().fanout())
      .isEqualTo(new FanoutNoticeSettings(Duration.ofMillis(windowMs), accounts));
  }

  @ParameterizedTest(name = "window {0}, min accounts {1}")
  @CsvSource(delimiter = '|', value = {
    "60001 | 3 | NOTIFY_FANOUT_WINDOW_MS must be between 0 and 60000, got 60001",
    "-1 | 3 | NOTIFY_FANOUT_WINDOW_MS must be a whole number, got '-1'",
    "3s | 3 | NOTIFY_FANOUT_WINDOW_MS must be a whole number, got '3s'",
    "3000 | 1 | NOTIFY_FANOUT_MIN_ACCOUNTS must be between 2 and 100000, got 1",
    "3000 | many | NOTIFY_FANOUT_MIN_ACCOUNTS must be a whole number, got 'many'"})
  void aBadValueIsAProblemNamingItsBounds(String window, String minAccounts, String problem) {
    assertThat(ConfigLoaderTest.problems(env(window, minAccounts), dir).problems()).containsExactly(problem);
  }

  @ParameterizedTest(name = "{0} ms, at least {1}: {2} accounts summed up {3}")
  @CsvSource({"3000, 3, 3, true", "3000, 3, 2, false", "0, 2, 1000, false", "100, 2, 2, true"})
  void aSignalIsSummedUpFromTheThresholdWhileTheWindowIsOpen(long windowMs, int minAccounts, int accounts,
                                                              boolean summed) {
    assertThat(new FanoutNoticeSettings(Duration.ofMillis(windowMs), minAccounts).sumsUp(accounts)).isEqualTo(summed);
  }
}
