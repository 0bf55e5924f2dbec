package io.copytrader.lighter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The accounts (master and sub-accounts) of one L1 address. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SubAccounts(String l1Address, List<Account> subAccounts) {

  public SubAccounts {
    subAccounts = subAccounts == null ? List.of() : List.copyOf(subAccounts);
  }
}
