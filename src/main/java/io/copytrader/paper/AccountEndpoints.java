package io.copytrader.paper;

import static io.copytrader.paper.PaperExchange.ALL_MARKETS;
import static io.copytrader.paper.PaperExchange.invalidParam;
import static io.copytrader.paper.PaperExchange.longParam;
import static io.copytrader.paper.PaperExchange.narrow;
import static io.copytrader.paper.PaperExchange.send;

import io.copytrader.lighter.signer.AuthToken;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The paper exchange's account lookups: {@code account}, {@code accountsByL1Address}, {@code nextNonce},
 * {@code apikeys} and, with an auth token, {@code accountActiveOrders}, {@code accountInactiveOrders} and
 * {@code accountOrders}. They show what the sequencer has applied, as {@link Lookups} lets them see it. Confined to
 * the exchange's context.
 */
final class AccountEndpoints {

  private static final long MAX_AUTH_SECONDS = 8 * 3600;

  private final PaperEngine engine;
  private final PaperJson json;
  private final Lookups lookups;

  AccountEndpoints(PaperEngine engine, PaperJson json, Lookups lookups) {
    this.engine = engine;
    this.json = json;
    this.lookups = lookups;
  }

  void route(Router router) {
    router.get("/api/v1/account").handler(this::account);
    router.get("/api/v1/accountsByL1Address").handler(this::accountsByL1Address);
    router.get("/api/v1/accountActiveOrders").handler(this::activeOrders);
    router.get("/api/v1/accountInactiveOrders").handler(this::inactiveOrders);
    router.get("/api/v1/accountOrders").handler(this::ordersByClientIndex);
    router.get("/api/v1/nextNonce").handler(this::nextNonce);
    router.get("/api/v1/apikeys").handler(this::apiKeys);
  }

  // ----- accounts

  private void account(RoutingContext ctx) {
    String by = ctx.queryParams().get("by");
    String value = ctx.queryParams().get("value");
    boolean activeOnly = Boolean.parseBoolean(ctx.queryParams().get("active_only"));
    List<PaperAccountState> found;
    if ("index".equals(by) && value != null && value.matches("\\d{1,18}")) {
      PaperAccountState account = engine.accounts.get(Long.parseLong(value));
      found = account == null ? List.of() : List.of(account);
    } else if ("l1_address".equals(by) && value != null) {
      found = engine.accounts.values().stream().filter(account -> account.l1Address.equalsIgnoreCase(value)).toList();
    } else {
      invalidParam(ctx);
      return;
    }
    if (found.isEmpty()) {
      send(ctx, 400, PaperJson.error(21100, "account not found"));
      return;
    }
    JsonArray accounts = new JsonArray();
    long now = System.currentTimeMillis();
    found.forEach(account -> accounts.add(lookups.account(account, activeOnly, now)));
    send(ctx, 200, PaperJson.ok().put("total", accounts.size()).put("accounts", accounts));
  }

  private void accountsByL1Address(RoutingContext ctx) {
    String address = ctx.queryParams().get("l1_address");
    if (address == null) {
      invalidParam(ctx);
      return;
    }
    JsonArray accounts = new JsonArray();
    engine.accounts.values().stream().filter(account -> account.l1Address.equalsIgnoreCase(address))
      .forEach(account -> accounts.add(json.accountScalars(account)));
    if (accounts.isEmpty()) {
      send(ctx, 400, PaperJson.error(21100, "account not found"));
      return;
    }
    send(ctx, 200, PaperJson.ok().put("l1_address", address).put("sub_accounts", accounts));
  }

  private void nextNonce(RoutingContext ctx) {
    Long accountIndex = longParam(ctx, "account_index");
    Long keyIndex = longParam(ctx, "api_key_index");
    if (accountIndex == null || keyIndex == null) {
      invalidParam(ctx);
      return;
    }
    PaperAccountState account = engine.accounts.get(accountIndex);
    if (account == null) {
      send(ctx, 400, PaperJson.error(21100, "account not found"));
      return;
    }
    Long nonce = lookups.nonce(account, narrow(keyIndex), System.currentTimeMillis());
    if (nonce == null) {
      send(ctx, 400, PaperJson.error(21109, "api key not found"));
      return;
    }
    send(ctx, 200, PaperJson.ok().put("nonce", nonce));
  }

  private void apiKeys(RoutingContext ctx) {
    Long accountIndex = longParam(ctx, "account_index");
    Long keyIndex = longParam(ctx, "api_key_index");
    if (accountIndex == null) {
      invalidParam(ctx);
      return;
    }
    PaperAccountState account = engine.accounts.get(accountIndex);
    if (account == null) {
      send(ctx, 400, PaperJson.error(21100, "account not found"));
      return;
    }
    JsonArray keys = new JsonArray();
    long now = System.currentTimeMillis();
    account.keys.forEach((index, publicKey) -> {
      if (keyIndex == null || keyIndex == 255 || keyIndex == index.longValue()) {
        keys.add(new JsonObject().put("account_index", account.index).put("api_key_index", index)
          .put("nonce", lookups.nonce(account, index, now)).put("public_key", publicKey).put("transaction_time", 0));
      }
    });
    send(ctx, 200, PaperJson.ok().put("api_keys", keys));
  }

  // ----- orders (authenticated)

  private void activeOrders(RoutingContext ctx) {
    authorized(ctx).ifPresent(account -> {
      Long marketId = longParam(ctx, "market_id");
      send(ctx, 200, orders(lookups.live(account, marketId == null || marketId == ALL_MARKETS ? null : narrow(marketId),
        System.currentTimeMillis())));
    });
  }

  private void inactiveOrders(RoutingContext ctx) {
    authorized(ctx).ifPresent(account -> {
      Long limit = longParam(ctx, "limit");
      Long marketId = longParam(ctx, "market_id");
      if (limit == null || limit < 1 || limit > 100) {
        invalidParam(ctx);
        return;
      }
      send(ctx, 200, orders(lookups.finished(account, System.currentTimeMillis()).stream()
        .filter(order -> marketId == null || marketId == ALL_MARKETS
          || order.getLong("market_index") == marketId.longValue())
        .limit(limit).toList()));
    });
  }

  private void ordersByClientIndex(RoutingContext ctx) {
    authorized(ctx).ifPresent(account -> {
      String list = ctx.queryParams().get("client_order_indexes");
      Set<Long> wanted;
      try {
        wanted = Arrays.stream(list.split(",")).map(String::strip).map(Long::parseLong).collect(Collectors.toSet());
      } catch (RuntimeException e) {
        invalidParam(ctx);
        return;
      }
      if (wanted.isEmpty() || wanted.size() > 20) {
        invalidParam(ctx);
        return;
      }
      long now = System.currentTimeMillis();
      List<JsonObject> orders = new ArrayList<>();
      lookups.live(account, null, now).stream().filter(order -> wanted.contains(order.getLong("client_order_index")))
        .forEach(orders::add);
      lookups.finished(account, now).stream().filter(order -> wanted.contains(order.getLong("client_order_index")))
        .forEach(orders::add);
      send(ctx, 200, orders(orders));
    });
  }

  private static JsonObject orders(List<JsonObject> orders) {
    return PaperJson.ok().put("orders", new JsonArray(new ArrayList<>(orders)));
  }

  /** The account of a well-formed, unexpired auth token signed by one of its registered keys. */
  private Optional<PaperAccountState> authorized(RoutingContext ctx) {
    Long accountIndex = longParam(ctx, "account_index");
    if (accountIndex == null) {
      invalidParam(ctx);
      return Optional.empty();
    }
    String token = ctx.request().getHeader("Authorization");
    if (token == null) {
      token = ctx.queryParams().get("auth");
    }
    PaperAccountState account = engine.accounts.get(accountIndex);
    if (account == null) {
      send(ctx, 400, PaperJson.error(21100, "account not found"));
      return Optional.empty();
    }
    if (token == null || !validToken(token, account)) {
      send(ctx, 400, PaperJson.error(20001, "invalid auth token"));
      return Optional.empty();
    }
    return Optional.of(account);
  }

  static boolean validToken(String token, PaperAccountState account) {
    try {
      AuthToken.Parsed parsed = AuthToken.parse(token);
      long now = System.currentTimeMillis() / 1000;
      String key = account.keys.get(parsed.apiKeyIndex());
      if (parsed.accountIndex() != account.index || key == null || parsed.deadlineEpochSeconds() <= now
        || parsed.deadlineEpochSeconds() > now + MAX_AUTH_SECONDS) {
        return false;
      }
      // A client reuses one token for minutes; verifying its signature once per key saves a Schnorr check
      // (about 250 µs) on every authenticated read.
      if (key.equals(account.verifiedTokens.get(token))) {
        return true;
      }
      boolean valid = parsed.verify(HexFormat.of().parseHex(key));
      if (valid) {
        account.rememberVerifiedToken(token, key);
      }
      return valid;
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }
}
