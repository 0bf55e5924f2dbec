package io.copytrader.e2e;

import io.copytrader.testing.PostgresServer;
import java.util.HashMap;
import java.util.Map;

/**
 * RestartRecoveryTest's restarts with the journal in PostgreSQL ({@code JOURNAL_URL}): what the first instance
 * journaled there is what the next one settles from.
 */
class PgRestartRecoveryTest extends RestartRecoveryTest {

  @Override
  Map<String, String> settings() {
    PostgresServer server = PostgresServer.shared();
    Map<String, String> settings = new HashMap<>(super.settings());
    settings.put("JOURNAL_URL", server.url(server.freshSchema()));
    return settings;
  }
}
