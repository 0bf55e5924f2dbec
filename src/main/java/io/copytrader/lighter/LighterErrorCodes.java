package io.copytrader.lighter;

/**
 * Lighter result codes the service acts on, and which of them are worth another attempt. Everything not
 * named retryable here is final: validation, order rules (217xx), margin, unknown account or key.
 */
public final class LighterErrorCodes {

  public static final int OK = 200;
  public static final int ACCOUNT_NOT_FOUND = 21100;
  public static final int INVALID_NONCE = 21104;
  public static final int INVALID_SIGNATURE = 21120;
  public static final int TX_NOT_FOUND = 21500;
  public static final int TOO_MANY_PENDING_TXS = 21506;
  public static final int CLIENT_ORDER_INDEX_EXISTS = 21728;
  public static final int NOT_ENOUGH_MARGIN = 21739;
  public static final int TOO_MANY_REQUESTS = 23000;
  public static final int INTERNAL_SERVER_ERROR = 29500;
  public static final int PROCESS_TIMEOUT = 29501;

  private LighterErrorCodes() {
  }

  /** A nonce to reload or a sequencer queue to wait for: the same request can succeed a moment later. */
  public static boolean retryableRejection(int code) {
    return code == INVALID_NONCE || code == TOO_MANY_PENDING_TXS;
  }

  /** The exchange's own rate-limit code, whatever HTTP status carries it. */
  public static boolean rateLimit(int code) {
    return code >= TOO_MANY_REQUESTS && code <= 23004;
  }

  /**
   * The exchange failed while handling the request. For a send the transaction may or may not have been
   * accepted, exactly as for an HTTP 5xx.
   */
  public static boolean serverFault(int code) {
    return code == INTERNAL_SERVER_ERROR || code == PROCESS_TIMEOUT;
  }
}
