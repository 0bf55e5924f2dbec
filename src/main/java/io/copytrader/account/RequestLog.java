package io.copytrader.account;

import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * Log lines about one request: each names the account and the request in its text, and carries them as
 * {@code account} and {@code request_id} fields in JSON logs. The fields are set around the single call
 * because a request's steps run on shared event-loop threads.
 */
final class RequestLog {

  private final Logger log;
  private final String account;
  private final String requestId;
  private final String prefix;

  RequestLog(Logger log, long accountIndex, String requestId) {
    this.log = log;
    this.account = Long.toString(accountIndex);
    this.requestId = requestId;
    this.prefix = "account " + account + " request " + requestId + ": ";
  }

  void info(String format, Object... arguments) {
    MDC.put("account", account);
    MDC.put("request_id", requestId);
    try {
      log.info(prefix + format, arguments);
    } finally {
      clear();
    }
  }

  void warn(String format, Object... arguments) {
    MDC.put("account", account);
    MDC.put("request_id", requestId);
    try {
      log.warn(prefix + format, arguments);
    } finally {
      clear();
    }
  }

  void error(String format, Object... arguments) {
    MDC.put("account", account);
    MDC.put("request_id", requestId);
    try {
      log.error(prefix + format, arguments);
    } finally {
      clear();
    }
  }

  private static void clear() {
    MDC.remove("account");
    MDC.remove("request_id");
  }
}
