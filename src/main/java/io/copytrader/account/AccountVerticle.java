package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.ServiceFailure;
import io.copytrader.config.AccountConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's serial queue. Lighter nonces are per (account, API key) and two transactions in flight
 * for one key fail, so requests run strictly one after another; accounts run concurrently.
 */
public final class AccountVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AccountVerticle.class);

  private final AccountConfig account;
  private final int capacity;
  private final RequestExecutor executor;
  private final AccountViewer viewer;
  private final Deque<Queued> queue = new ArrayDeque<>();
  private boolean running;

  private record Queued(String requestId, TradeRequest request) {
  }

  public AccountVerticle(AccountConfig account, int capacity, RequestExecutor executor, AccountViewer viewer) {
    this.account = account;
    this.capacity = capacity;
    this.executor = executor;
    this.viewer = viewer;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<JsonObject>consumer(Addresses.account(account.accountIndex()), this::dispatch)
      .completion();
  }

  private void dispatch(Message<JsonObject> msg) {
    String action = msg.headers().get(AccountActions.HEADER);
    if (AccountActions.SUBMIT.equals(action)) {
      submit(msg);
    } else if (AccountActions.VIEW.equals(action)) {
      viewer.view().onSuccess(msg::reply).onFailure(failure -> fail(msg, failure));
    } else {
      msg.fail(FailureCode.INVALID_REQUEST.code(), "unknown account action");
    }
  }

  private void submit(Message<JsonObject> msg) {
    if (queue.size() >= capacity) {
      msg.fail(FailureCode.QUEUE_FULL.code(), "account " + account.accountIndex() + " has " + capacity
        + " requests waiting; retry later");
      return;
    }
    TradeRequest request = TradeRequest.fromJson(msg.body());
    String requestId = RequestIds.next(System.currentTimeMillis());
    queue.addLast(new Queued(requestId, request));
    msg.reply(new JsonObject().put("request_id", requestId));
    LOG.info("Accepted {} {} for account {} market {} as {}", request.action().wireName(),
      request.symbol(), account.accountIndex(), request.marketId(), requestId);
    drain();
  }

  private void drain() {
    if (running || queue.isEmpty()) {
      return;
    }
    running = true;
    Queued next = queue.pollFirst();
    Context context = vertx.getOrCreateContext();
    executor.execute(next.requestId(), next.request())
      .onComplete(outcome -> context.runOnContext(ignored -> {
        if (outcome.failed()) {
          LOG.error("Request {} ended with an unexpected failure", next.requestId(), outcome.cause());
        }
        running = false;
        drain();
      }));
  }

  public int queueDepth() {
    return queue.size();
  }

  private static void fail(Message<?> msg, Throwable failure) {
    if (failure instanceof ServiceFailure service) {
      msg.fail(service.code().code(), service.getMessage());
    } else {
      LOG.warn("Account request failed: {}", failure.toString());
      msg.fail(FailureCode.EXCHANGE_UNAVAILABLE.code(), "failed to retrieve account information from Lighter");
    }
  }
}
