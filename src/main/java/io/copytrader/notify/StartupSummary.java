package io.copytrader.notify;

import io.copytrader.config.Mode;
import java.util.List;
import java.util.Objects;

/** What the service came up with: where it trades, for whom, and which markets it knows. */
public record StartupSummary(Mode mode, List<Account> accounts, List<String> marketSymbols) {

  /**
   * A configured account; {@code name} is null when the configuration gives none.
   *
   * @param rails the account's risk rails in one line, every limit named, so none is unlimited unnoticed
   */
  public record Account(long index, String name, String rails) {
  }

  public StartupSummary {
    Objects.requireNonNull(mode, "mode");
    accounts = List.copyOf(accounts);
    marketSymbols = List.copyOf(marketSymbols);
  }
}
