package io.copytrader.lighter;

/**
 * Lighter result codes: the ones the service acts on and the ones the paper exchange answers with (the table in
 * docs/lighter-api.md), and which of them are worth another attempt. Everything not named retryable here is final:
 * validation, order rules (217xx), margin, unknown account or key. No other class names a Lighter code.
 */
public final class LighterErrorCodes {

  public static final int OK = 200;
  public static final int INVALID_PARAM = 20001;
  public static final int ACCOUNT_NOT_FOUND = 21100;
  public static final int INVALID_NONCE = 21104;
  public static final int BATCH_NONCE_NOT_INCREASING = 21105;
  public static final int API_KEY_NOT_FOUND = 21109;
  public static final int INVALID_API_KEY_INDEX = 21110;
  public static final int INVALID_INITIAL_MARGIN_FRACTION = 21113;
  public static final int INVALID_SIGNATURE = 21120;
  public static final int BATCH_MIXES_KEYS = 21121;
  public static final int MARGIN_MODE_CHANGE_ON_ACTIVE_POSITION = 21132;
  public static final int TX_NOT_FOUND = 21500;
  public static final int INVALID_TX_INFO = 21501;
  public static final int UNSUPPORTED_TX_TYPE = 21505;
  public static final int TOO_MANY_PENDING_TXS = 21506;
  public static final int ACCOUNT_BELOW_INITIAL_MARGIN = 21508;
  public static final int BATCH_LENGTHS_DIFFER = 21513;
  public static final int BATCH_TOO_LONG = 21514;
  public static final int INVALID_MARKET_INDEX = 21602;
  public static final int INVALID_MIN_AMOUNTS = 21603;
  public static final int INVALID_MARGIN_MODE = 21613;
  public static final int INVALID_ORDER_INDEX = 21700;
  public static final int INVALID_BASE_AMOUNT = 21701;
  public static final int INVALID_PRICE = 21702;
  public static final int INVALID_IS_ASK = 21703;
  public static final int INVALID_ORDER_TYPE = 21704;
  public static final int INVALID_TIME_IN_FORCE = 21705;
  public static final int ORDER_BOOK_NOT_ACTIVE = 21709;
  public static final int UNSUPPORTED_ORDER_TYPE = 21710;
  public static final int INVALID_EXPIRY = 21711;
  public static final int ORDER_NOT_ACTIVE = 21715;
  public static final int INVALID_CLIENT_ORDER_INDEX = 21727;
  public static final int CLIENT_ORDER_INDEX_EXISTS = 21728;
  public static final int INVALID_TRIGGER_PRICE = 21729;
  public static final int REDUCE_ONLY_INCREASES_POSITION = 21732;
  public static final int INVALID_REDUCE_ONLY_DIRECTION = 21738;
  public static final int NOT_ENOUGH_MARGIN = 21739;
  public static final int TOO_MANY_REQUESTS = 23000;
  public static final int TOO_MANY_SUBSCRIPTIONS = 23001;
  public static final int TOO_MANY_DIFFERENT_ACCOUNTS = 23002;
  public static final int TOO_MANY_CONNECTIONS = 23003;
  public static final int LAST_RATE_LIMIT = 23004;
  public static final int NOT_FOUND = 29404;
  public static final int INTERNAL_SERVER_ERROR = 29500;
  public static final int PROCESS_TIMEOUT = 29501;

  // The WebSocket's own codes, in an error frame.
  public static final int WS_INVALID_MESSAGE = 30000;
  public static final int WS_ALREADY_SUBSCRIBED = 30003;
  public static final int WS_INVALID_CHANNEL = 30005;
  public static final int WS_NOT_SUBSCRIBED = 30006;
  public static final int WS_TOO_MANY_MESSAGES = 30009;
  public static final int WS_TOO_MANY_INFLIGHT = 30010;
  public static final int WS_FAILED_TO_SUBSCRIBE = 30012;

  private LighterErrorCodes() {
  }

  /** A nonce to reload or a sequencer queue to wait for: the same request can succeed a moment later. */
  public static boolean retryableRejection(int code) {
    return code == INVALID_NONCE || code == TOO_MANY_PENDING_TXS;
  }

  /** The exchange's own rate-limit code, whatever HTTP status carries it. */
  public static boolean rateLimit(int code) {
    return code >= TOO_MANY_REQUESTS && code <= LAST_RATE_LIMIT;
  }

  /**
   * The exchange failed while handling the request. For a send the transaction may or may not have been
   * accepted, exactly as for an HTTP 5xx.
   */
  public static boolean serverFault(int code) {
    return code == INTERNAL_SERVER_ERROR || code == PROCESS_TIMEOUT;
  }
}
