package io.copytrader.lighter;

import java.util.Locale;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.copytrader.lighter.budget.BudgetGate;
import io.copytrader.lighter.budget.BudgetScope;
import io.copytrader.lighter.budget.CallPriority;
import io.copytrader.lighter.limits.AccountTier;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed, non-blocking access to Lighter's REST API: market data, accounts, orders, nonces, keys, transactions, sends.
 *
 * <p>Every call goes through one circuit breaker for the exchange. The breaker never retries (a send is not idempotent)
 * and counts only failures that say something about the exchange's health: transport errors, timeouts, HTTP 5xx and
 * unreadable responses. A business rejection (a result code on HTTP 400 or 200) proves the exchange is up and does
 * not count, nor does a rate limit (429/405), which the budget below backs off from. Failures are always
 * {@link LighterException}s.
 *
 * <p>Every call also waits for its room in Lighter's rate limits ({@link BudgetGate}), which one instance shares among
 * all its callers: a call counts against the L1 address when it is authenticated (an auth token, a signed
 * transaction), else against the IP, and goes by its {@link CallPriority}: the one a caller chose with {@link #at},
 * or else the endpoint's own (sends and {@code nextNonce} as {@link CallPriority#SEND}, like the reads a request
 * makes on its way to a send; {@code tx} and {@code accountOrders} as {@link CallPriority#CONFIRM}; the market lists
 * and {@code apikeys} as {@link CallPriority#PERIODIC}). A 429 makes the budget back off. One instance is shared by
 * all verticles; it holds no per-call state and may be called from any context.
 */
public final class LighterClient implements TradingApi, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LighterClient.class);
  private static final String API = "/api/v1/";
  private static final int MAX_CLIENT_ORDER_INDEXES = 20;
  private static final int IDLE_CONNECTION_SECONDS = 20;

  private static final ObjectReader STATUS = LighterJson.reader(ExchangeStatus.class);
  private static final ObjectReader ORDER_BOOKS = LighterJson.listReader(OrderBook.class);
  private static final ObjectReader ORDER_BOOK_DETAILS = LighterJson.listReader(OrderBookDetail.class);
  private static final ObjectReader BOOK_ORDERS = LighterJson.reader(OrderBookOrders.class);
  private static final ObjectReader ACCOUNTS = LighterJson.listReader(DetailedAccount.class);
  private static final ObjectReader ORDER_PAGE = LighterJson.reader(OrderPage.class);
  private static final ObjectReader API_KEYS = LighterJson.listReader(ApiKeyInfo.class);
  private static final ObjectReader TX = LighterJson.reader(EnrichedTx.class);
  private static final ObjectReader SEND_TX = LighterJson.reader(SendTxResult.class);

  private final WebClient web;
  private final TxPost txPost;
  private final CircuitBreaker breaker;
  private final String basePath;
  private final long requestTimeoutMs;
  private final List<Consumer<CircuitBreakerState>> breakerListeners;
  private final List<BiConsumer<String, String>> callListeners;
  private final BudgetGate budget;
  /** The priority every call of this view goes by; null for each endpoint's own. */
  private final CallPriority priority;

  /** A client budgeting the {@link AccountTier#PREMIUM} tier, the service's default. */
  public LighterClient(Vertx vertx, LighterClientOptions options) {
    this(vertx, options, AccountTier.PREMIUM);
  }

  public LighterClient(Vertx vertx, LighterClientOptions options, AccountTier tier) {
    this.budget = new BudgetGate(vertx, tier);
    this.priority = null;
    this.breakerListeners = new CopyOnWriteArrayList<>();
    this.callListeners = new CopyOnWriteArrayList<>();
    URI base = URI.create(options.baseUrl());
    boolean tls = "https".equals(base.getScheme());
    int port = base.getPort() != -1 ? base.getPort() : tls ? 443 : 80;
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    this.requestTimeoutMs = options.requestTimeout().toMillis();
    WebClientOptions connection = new WebClientOptions()
      .setDefaultHost(base.getHost())
      .setDefaultPort(port)
      .setSsl(tls)
      .setConnectTimeout(Math.toIntExact(options.connectTimeout().toMillis()))
      .setKeepAlive(true)
      // Close idle connections before a proxy in front of the exchange does: a send written to a connection
      // the server already dropped would come back as "outcome unknown" for no reason.
      .setKeepAliveTimeout(IDLE_CONNECTION_SECONDS)
      .setUserAgent("lighter-copy-trader")
      .setFollowRedirects(false);
    this.web = WebClient.create(vertx, connection, new PoolOptions().setHttp1MaxSize(options.maxPoolSize()));
    // The request's connect timeout is how long it may wait for a pooled connection (a new one's TCP connect keeps
    // the client's own); a send queued behind others is not a fault, so it gets the wait meant for that.
    this.txPost = new TxPost(vertx, connection, options.sendConnections(), new RequestOptions()
      .setHost(base.getHost()).setPort(port).setSsl(tls)
      .setConnectTimeout(options.connectionWait().toMillis()).setIdleTimeout(requestTimeoutMs)
      .putHeader(HttpHeaders.USER_AGENT, connection.getUserAgent()));
    this.breaker = CircuitBreaker.create("lighter", vertx, new CircuitBreakerOptions()
      .setMaxFailures(options.breakerMaxFailures())
      .setMaxRetries(0)
      .setTimeout(-1)
      .setResetTimeout(options.breakerResetTimeout().toMillis())
      .setFailuresRollingWindow(options.breakerFailureWindow().toMillis())
      .setFallbackOnFailure(false));
    this.breaker.<Object>failurePolicy(outcome -> outcome.failed() && countsAgainstExchange(outcome.cause()));
    this.breaker.openHandler(ignored -> breakerChanged(CircuitBreakerState.OPEN));
    this.breaker.halfOpenHandler(ignored -> breakerChanged(CircuitBreakerState.HALF_OPEN));
    this.breaker.closeHandler(ignored -> breakerChanged(CircuitBreakerState.CLOSED));
  }

  private LighterClient(LighterClient shared, CallPriority priority) {
    this.web = shared.web;
    this.txPost = shared.txPost;
    this.breaker = shared.breaker;
    this.basePath = shared.basePath;
    this.requestTimeoutMs = shared.requestTimeoutMs;
    this.breakerListeners = shared.breakerListeners;
    this.callListeners = shared.callListeners;
    this.budget = shared.budget;
    this.priority = priority;
  }

  /** This client, its calls going by {@code priority} in the rate budget; it shares everything else. */
  @Override
  public LighterClient at(CallPriority priority) {
    return new LighterClient(this, Objects.requireNonNull(priority, "priority"));
  }

  @Override
  public Future<Void> roomToRead(CallPriority priority) {
    return budget.room(BudgetScope.IP, priority, API + "account")
      .compose(room -> budget.room(BudgetScope.L1_ADDRESS, priority, API + "accountActiveOrders"));
  }

  /** The rate budget every call of this client waits in, for its meters. */
  public BudgetGate budget() {
    return budget;
  }

  /** {@code GET /}: the exchange's status. A success is the health signal. */
  @Override
  public Future<ExchangeStatus> status() {
    return get("status", "/", MultiMap.caseInsensitiveMultiMap(), null, body -> STATUS.readValue(body));
  }

  /** {@code orderBooks}: every market with its status and minimums. */
  public Future<List<OrderBook>> orderBooks() {
    return get("orderBooks", API + "orderBooks", MultiMap.caseInsensitiveMultiMap(), null,
      body -> ORDER_BOOKS.readValue(LighterResponses.field(body, "order_books")));
  }

  /** {@code orderBookDetails}: decimals and margin fractions of every perpetual market. */
  public Future<List<OrderBookDetail>> orderBookDetails() {
    return orderBookDetails(MultiMap.caseInsensitiveMultiMap());
  }

  /** {@code orderBookDetails} for one market; spot markets are not included. */
  public Future<List<OrderBookDetail>> orderBookDetails(long marketId) {
    return orderBookDetails(query("market_id", marketId));
  }

  private Future<List<OrderBookDetail>> orderBookDetails(MultiMap params) {
    return get("orderBookDetails", API + "orderBookDetails", params, null,
      body -> ORDER_BOOK_DETAILS.readValue(LighterResponses.field(body, "order_book_details")));
  }

  /** {@code orderBookOrders}: the best {@code limit} (1..250) asks and bids of one market. */
  public Future<OrderBookOrders> orderBookOrders(long marketId, int limit) {
    if (limit < 1 || limit > 250) {
      return Future.failedFuture(new IllegalArgumentException("limit must be between 1 and 250"));
    }
    return get("orderBookOrders", API + "orderBookOrders", query("market_id", marketId).add("limit",
      Integer.toString(limit)), null, body -> BOOK_ORDERS.readValue(body));
  }

  /** {@code account?by=index}: balances and every position row (flat rows included). */
  public Future<DetailedAccount> account(long accountIndex) {
    return account(accountIndex, false);
  }

  /**
   * {@code account?by=index}. An index the exchange does not know fails as a rejection with code
   * {@link LighterErrorCodes#ACCOUNT_NOT_FOUND}, whether it says so with that code or with an empty list.
   */
  public Future<DetailedAccount> account(long accountIndex, boolean activeOnly) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap()
      .add("by", "index").add("value", Long.toString(accountIndex)).add("active_only", Boolean.toString(activeOnly));
    return get("account", API + "account", params, null, body -> {
      List<DetailedAccount> accounts = ACCOUNTS.readValue(LighterResponses.field(body, "accounts"));
      if (accounts.isEmpty()) {
        throw LighterException.fromResult("account", 200, LighterErrorCodes.ACCOUNT_NOT_FOUND,
          "account " + accountIndex + " not found");
      }
      return accounts.get(0);
    });
  }

  /**
   * {@code accountActiveOrders}: the account's live orders, including resting stop-losses.
   *
   * @param marketId  one market, or null for all markets
   * @param authToken makes an auth token for the account (sent as the {@code Authorization} header) when the request
   *                  leaves, after any wait for room in the rate budget
   */
  @Override
  public Future<OrderPage> accountActiveOrders(long accountIndex, Integer marketId, Supplier<String> authToken) {
    Objects.requireNonNull(authToken, "authToken");
    MultiMap params = MultiMap.caseInsensitiveMultiMap().add("account_index", Long.toString(accountIndex));
    if (marketId != null) {
      params.add("market_id", marketId.toString());
    }
    return get("accountActiveOrders", API + "accountActiveOrders", params, authToken,
      body -> ORDER_PAGE.readValue(body));
  }

  /**
   * {@code accountOrders}: live and recently finished orders with the given client order indexes (1..20 of
   * them); the way to learn the fate of one order.
   */
  @Override
  public Future<OrderPage> accountOrders(long accountIndex, List<Long> clientOrderIndexes,
                                         Supplier<String> authToken) {
    Objects.requireNonNull(authToken, "authToken");
    if (clientOrderIndexes.isEmpty() || clientOrderIndexes.size() > MAX_CLIENT_ORDER_INDEXES) {
      return Future.failedFuture(new IllegalArgumentException("between 1 and 20 client order indexes are allowed"));
    }
    String indexes = clientOrderIndexes.stream().map(String::valueOf).collect(Collectors.joining(","));
    MultiMap params = MultiMap.caseInsensitiveMultiMap()
      .add("account_index", Long.toString(accountIndex)).add("client_order_indexes", indexes);
    return get("accountOrders", API + "accountOrders", params, authToken, body -> ORDER_PAGE.readValue(body));
  }

  /** {@code nextNonce}: the nonce to sign into the next transaction of (account, API key). */
  public Future<Long> nextNonce(long accountIndex, int apiKeyIndex) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap()
      .add("account_index", Long.toString(accountIndex)).add("api_key_index", Integer.toString(apiKeyIndex));
    return get("nextNonce", API + "nextNonce", params, null, body -> {
      JsonNode nonce = LighterResponses.field(body, "nonce");
      if (!nonce.canConvertToLong()) {
        throw new IOException("nonce is not an integer");
      }
      return nonce.longValue();
    });
  }

  /** {@code apikeys}: the registered public keys of an account; {@code apiKeyIndex} 255 lists all of them. */
  public Future<List<ApiKeyInfo>> apiKeys(long accountIndex, int apiKeyIndex) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap()
      .add("account_index", Long.toString(accountIndex)).add("api_key_index", Integer.toString(apiKeyIndex));
    return get("apikeys", API + "apikeys", params, null,
      body -> API_KEYS.readValue(LighterResponses.field(body, "api_keys")));
  }

  /** {@code tx?by=hash}. An unknown hash fails as a rejection with code {@link LighterErrorCodes#TX_NOT_FOUND}. */
  public Future<EnrichedTx> tx(String hash) {
    Objects.requireNonNull(hash, "hash");
    return get("tx", API + "tx", MultiMap.caseInsensitiveMultiMap().add("by", "hash").add("value", hash), null,
      body -> TX.readValue(body));
  }

  /** {@code sendTx} with no gate of the caller's (see the gated one). */
  public Future<SendTxResult> sendTx(int txType, String txInfo) {
    return sendTx(txType, txInfo, () -> true);
  }

  /**
   * {@code sendTx}: submits one signed transaction (form-encoded {@code tx_type}, {@code tx_info}), written only if
   * {@code gate} is still true after every wait (for room in the rate budget, for a connection), right before it
   * leaves; else it fails as {@link LighterException.Kind#WITHHELD}. A {@link LighterException} with
   * {@link LighterException#outcomeUnknown()} false was not applied and did not consume the nonce; with it true the
   * transaction may have been accepted.
   */
  @Override
  public Future<SendTxResult> sendTx(int txType, String txInfo, BooleanSupplier gate) {
    Objects.requireNonNull(txInfo, "txInfo");
    Buffer form = Buffer.buffer("tx_type=" + txType + "&tx_info=" + URLEncoder.encode(txInfo, StandardCharsets.UTF_8));
    return execute("sendTx", API + "sendTx", BudgetScope.L1_ADDRESS,
      () -> txPost.post(basePath + API + "sendTx", "sendTx", form, gate),
      body -> {
        SendTxResult result = SEND_TX.readValue(body);
        if (result.txHash() == null || result.txHash().isEmpty()) {
          throw new IOException("tx_hash is missing");
        }
        return result;
      });
  }

  /** The breaker's current state: CLOSED (normal), OPEN (calls fail fast) or HALF_OPEN (one trial call). */
  public CircuitBreakerState breakerState() {
    return breaker.state();
  }

  /**
   * Registers a listener for breaker transitions. It runs on whichever thread made the transition; a
   * verticle hops to its own context before touching its state.
   */
  public void onBreakerStateChange(Consumer<CircuitBreakerState> listener) {
    breakerListeners.add(Objects.requireNonNull(listener));
  }

  /** Called after every call with its operation name and outcome ({@code ok} or the failure kind, lowercase). */
  public void onCall(BiConsumer<String, String> listener) {
    callListeners.add(Objects.requireNonNull(listener));
  }

  public void removeBreakerListener(Consumer<CircuitBreakerState> listener) {
    breakerListeners.remove(listener);
  }

  @Override
  public void close() {
    breaker.close();
    web.close();
    txPost.close();
  }

  private <T> Future<T> get(String operation, String path, MultiMap params, Supplier<String> authToken,
                            LighterResponses.BodyReader<T> reader) {
    BudgetScope scope = authToken == null ? BudgetScope.IP : BudgetScope.L1_ADDRESS;
    return execute(operation, path, scope, () -> {
      HttpRequest<Buffer> request = web.get(basePath + path).timeout(requestTimeoutMs);
      request.queryParams().addAll(params);
      if (authToken != null) {
        request.putHeader("Authorization", authToken.get());
      }
      return request.send().map(response -> new RestAnswer(response.statusCode(), response.body()));
    }, reader);
  }

  private <T> Future<T> execute(String operation, String path, BudgetScope scope,
                                Supplier<Future<RestAnswer>> send, LighterResponses.BodyReader<T> reader) {
    return breaker.<T>execute(() -> budget.admit(scope, priority(operation), path)
        .compose(admitted -> send.get().transform(outcome -> LighterResponses.interpret(operation, outcome, reader)))
        .onComplete(outcome -> {
          if (outcome.failed() && outcome.cause() instanceof LighterException error
            && error.kind() == LighterException.Kind.RATE_LIMITED) {
            budget.throttled(scope);
          } else {
            budget.answered(scope);
          }
        }))
      .recover(failure -> Future.<T>failedFuture(failure instanceof OpenCircuitException
        ? LighterException.circuitOpen(operation) : LighterException.fromTransport(operation, failure)))
      .onComplete(outcome -> {
        String result = outcome.succeeded() ? "ok" : outcome.cause() instanceof LighterException error
          ? error.kind().name().toLowerCase(Locale.ROOT) : "error";
        callListeners.forEach(listener -> listener.accept(operation, result));
      });
  }

  private static MultiMap query(String name, long value) {
    return MultiMap.caseInsensitiveMultiMap().add(name, Long.toString(value));
  }

  private CallPriority priority(String operation) {
    return priority != null ? priority : CallPriority.of(operation);
  }

  private static boolean countsAgainstExchange(Throwable failure) {
    return !(failure instanceof LighterException lighter) || lighter.exchangeFault();
  }

  private void breakerChanged(CircuitBreakerState state) {
    if (state == CircuitBreakerState.OPEN) {
      LOG.warn("Lighter circuit breaker opened: calls fail fast until a trial call succeeds");
    } else if (state == CircuitBreakerState.HALF_OPEN) {
      LOG.info("Lighter circuit breaker half-open: letting one trial call through");
    } else {
      LOG.info("Lighter circuit breaker closed: exchange calls resumed");
    }
    for (Consumer<CircuitBreakerState> listener : breakerListeners) {
      try {
        listener.accept(state);
      } catch (RuntimeException e) {
        LOG.error("Circuit breaker listener failed", e);
      }
    }
  }
}
