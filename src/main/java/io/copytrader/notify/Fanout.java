package io.copytrader.notify;

import io.copytrader.Addresses;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One signal sent to several accounts: a webhook without {@code account_index} to a source of many accounts, or a
 * leader's change copied to its followers. Each account's request carries it from the submit's headers to its
 * notices, so the notifier can sum them up in one message (docs/ARCHITECTURE.md, "Notifications").
 *
 * @param key names the signal, the same for every account it went to
 * @param accounts how many accounts the signal went to
 */
public record Fanout(String key, int accounts) {

  /** Keys are shown in a message and kept in the journal's log lines: bounded as a client request id is. */
  static final int MAX_KEY_CHARS = 256;

  public Fanout {
    Objects.requireNonNull(key, "key");
    if (key.isBlank() || key.length() > MAX_KEY_CHARS || accounts < 1) {
      throw new IllegalArgumentException("a fan-out needs a key of 1 to " + MAX_KEY_CHARS
        + " characters and at least one account");
    }
  }

  /** The submit's options carrying this fan-out to the account's queue. */
  public DeliveryOptions addTo(DeliveryOptions options) {
    return options.addHeader(Addresses.FANOUT_KEY, key)
      .addHeader(Addresses.FANOUT_ACCOUNTS, Integer.toString(accounts));
  }

  /** The fan-out a submit's headers name, or null when they name none or a malformed one (it then notifies alone). */
  public static Fanout fromHeaders(MultiMap headers) {
    String key = headers.get(Addresses.FANOUT_KEY);
    String accounts = headers.get(Addresses.FANOUT_ACCOUNTS);
    if (key == null || accounts == null || !accounts.matches("\\d{1,9}")) {
      return null;
    }
    try {
      return new Fanout(key, Integer.parseInt(accounts));
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  JsonObject toJson() {
    return new JsonObject().put("key", key).put("accounts", accounts);
  }

  /** The fan-out a notice names, or null when it names none or a malformed one: the notice then goes alone. */
  static Fanout fromJson(Object json) {
    if (!(json instanceof JsonObject object) || !(object.getValue("key") instanceof String key)
      || !(object.getValue("accounts") instanceof Integer accounts)) {
      return null;
    }
    try {
      return new Fanout(key, accounts);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }
}
