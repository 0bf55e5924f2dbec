package io.copytrader.lighter.signer;

/** A transaction field is outside what Lighter accepts; raised before anything is hashed or signed. */
public final class InvalidTxException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidTxException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  /** The tx_info name of the offending field, e.g. {@code "Price"} or {@code "L2TxAttributes[2]"}. */
  public String field() {
    return field;
  }
}
