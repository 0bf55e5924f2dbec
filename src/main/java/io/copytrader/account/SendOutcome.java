package io.copytrader.account;

import io.copytrader.lighter.LighterErrorCodes;
import io.copytrader.lighter.LighterException;
import io.copytrader.lighter.signer.SignedTx;

/** What became of one signed transaction sent to Lighter. */
sealed interface SendOutcome {

  /** Accepted by the exchange: the nonce is consumed; the order's fate comes from the order itself. */
  record Accepted(SignedTx tx, long nonce) implements SendOutcome {
  }

  /** Refused by the exchange for a business reason; nothing applied, the nonce is not consumed. */
  record Rejected(SignedTx tx, LighterException error) implements SendOutcome {

    /** Refused because an order with its client order index is already live: that order is on the exchange. */
    boolean orderExists() {
      return error.hasCode(LighterErrorCodes.CLIENT_ORDER_INDEX_EXISTS);
    }
  }

  /** Not processed (rate limit, open breaker, no connection): safe to try again. */
  record NotSent(LighterException error) implements SendOutcome {
  }

  /**
   * Refused with 21104 as the replacement of a transaction in doubt: that transaction (or a copy of it) used the
   * nonce, so it reached the exchange; nothing of this one was applied.
   */
  record NonceConsumed(SignedTx tx, LighterException error) implements SendOutcome {
  }

  /** No answer after the request may have reached the exchange: reconcile before sending its replacement. */
  record Unknown(SignedTx tx, long nonce, LighterException error) implements SendOutcome {
  }
}
