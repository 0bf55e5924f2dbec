package io.copytrader.it;

import io.copytrader.paper.PaperConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The environment of a service process trading in live mode on an exchange at {@code baseUrl}. */
final class ServiceEnvironment {

  private ServiceEnvironment() {
  }

  static Map<String, String> live(String baseUrl, List<TestAccount> accounts, int httpPort, Path dataDirectory) {
    Map<String, String> env = new HashMap<>();
    env.put("MODE", "live");
    env.put("BASE_URL", baseUrl);
    env.put("CHAIN_ID", String.valueOf(PaperConfig.defaults().chainId()));
    env.put("ACCOUNTS", TestAccount.accountsJson(accounts));
    env.put("HTTP_PORT", String.valueOf(httpPort));
    env.put("DATA_DIR", dataDirectory.toString());
    env.put("RETRY_INTERVAL", "1");
    return env;
  }
}
