package io.copytrader.paper;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A paper-mode leader that trades on its own ({@code PAPER_DEMO_LEADER=true}): every {@link #STEP_MS} it moves its
 * ETH position along a fixed cycle (open, increase, decrease, close, short, close) through the paper exchange's
 * position control, so a follower's copies show within a minute of starting.
 */
public final class DemoLeader extends VerticleBase {

  /** The demo leader's account on the paper exchange. */
  public static final long ACCOUNT = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(DemoLeader.class);
  private static final long FIRST_STEP_MS = 10_000;
  private static final long STEP_MS = 20_000;
  private static final List<String> CYCLE = List.of("0.5", "1", "0.3", "0", "-0.4", "0");
  private static final int ETH = 0;

  private final int port;
  private HttpClient client;
  private int step;
  private long timer;

  /** @param port the paper exchange's port (on loopback) */
  public DemoLeader(int port) {
    this.port = port;
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient();
    timer = vertx.setTimer(FIRST_STEP_MS, first -> {
      trade();
      timer = vertx.setPeriodic(STEP_MS, next -> trade());
    });
    LOG.info("Paper mode: demo leader account {} trades ETH every {} s, first in {} s", ACCOUNT, STEP_MS / 1000,
      FIRST_STEP_MS / 1000);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return client.close();
  }

  private void trade() {
    String position = CYCLE.get(step++ % CYCLE.size());
    JsonObject body = new JsonObject().put("market_id", ETH).put("position", position);
    client.request(HttpMethod.POST, port, "127.0.0.1", "/paper/accounts/" + ACCOUNT + "/position")
      .compose(request -> request.putHeader("Content-Type", "application/json").send(body.encode()))
      .compose(response -> response.body().map(answer -> response.statusCode()))
      .onSuccess(status -> LOG.info("Paper mode: demo leader {} moved to ETH {} ({})", ACCOUNT, position, status))
      .onFailure(failure -> LOG.warn("Paper mode: demo leader could not trade: {}", failure.getMessage()));
  }
}
