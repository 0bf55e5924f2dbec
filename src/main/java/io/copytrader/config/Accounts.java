package io.copytrader.config;

import java.util.List;
import java.util.Optional;

/**
 * The Lighter accounts the service trades for, with their private keys.
 *
 * @param l1Address the L1 address the accounts must belong to, null when not checked
 */
public record Accounts(List<AccountConfig> list, String l1Address) {

  public Accounts {
    list = List.copyOf(list);
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public Optional<AccountConfig> account(long accountIndex) {
    return list.stream().filter(account -> account.accountIndex() == accountIndex).findFirst();
  }

  /** The account indexes alone, for the components that must know the accounts but not their keys. */
  public List<Long> indexes() {
    return list.stream().map(AccountConfig::accountIndex).toList();
  }
}
