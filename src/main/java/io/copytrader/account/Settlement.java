package io.copytrader.account;

import io.copytrader.lighter.Order;

/** What the exchange's evidence says became of an {@link InDoubtTx}. */
sealed interface Settlement {

  /** The order is on the exchange: follow it, never send it again. */
  record Landed(Order order) implements Settlement {
  }

  /**
   * The transaction can never execute: the exchange shows it failed, or its expiry passed with its nonce unused.
   *
   * @param nonceConsumed whether the failed transaction used up its nonce
   */
  record NeverApplied(String evidence, boolean nonceConsumed) implements Settlement {
  }

  /** No evidence either way within the bound: nothing may be sent for it, and operators must look. */
  record Unresolved(String reason) implements Settlement {
  }
}
