package io.copytrader.paper;

import static io.copytrader.paper.PaperExchange.send;

import io.copytrader.lighter.limits.AccountTier;
import io.copytrader.lighter.limits.EndpointWeights;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.paper.limits.LimitRefusal;
import io.copytrader.paper.limits.RateLimits;
import io.copytrader.paper.limits.RestLimiter;
import io.copytrader.paper.limits.StreamLimiter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Lighter's limits on the paper exchange (docs/lighter-api.md, "Rate limits"), unless {@link RateLimits#enabled()}
 * is false. REST: each {@code /api/v1/} request spends its weight ({@link EndpointWeights}) from the L1 address of
 * the account it proves (a valid auth token, or the {@code AccountIndex} of the transaction sent) at that account's
 * tier, else from its IP at the default tier; beyond, HTTP 429 {@code {"code":23000,"message":"Too Many
 * Requests!"}}. Transactions sent on the WebSocket spend from the same budget. WebSocket: {@link StreamLimiter}.
 * Each account's tier is the default one until a paper control sets it. Confined to the exchange's context.
 */
final class RateLimitGuard {

  private static final String SEND_TX = "/api/v1/sendTx";
  private static final String SEND_TX_BATCH = "/api/v1/sendTxBatch";

  private final PaperEngine engine;
  private final RateLimits limits;
  private final RestLimiter rest;
  private final StreamLimiter stream;
  private final Map<Long, AccountTier> tiers = new HashMap<>();

  RateLimitGuard(PaperEngine engine, RateLimits limits, LongSupplier clock) {
    this.engine = engine;
    this.limits = limits;
    this.rest = new RestLimiter(clock);
    this.stream = new StreamLimiter(limits.stream(), clock);
  }

  /** The route handler in front of {@code /api/v1/}: passes the request on, or answers 429. */
  void handle(RoutingContext ctx) {
    if (!limits.enabled()) {
      ctx.next();
      return;
    }
    String path = ctx.normalizedPath();
    PaperAccountState account;
    int weight = EndpointWeights.weight(path);
    if (SEND_TX.equals(path)) {
      account = txAccount(ctx.request().getFormAttribute("tx_info"));
    } else if (SEND_TX_BATCH.equals(path)) {
      JsonArray infos = array(ctx.request().getFormAttribute("tx_infos"));
      account = infos.isEmpty() ? null : txAccount(infos.getValue(0));
      weight = EndpointWeights.batch(infos.size());
    } else {
      account = tokenAccount(AccountEndpoints.token(ctx));
    }
    Optional<LimitRefusal> refusal = admit(ip(ctx.request().remoteAddress()), account, weight);
    if (refusal.isPresent()) {
      send(ctx, 429, PaperJson.error(refusal.get().code(), refusal.get().message()));
    } else {
      ctx.next();
    }
  }

  /** A transaction frame ({@code data} of {@code jsonapi/sendtx} or {@code jsonapi/sendtxbatch}) from {@code ip}. */
  Optional<LimitRefusal> admitTx(String ip, boolean batch, JsonObject data) {
    if (!limits.enabled()) {
      return Optional.empty();
    }
    if (!batch) {
      return admit(ip, txAccount(data.getValue("tx_info")), EndpointWeights.TX);
    }
    Object encoded = data.getValue("tx_infos");
    JsonArray infos = encoded instanceof JsonArray array ? array : array(encoded);
    return admit(ip, infos.isEmpty() ? null : txAccount(infos.getValue(0)), EndpointWeights.batch(infos.size()));
  }

  private Optional<LimitRefusal> admit(String ip, PaperAccountState account, int weight) {
    return account == null ? rest.admit(ip, null, limits.defaultTier(), weight)
      : rest.admit(ip, account.l1Address, tier(account.index), weight);
  }

  /** The WebSocket's limits; every call admits everything when limits are off. */
  Optional<LimitRefusal> connect(String ip) {
    return limits.enabled() ? stream.connect(ip) : Optional.empty();
  }

  void closed(String ip) {
    stream.closed(ip);
  }

  Optional<LimitRefusal> message(String ip) {
    return limits.enabled() ? stream.message(ip) : Optional.empty();
  }

  void answered(String ip) {
    stream.answered(ip);
  }

  Optional<LimitRefusal> subscribe(String ip, int connectionSubscriptions, long account) {
    return limits.enabled() ? stream.subscribe(ip, connectionSubscriptions, account) : Optional.empty();
  }

  void unsubscribed(String ip, long account) {
    stream.unsubscribed(ip, account);
  }

  AccountTier tier(long account) {
    return tiers.getOrDefault(account, limits.defaultTier());
  }

  void tier(long account, AccountTier tier) {
    tiers.put(account, tier);
  }

  /** What {@code GET /paper/limits} answers: the settings and the last minute's use. */
  JsonObject describe() {
    JsonObject ips = new JsonObject();
    rest.usedByIp().forEach((ip, used) -> ips.put(ip, new JsonObject().put("used", used)
      .put("limit", limits.defaultTier().weightPerMinute())));
    rest.refusedByIp().forEach((ip, refused) -> row(ips, ip).put("refused", refused));
    JsonObject l1 = new JsonObject();
    rest.usedByL1().forEach((address, used) -> l1.put(address, new JsonObject().put("used", used)));
    rest.refusedByL1().forEach((address, refused) -> row(l1, address).put("refused", refused));
    JsonObject streams = new JsonObject();
    stream.usage().forEach((ip, usage) -> streams.put(ip, new JsonObject().put("connections", usage.connections())
      .put("messages_last_minute", usage.messagesLastMinute()).put("inflight", usage.inflight())
      .put("accounts", usage.accounts())));
    JsonObject overrides = new JsonObject();
    tiers.forEach((account, tier) -> overrides.put(Long.toString(account), tier.wire()));
    return new JsonObject().put("enabled", limits.enabled()).put("default_tier", limits.defaultTier().wire())
      .put("account_tiers", overrides).put("rest_by_ip", ips).put("rest_by_l1_address", l1)
      .put("streams_by_ip", streams);
  }

  /** The key's row in {@code rows}, added with nothing used when the last minute spent nothing there. */
  private static JsonObject row(JsonObject rows, String key) {
    if (rows.getValue(key) instanceof JsonObject row) {
      return row;
    }
    JsonObject added = new JsonObject().put("used", 0);
    rows.put(key, added);
    return added;
  }

  /** The account of a valid auth token, null when there is none. */
  private PaperAccountState tokenAccount(String token) {
    if (token == null) {
      return null;
    }
    try {
      PaperAccountState account = engine.account(AuthToken.parse(token).accountIndex());
      return account != null && AccountEndpoints.validToken(token, account) ? account : null;
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  /** The existing account a transaction names ({@code tx_info} as a JSON string or object), null when none. */
  private PaperAccountState txAccount(Object info) {
    try {
      JsonObject tx = info instanceof JsonObject object ? object
        : info instanceof String text ? new JsonObject(text) : null;
      return tx != null && tx.getValue("AccountIndex") instanceof Number index ? engine.account(index.longValue())
        : null;
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  /** A JSON array encoded as a string, empty when it is not one. */
  private static JsonArray array(Object encoded) {
    try {
      return encoded instanceof String text ? new JsonArray(text) : new JsonArray();
    } catch (RuntimeException unreadable) {
      return new JsonArray();
    }
  }

  static String ip(SocketAddress address) {
    return address == null || address.host() == null ? "unknown" : address.host();
  }
}
