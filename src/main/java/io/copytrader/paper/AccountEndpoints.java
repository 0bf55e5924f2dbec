package io.copytrader.paper;

import static io.copytrader.lighter.LighterErrorCodes.ACCOUNT_NOT_FOUND;
import static io.copytrader.lighter.LighterErrorCodes.API_KEY_NOT_FOUND;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_PARAM;
import static io.copytrader.paper.PaperExchange.ALL_MARKETS;
import static io.copytrader.paper.PaperExchange.invalidParam;
import static io.copytrader.paper.PaperExchange.longParam;
import static io.copytrader.paper.PaperExchange.narrow;
import static io.copytrader.paper.PaperExchange.send;

import io.copytrader.lighter.limits.AccountTier;
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
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The paper exchange's account lookups: {@code account}, {@code accountsByL1Address}, {@code nextNonce},
 * {@code apikeys} and, with an auth token, {@code accountActiveOrders}, {@code accountInactiveOrders} and
 * {@code accountOrders}. They show what the sequencer has applied, as {@link Lookups} lets them see it. Confined to
 * the exchange's context.
 */
final class AccountEndpoints {

  private static final long MAX_AUTH_SECONDS = 8 * 3600;
  /** {@code accountOrders}' default {@code account_index}: the token's account. */
  private static final long TOKEN_ACCOUNT = 281_474_976_710_655L;

  private final PaperEngine engine;
  private final PaperJson json;
  private final Lookups lookups;
  private final LongFunction<AccountTier> tiers;
  private final LongSupplier clock;

  /** @param clock the exchange's time, which the lookups' lag is measured in */
  AccountEndpoints(PaperEngine engine, PaperJson json, Lookups lookups, LongFunction<AccountTier> tiers,
                   LongSupplier clock) {
    this.engine = engine;
    this.json = json;
    this.lookups = lookups;
    this.tiers = tiers;
    this.clock = clock;
  }

  void route(Router router) {
    router.get("/api/v1/account").handler(this::account);
    router.get("/api/v1/accountsByL1Address").handler(this::accountsByL1Address);
    router.get("/api/v1/accountActiveOrders").handler(this::activeOrders);
    router.get("/api/v1/accountInactiveOrders").handler(this::inactiveOrders);
    router.get("/api/v1/accountOrders").handler(this::ordersByClientIndex);
    router.get("/api/v1/nextNonce").handler(this::nextNonce);
    router.get("/api/v1/apikeys").handler(this::apiKeys);
    router.get("/api/v1/accountLimits").handler(this::accountLimits);
  }

  // ----- accounts

  private void account(RoutingContext ctx) {
    String by = ctx.queryParams().get("by");
    String value = ctx.queryParams().get("value");
    boolean activeOnly = Boolean.parseBoolean(ctx.queryParams().get("active_only"));
    List<PaperAccountState> found;
    if ("index".equals(by) && value != null && value.matches("\\d{1,18}")) {
      PaperAccountState account = engine.account(Long.parseLong(value));
      found = account == null ? List.of() : List.of(account);
    } else if ("l1_address".equals(by) && value != null) {
      found = engine.accounts().stream().filter(account -> account.l1Address.equalsIgnoreCase(value)).toList();
    } else {
      invalidParam(ctx);
      return;
    }
    if (found.isEmpty()) {
      send(ctx, 400, PaperJson.error(ACCOUNT_NOT_FOUND, "account not found"));
      return;
    }
    JsonArray accounts = new JsonArray();
    long now = clock.getAsLong();
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
    engine.accounts().stream().filter(account -> account.l1Address.equalsIgnoreCase(address))
      .forEach(account -> accounts.add(json.accountScalars(account)));
    if (accounts.isEmpty()) {
      send(ctx, 400, PaperJson.error(ACCOUNT_NOT_FOUND, "account not found"));
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
    PaperAccountState account = existing(ctx, engine, accountIndex);
    if (account == null) {
      return;
    }
    Long nonce = lookups.nonce(account, narrow(keyIndex), clock.getAsLong());
    if (nonce == null) {
      send(ctx, 400, PaperJson.error(API_KEY_NOT_FOUND, "api key not found"));
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
    PaperAccountState account = existing(ctx, engine, accountIndex);
    if (account == null) {
      return;
    }
    JsonArray keys = new JsonArray();
    long now = clock.getAsLong();
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
        clock.getAsLong())));
    });
  }

  /**
   * Newest first; filters {@code market_id} (255 all), {@code ask_filter} (1 asks, 0 bids, -1 both),
   * {@code between_timestamps} ({@code "<from>-<to>"}, inclusive, on the orders' {@code timestamp}, in seconds or
   * ms); {@code next_cursor} when more remain, to pass as {@code cursor} for the next page.
   */
  private void inactiveOrders(RoutingContext ctx) {
    authorized(ctx).ifPresent(account -> {
      Long limit = longParam(ctx, "limit");
      Long marketId = longParam(ctx, "market_id");
      Long askFilter = longParam(ctx, "ask_filter");
      long[] between = between(ctx.queryParams().get("between_timestamps"));
      String cursor = ctx.queryParams().get("cursor");
      if (limit == null || limit < 1 || limit > 100 || between == null
        || (cursor != null && !cursor.matches("\\d{1,18}"))) {
        invalidParam(ctx);
        return;
      }
      List<JsonObject> finished = lookups.finished(account, clock.getAsLong());
      int start = 0;
      if (cursor != null) {
        start = finished.size();
        for (int i = 0; i < finished.size(); i++) {
          if (finished.get(i).getLong("order_index") == Long.parseLong(cursor)) {
            start = i + 1;
          }
        }
      }
      List<JsonObject> matching = finished.subList(start, finished.size()).stream()
        .filter(order -> marketId == null || marketId == ALL_MARKETS
          || order.getLong("market_index") == marketId.longValue())
        .filter(order -> askFilter == null || askFilter == -1 || order.getBoolean("is_ask") == (askFilter == 1))
        .filter(order -> order.getLong("timestamp") >= between[0] && order.getLong("timestamp") <= between[1])
        .limit(limit + 1).toList();
      JsonObject body = orders(matching.subList(0, (int) Math.min(limit, matching.size())));
      if (matching.size() > limit) {
        body.put("next_cursor", Long.toString(matching.get(limit.intValue() - 1).getLong("order_index")));
      }
      send(ctx, 200, body);
    });
  }

  /** {@code "<from>-<to>"} as seconds, {@code {0, MAX}} when absent, null when malformed. */
  private static long[] between(String value) {
    if (value == null) {
      return new long[] {0, Long.MAX_VALUE};
    }
    if (!value.matches("\\d{1,16}-\\d{1,16}")) {
      return null;
    }
    String[] bounds = value.split("-");
    return new long[] {seconds(Long.parseLong(bounds[0])), seconds(Long.parseLong(bounds[1]))};
  }

  /** Seconds, from seconds or from ms (a value past the year 5000 in seconds). */
  private static long seconds(long value) {
    return value > 100_000_000_000L ? value / 1000 : value;
  }

  /** {@code account_index} may be left out (or 281474976710655): the auth token's account (the spec's default). */
  private void ordersByClientIndex(RoutingContext ctx) {
    Long accountIndex = longParam(ctx, "account_index");
    Long tokenAccount = tokenAccount(ctx);
    if (accountIndex == null || accountIndex == TOKEN_ACCOUNT) {
      if (ctx.queryParams().get("account_index") != null && accountIndex == null) {
        invalidParam(ctx);
        return;
      }
      if (tokenAccount == null) {
        send(ctx, 400, PaperJson.error(INVALID_PARAM, "invalid auth token"));
        return;
      }
      accountIndex = tokenAccount;
    }
    authorized(ctx, engine, accountIndex).ifPresent(account -> {
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
      long now = clock.getAsLong();
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

  /**
   * What the account may do (docs/lighter-api.md, "Accounts and limits"): no liquidity pool, its rate-limit tier,
   * the markets' fees (none), no LIT leased or staked.
   */
  private void accountLimits(RoutingContext ctx) {
    authorized(ctx).ifPresent(account -> send(ctx, 200, PaperJson.ok()
      .put("max_llp_percentage", 0).put("max_llp_amount", "0").put("user_tier", tiers.apply(account.index).code())
      .put("can_create_public_pool", false).put("user_tier_name", tiers.apply(account.index).wire())
      .put("current_maker_fee_tick", 0).put("current_taker_fee_tick", 0)
      .put("leased_lit", "0").put("effective_lit_stakes", "0")));
  }

  /** The account of a well-formed, unexpired auth token signed by one of its registered keys. */
  private Optional<PaperAccountState> authorized(RoutingContext ctx) {
    Long accountIndex = longParam(ctx, "account_index");
    if (accountIndex == null) {
      invalidParam(ctx);
      return Optional.empty();
    }
    return authorized(ctx, engine, accountIndex);
  }

  /**
   * The auth token, from the {@code Authorization} header or the spec's query parameters {@code authorization} and
   * {@code auth}; null when none is given.
   */
  static String token(RoutingContext ctx) {
    String token = ctx.request().getHeader("Authorization");
    if (token == null) {
      token = ctx.queryParams().get("authorization");
    }
    return token != null ? token : ctx.queryParams().get("auth");
  }

  /** The account a token names, null when there is no token or it is malformed (its signature is checked later). */
  private static Long tokenAccount(RoutingContext ctx) {
    String token = token(ctx);
    try {
      return token == null ? null : AuthToken.parse(token).accountIndex();
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  /** The account with that index; when there is none, answers 400 "account not found" and returns null. */
  private static PaperAccountState existing(RoutingContext ctx, PaperEngine engine, long accountIndex) {
    PaperAccountState account = engine.account(accountIndex);
    if (account == null) {
      send(ctx, 400, PaperJson.error(ACCOUNT_NOT_FOUND, "account not found"));
    }
    return account;
  }

  /** The account, when the request carries a valid token for it; else answers 400 and returns empty. */
  static Optional<PaperAccountState> authorized(RoutingContext ctx, PaperEngine engine, long accountIndex) {
    String token = token(ctx);
    PaperAccountState account = existing(ctx, engine, accountIndex);
    if (account == null) {
      return Optional.empty();
    }
    if (token == null || !validToken(token, account)) {
      send(ctx, 400, PaperJson.error(INVALID_PARAM, "invalid auth token"));
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
