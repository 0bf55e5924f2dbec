package io.copytrader.webhook;

import io.copytrader.config.Secret;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One configured sender of webhooks ({@code SIGNAL_SOURCES}): who it is, the token that identifies it, the accounts
 * its signals go to, and what it must prove besides the token.
 *
 * @param name         shown in logs, metrics and idempotency keys; never secret
 * @param token        the secret in its URL or body
 * @param accounts     a signal without {@code account_index} goes to each; one with it must name one of them
 * @param hmacSecret   when set, every request must carry a valid {@code X-Signature}; else null
 * @param allowlist    the client addresses it may send from; null for any
 * @param defaultRatio the ratio of a signal that gives none; else null
 * @param symbols      the source's tickers by their Lighter symbols, upper case (explicit aliases)
 */
public record SignalSource(
  String name,
  Secret token,
  List<Long> accounts,
  Secret hmacSecret,
  IpRanges allowlist,
  BigDecimal defaultRatio,
  Map<String, String> symbols) {

  public SignalSource {
    accounts = List.copyOf(accounts);
    symbols = Map.copyOf(symbols);
  }

  public boolean allows(String clientAddress) {
    return allowlist == null || allowlist.contains(clientAddress);
  }

  /** What the source may do, for the startup log: everything but its secrets. */
  public String summary() {
    return name + ": accounts " + accounts + (hmacSecret == null ? "" : ", signed")
      + (allowlist == null ? ", any address" : ", from its ip_allowlist")
      + (defaultRatio == null ? "" : ", default ratio " + defaultRatio.toPlainString())
      + (symbols.isEmpty() ? "" : ", symbols " + new TreeMap<>(symbols));
  }
}
