package io.copytrader.lighter.budget;

import java.util.Locale;

/**
 * Which of Lighter's limits a call counts against (docs/lighter-api.md, "Rate limits"): a request carrying an
 * account's authentication (an auth token, or a transaction the account signed) counts only against its L1
 * address, every other one against the IP the service calls from.
 */
public enum BudgetScope {
  IP,
  L1_ADDRESS;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
