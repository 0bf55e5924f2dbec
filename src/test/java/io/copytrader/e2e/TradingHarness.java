package io.copytrader.e2e;

import io.copytrader.testing.Configs;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.MainVerticle;
import io.copytrader.config.AppConfig;
import io.copytrader.config.ConfigException;
import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.DetailedAccount;
import io.copytrader.lighter.EnrichedTx;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.LighterClientOptions;
import io.copytrader.lighter.Order;
import io.copytrader.lighter.limits.AccountTier;
import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.LighterTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.lighter.signer.TxSigner;
import io.copytrader.paper.PaperAccount;
import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperExchange;
import io.copytrader.testing.FakeTelegram;
import io.copytrader.testing.TestLimits;
import io.copytrader.testing.TestRails;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

/**
 * The whole service, deployed as in production by {@link MainVerticle}, trading live against an in-process
 * paper exchange and reporting to a recording Telegram endpoint. Each test takes an account of its own, so
 * tests sharing one service never see each other's positions; the exchange's fault controls are global and
 * must be cleared by the test that sets them.
 */
final class TradingHarness {

  static final String API_KEY = "e2e-service-key";
  static final String BOT_TOKEN = "123456789:e2e-bot-token";
  static final String CHAT_ID = "-1001234567890";
  static final BigDecimal COLLATERAL = new BigDecimal("10000");
  /** ETH on the paper exchange: market 0, 4 size decimals, 2 price decimals, 5% initial margin, mid 3000. */
  static final int ETH = 0;
  static final int BTC = 1;
  static final BigDecimal ETH_MID = new BigDecimal("3000.00");
  static final Set<String> FINAL_STATES = Set.of("filled", "partially_filled", "rejected", "failed", "expired",
    "refused", "completed");

  private static final Duration FINAL_STATE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration TELEGRAM_TIMEOUT = Duration.ofSeconds(30);
  private static final long FIRST_ACCOUNT_INDEX = 7001;

  /** One configured account: its index on the exchange and its API key. */
  record TestAccount(long index, ApiKey key) {

    String authToken() {
      return AuthToken.create(key, index, 0, System.currentTimeMillis() / 1000 + 600);
    }
  }

  private final Vertx vertx;
  private final List<TestAccount> accounts;
  private final PaperExchange paper;
  private final FakeTelegram telegram;
  private final Map<String, String> env;
  private final Path dir;
  private MainVerticle service;
  private String serviceDeployment;
  private final WebClient web;
  private final LighterClient exchange;
  private final TxSigner signer = new TxSigner(TxSigner.MAINNET_CHAIN_ID);
  private int handedOut;

  private TradingHarness(Vertx vertx, List<TestAccount> accounts, PaperExchange paper, FakeTelegram telegram,
                         Map<String, String> env, Path dir) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.paper = paper;
    this.telegram = telegram;
    this.env = Map.copyOf(env);
    this.dir = dir;
    // Room for every request of a concurrent burst to be in flight at once.
    this.web = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(32));
    // A breaker that never opens: the tests read the exchange after injected faults too. Budgeted at the tier the
    // paper exchange enforces (TestLimits): at the premium tier a test class's polls filled the client's own minute
    // of reads, and a probe then waited up to a minute for room in it.
    this.exchange = new LighterClient(vertx, LighterClientOptions.defaults(paper.baseUrl())
      .withBreaker(1_000_000, Duration.ofSeconds(1)), AccountTier.BUILDER);
  }

  /**
   * Starts the paper exchange with {@code accountCount} funded accounts, the Telegram recorder and the service
   * configured for them; {@code overrides} replace or add environment variables.
   */
  static TradingHarness start(Vertx vertx, Path dir, int accountCount, Map<String, String> overrides)
    throws ConfigException {
    return start(vertx, dir, Collections.nCopies(accountCount, new JsonObject()), overrides);
  }

  /**
   * {@link #start(Vertx, Path, int, Map)} with one account per entry of {@code accountFields}, each entry's fields
   * (an account's own settings, such as its rails) added to the account's {@code ACCOUNTS} entry.
   */
  static TradingHarness start(Vertx vertx, Path dir, List<JsonObject> accountFields, Map<String, String> overrides)
    throws ConfigException {
    return start(vertx, dir, accountFields, overrides, UnaryOperator.identity());
  }

  /** {@link #start(Vertx, Path, List, Map)} on a paper exchange configured as {@code paperConfig} makes it. */
  static TradingHarness start(Vertx vertx, Path dir, List<JsonObject> accountFields, Map<String, String> overrides,
                              UnaryOperator<PaperConfig> paperConfig) throws ConfigException {
    TradingHarness harness = withoutService(vertx, dir, accountFields, overrides, paperConfig);
    harness.deployService();
    return harness;
  }

  /**
   * The paper exchange, its accounts and the Telegram recorder, without a service: the test deploys its instances
   * with {@link #node}.
   */
  static TradingHarness withoutService(Vertx vertx, Path dir, List<JsonObject> accountFields,
                                       Map<String, String> overrides, UnaryOperator<PaperConfig> paperConfig) {
    int accountCount = accountFields.size();
    SecureRandom random = new SecureRandom();
    List<TestAccount> accounts = new ArrayList<>();
    List<PaperAccount> paperAccounts = new ArrayList<>();
    JsonArray configured = new JsonArray();
    for (int i = 0; i < accountCount; i++) {
      byte[] secret = new byte[40];
      random.nextBytes(secret);
      String privateKeyHex = HexFormat.of().formatHex(secret);
      ApiKey key = ApiKey.parse(privateKeyHex);
      long index = FIRST_ACCOUNT_INDEX + i;
      accounts.add(new TestAccount(index, key));
      paperAccounts.add(new PaperAccount(index, String.format("0x%040x", index), COLLATERAL,
        Map.of(0, key.publicKeyHex())));
      configured.add(accountFields.get(i).copy().put("account_index", index).put("api_key_index", 0)
        .put("private_key", privateKeyHex));
    }
    PaperExchange paper = new PaperExchange(paperConfig.apply(
      TestLimits.builderTier(PaperConfig.defaults().withAccounts(paperAccounts))));
    vertx.deployVerticle(paper).await();
    FakeTelegram telegram = new FakeTelegram(vertx, BOT_TOKEN).start();
    Map<String, String> env = new HashMap<>();
    env.put("MODE", "live");
    env.put("BASE_URL", paper.baseUrl());
    env.put("CHAIN_ID", String.valueOf(PaperConfig.defaults().chainId()));
    env.put("ACCOUNTS", configured.encode());
    env.put("API_KEY", API_KEY);
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("HTTP_PORT", "0");
    env.put("DATA_DIR", dir.resolve("data").toString());
    env.put("TELEGRAM_BOT_API_KEY", BOT_TOKEN);
    env.put("TELEGRAM_GROUP_ID", CHAT_ID);
    env.put("TELEGRAM_API_URL", telegram.url());
    env.put("LIGHTER_ACCOUNT_TIER", TestLimits.SERVICE_TIER);
    env.put("RETRY_INTERVAL", "1");
    env.put("MAX_RETRIES", "2");
    env.putAll(TestRails.WIDE);
    env.putAll(overrides);
    return new TradingHarness(vertx, List.copyOf(accounts), paper, telegram, env, dir);
  }

  private void deployService() throws ConfigException {
    service = new MainVerticle(Configs.load(env, dir));
    serviceDeployment = vertx.deployVerticle(service).await();
  }

  /**
   * Stops the service as abruptly as the process allows (no drain, no grace unless SHUTDOWN_GRACE says so) and
   * starts a new instance on the same journal, exchange and Telegram endpoint.
   */
  void restartService() throws ConfigException {
    vertx.undeploy(serviceDeployment).await();
    deployService();
  }

  /**
   * Deploys one more service instance, configured as the harness's with {@code overrides}, on {@code nodeVertx} (a
   * node of its own, sharing the exchange and the journal the settings name); the API calls go to it from now on.
   */
  MainVerticle node(Vertx nodeVertx, Map<String, String> overrides) throws ConfigException {
    Map<String, String> nodeEnv = new HashMap<>(env);
    nodeEnv.putAll(overrides);
    MainVerticle node = new MainVerticle(Configs.load(nodeEnv, dir));
    nodeVertx.deployVerticle(node).await();
    service = node;
    return node;
  }

  /** Sends the API calls to {@code node} from now on. */
  void talkTo(MainVerticle node) {
    service = node;
  }

  /** The configuration the service runs with. */
  AppConfig serviceConfig() {
    return service.effectiveConfig();
  }

  /** An account no other test has traded. */
  TestAccount freshAccount() {
    assertThat(handedOut).as("accounts configured for this test class").isLessThan(accounts.size());
    return accounts.get(handedOut++);
  }

  /** The account configured {@code position}-th, for tests that configure each account for a case of its own. */
  TestAccount account(int position) {
    return accounts.get(position);
  }

  // ----- the service's HTTP API

  HttpRequest<Buffer> api(HttpMethod method, String path) {
    return web.request(method, service.httpPort(), "127.0.0.1", path).putHeader("X-API-Key", API_KEY);
  }

  /** A request without the API key, as a webhook's sender makes it. */
  HttpRequest<Buffer> withoutKey(HttpMethod method, String path) {
    return web.request(method, service.httpPort(), "127.0.0.1", path);
  }

  int httpPort() {
    return service.httpPort();
  }

  HttpResponse<Buffer> post(String path, JsonObject body) {
    return api(HttpMethod.POST, path).sendJsonObject(body).await();
  }

  HttpResponse<Buffer> get(String path) {
    return api(HttpMethod.GET, path).send().await();
  }

  /** A POST or GET that must answer 200, and its body. */
  /** The account's entry in {@code /health}'s checks; null while the account does not answer there. */
  JsonObject accountHealth(TestAccount account) {
    return get("/health").bodyAsJsonObject().getJsonObject("checks").getJsonObject("accounts")
      .getJsonObject(String.valueOf(account.index()));
  }

  JsonObject ok(HttpMethod method, String path, JsonObject body) {
    HttpResponse<Buffer> response = method == HttpMethod.GET ? get(path) : post(path, body);
    assertThat(response.statusCode()).as("%s %s %s -> %s", method, path, body, response.bodyAsString())
      .isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  /** The kill switch as {@code GET /api/rails} shows it. */
  JsonObject killSwitch() {
    return ok(HttpMethod.GET, "/api/rails", null).getJsonObject("kill_switch");
  }

  /** Posts a trade or adjustment that must be accepted, and returns its request id. */
  String submit(String path, JsonObject body) {
    HttpResponse<Buffer> response = post(path, body);
    assertThat(response.statusCode()).as("%s %s -> %s", path, body, response.bodyAsString()).isEqualTo(202);
    JsonObject accepted = response.bodyAsJsonObject();
    assertThat(accepted.getString("status")).isEqualTo("success");
    return accepted.getString("request_id");
  }

  String trade(TestAccount account, String symbol, String type, String ratio) {
    return submit("/api/trade", tradeBody(account, symbol, type, ratio));
  }

  String adjust(TestAccount account, String symbol, String type, String percentage) {
    return submit("/api/trade/adjust", adjustBody(account, symbol, type, percentage));
  }

  static JsonObject tradeBody(TestAccount account, String symbol, String type, String ratio) {
    JsonObject body = new JsonObject().put("account_index", account.index()).put("symbol", symbol)
      .put("trade_type", type);
    return ratio == null ? body : body.put("reference_position_ratio", new BigDecimal(ratio));
  }

  static JsonObject adjustBody(TestAccount account, String symbol, String type, String percentage) {
    return new JsonObject().put("account_index", account.index()).put("symbol", symbol)
      .put("adjustment_type", type).put("percentage", new BigDecimal(percentage));
  }

  JsonObject requestStatus(String requestId) {
    HttpResponse<Buffer> response = get("/api/trade/" + requestId);
    assertThat(response.statusCode()).as("GET /api/trade/%s -> %s", requestId, response.bodyAsString())
      .isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  /** The request once it reached a final state, polled through the status endpoint. */
  JsonObject awaitFinal(String requestId) {
    return eventually("request " + requestId + " to reach a final state", FINAL_STATE_TIMEOUT,
      () -> requestStatus(requestId), status -> FINAL_STATES.contains(status.getString("state")));
  }

  /** Submits, waits for the final state and requires it to be {@code filled}. */
  JsonObject filled(String requestId) {
    JsonObject status = awaitFinal(requestId);
    assertThat(status.getString("state")).as("request %s: %s", requestId, status.encodePrettily())
      .isEqualTo("filled");
    return status;
  }

  static List<JsonObject> orders(JsonObject status, String purpose) {
    List<JsonObject> found = new ArrayList<>();
    status.getJsonArray("orders").forEach(order -> {
      if (purpose.equals(((JsonObject) order).getString("purpose"))) {
        found.add((JsonObject) order);
      }
    });
    return found;
  }

  /**
   * The request opened an ETH position of {@code size} with exactly one order on the exchange, however many
   * attempts it took, and reported the opening once and no failure.
   */
  JsonObject assertOneOpeningFill(TestAccount account, String requestId, String size) {
    JsonObject status = filled(requestId);
    List<JsonObject> entries = orders(status, "entry");
    assertThat(entries).isNotEmpty();
    long clientOrderIndex = entries.get(0).getLong("client_order_index");
    assertThat(entries).extracting(entry -> entry.getLong("client_order_index")).containsOnly(clientOrderIndex);
    List<Order> onExchange = ordersByClientIndex(account, List.of(clientOrderIndex));
    assertThat(onExchange).hasSize(1);
    assertThat(onExchange.get(0).filledBaseAmount()).isEqualByComparingTo(size);
    assertThat(signedPosition(account, ETH)).isEqualByComparingTo(size);
    awaitTelegram(requestId, "Position opened");
    assertThat(telegramFor(requestId)).filteredOn(text -> text.contains("<b>Position opened</b>")).hasSize(1);
    assertThat(telegramFor(requestId)).noneMatch(text -> text.contains("Trade failed"));
    return status;
  }

  // ----- the exchange, read directly

  /**
   * Reads the account's position in {@code marketId}, then its orders, until the request ends; each reading with a
   * position and, read after it, no armed stop-loss is returned. A stop-loss read after the position existed at its
   * reading too, since nothing the service does removes one before a replacement covers the position.
   */
  List<String> nakedReadings(TestAccount account, int marketId, String requestId) {
    List<String> naked = new ArrayList<>();
    int readings = 0;
    while (!FINAL_STATES.contains(requestStatus(requestId).getString("state"))) {
      BigDecimal position = signedPosition(account, marketId);
      List<Order> armed = stopLosses(account, marketId).stream()
        .filter(order -> !"parent-order".equals(order.triggerStatus())).toList();
      readings++;
      if (position.signum() != 0 && armed.isEmpty()) {
        naked.add("reading " + readings + ": position " + position.toPlainString() + " without a stop-loss");
      }
    }
    return naked;
  }

  DetailedAccount exchangeAccount(TestAccount account) {
    return exchange.account(account.index()).await();
  }

  /** The account's open position in the market: positive long, negative short, zero flat. */
  BigDecimal signedPosition(TestAccount account, int marketId) {
    return exchangeAccount(account).position(marketId).map(AccountPosition::signedPosition).orElse(BigDecimal.ZERO);
  }

  Optional<AccountPosition> position(TestAccount account, int marketId) {
    return exchangeAccount(account).position(marketId).filter(AccountPosition::open);
  }

  List<Order> activeOrders(TestAccount account, int marketId) {
    return exchange.accountActiveOrders(account.index(), marketId, account::authToken).await().orders();
  }

  List<Order> stopLosses(TestAccount account, int marketId) {
    return activeOrders(account, marketId).stream().filter(Order::stopLoss).toList();
  }

  /** The exchange's record of orders by client order index, live or finished. */
  List<Order> ordersByClientIndex(TestAccount account, List<Long> clientOrderIndexes) {
    return exchange.accountOrders(account.index(), clientOrderIndexes, account::authToken).await().orders();
  }

  /**
   * The account's finished market orders in {@code marketId} that filled (newest 100), as the exchange lists them:
   * what counts the trades that really happened, whatever the journal says.
   */
  List<JsonObject> filledMarketOrders(TestAccount account, int marketId) {
    JsonObject reply = web.getAbs(paper.baseUrl() + "/api/v1/accountInactiveOrders")
      .addQueryParam("account_index", String.valueOf(account.index())).addQueryParam("market_id",
        String.valueOf(marketId)).addQueryParam("limit", "100").addQueryParam("auth", account.authToken())
      .send().await().bodyAsJsonObject();
    return reply.getJsonArray("orders").stream().map(JsonObject.class::cast)
      .filter(order -> "market".equals(order.getString("type")))
      .filter(order -> new BigDecimal(order.getString("filled_base_amount")).signum() > 0).toList();
  }

  /** A transaction the exchange received, by hash. */
  EnrichedTx exchangeTx(String hash) {
    return exchange.tx(hash).await();
  }

  /** Signs a transaction with the account's own key and sends it, as someone else holding the key would. */
  void sendDirectly(TestAccount account, LongFunction<LighterTx> build) {
    SignedTx signed = signer.sign(account.key(), build.apply(exchange.nextNonce(account.index(), 0).await()));
    exchange.sendTx(signed.txType(), signed.txInfo()).await();
    paper.sequencerIdle().await(); // applied a moment after acceptance, as by Lighter's sequencer
  }

  /** Sells 0.5 ETH at market with the account's own key: a short the service did not open. */
  void shortOutsideTheService(TestAccount account) {
    sendDirectly(account, nonce -> new CreateOrderTx(account.index(), 0, ETH, 0, 5_000, 2_900_00, 1,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, expiredAt(), nonce,
      TxAttributes.none()));
  }

  /** A transaction deadline for {@link #sendDirectly}. */
  static long expiredAt() {
    return System.currentTimeMillis() + Duration.ofMinutes(10).toMillis();
  }

  /** The account's protection runs as the status endpoint shows them (with their orders), newest first. */
  List<JsonObject> protectionRuns(TestAccount account) {
    JsonObject page = get("/api/trades?account_index=" + account.index() + "&limit=100").bodyAsJsonObject();
    List<JsonObject> runs = new ArrayList<>();
    page.getJsonArray("requests").forEach(listed -> {
      JsonObject request = (JsonObject) listed;
      if ("protection".equals(request.getString("kind"))) {
        runs.add(requestStatus(request.getString("request_id")));
      }
    });
    return runs;
  }

  /** Every message sent so far about the account with {@code title}. */
  List<String> telegramAbout(TestAccount account, String title) {
    return telegramTexts().stream().filter(text -> text.contains("<b>" + title + "</b>")
      && text.contains("<b>Account:</b> #" + account.index() + "\n")).toList();
  }

  // ----- paper exchange controls

  JsonObject paperControl(HttpMethod method, String path, JsonObject body) {
    HttpRequest<Buffer> request = web.request(method, paper.port(), "127.0.0.1", path);
    HttpResponse<Buffer> response = (body == null ? request.send() : request.sendJsonObject(body)).await();
    assertThat(response.statusCode()).as("%s %s -> %s", method, path, response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  void setMid(int marketId, String price) {
    paperControl(HttpMethod.POST, "/paper/markets/" + marketId + "/price", new JsonObject().put("price", price));
  }

  void injectFaults(JsonObject faults) {
    paperControl(HttpMethod.POST, "/paper/faults", faults);
  }

  void clearFaults() {
    paperControl(HttpMethod.DELETE, "/paper/faults", null);
  }

  void resetExchangeRequests() {
    paperControl(HttpMethod.DELETE, "/paper/requests", null);
  }

  long exchangeRequests(String path) {
    return paperControl(HttpMethod.GET, "/paper/requests", null).getLong(path, 0L);
  }

  // ----- Telegram

  List<String> telegramTexts() {
    return telegram.texts();
  }

  List<FakeTelegram.Received> telegramSent() {
    return telegram.received();
  }

  /** The message about {@code requestId} whose title is {@code title}, once the notifier has sent it. */
  String awaitTelegram(String requestId, String title) {
    return eventually("a Telegram message '" + title + "' for " + requestId, TELEGRAM_TIMEOUT,
      () -> telegramFor(requestId).stream().filter(text -> text.contains("<b>" + title + "</b>")).findFirst(),
      Optional::isPresent).orElseThrow();
  }

  /** Every message sent so far that names {@code requestId}. */
  List<String> telegramFor(String requestId) {
    return telegramTexts().stream().filter(text -> text.contains("<b>Request:</b> " + requestId)).toList();
  }
}
