package io.copytrader.paper.limits;

import io.copytrader.lighter.LighterErrorCodes;

/** Why a limit refused a request, frame or connection: Lighter's code and message (docs/lighter-api.md). */
public enum LimitRefusal {
  TOO_MANY_REQUESTS(LighterErrorCodes.TOO_MANY_REQUESTS, "Too Many Requests!"),
  TOO_MANY_SUBSCRIPTIONS(LighterErrorCodes.TOO_MANY_SUBSCRIPTIONS, "Too Many Subscriptions!"),
  TOO_MANY_DIFFERENT_ACCOUNTS(LighterErrorCodes.TOO_MANY_DIFFERENT_ACCOUNTS, "Too Many Different Accounts!"),
  TOO_MANY_CONNECTIONS(LighterErrorCodes.TOO_MANY_CONNECTIONS, "Too Many Connections!"),
  TOO_MANY_MESSAGES(LighterErrorCodes.WS_TOO_MANY_MESSAGES, "Too Many Websocket Messages!"),
  TOO_MANY_INFLIGHT(LighterErrorCodes.WS_TOO_MANY_INFLIGHT, "Too Many Inflight Messages!");

  private final int code;
  private final String message;

  LimitRefusal(int code, String message) {
    this.code = code;
    this.message = message;
  }

  public int code() {
    return code;
  }

  public String message() {
    return message;
  }
}
