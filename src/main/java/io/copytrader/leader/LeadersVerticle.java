package io.copytrader.leader;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.config.LeaderConfig;
import io.copytrader.config.Leaders;
import io.copytrader.journal.FollowStore;
import io.copytrader.lighter.LighterStreamOptions;
import io.copytrader.lighter.TradingApi;
import io.copytrader.metrics.ServiceMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploys one {@link LeaderWatcher} per configured leader (after the accounts, whose queues take the targets) and
 * answers {@link Addresses#LEADERS_STATUS} with every leader's status, in the configured order; with no leader
 * configured the answer is an empty list.
 */
public final class LeadersVerticle extends VerticleBase {

  private final Leaders leaders;
  private final LighterStreamOptions stream;
  private final TradingApi rest;
  private final FollowStore store;
  private final ServiceMetrics metrics;

  /** @param stream the exchange's WebSocket, or null to poll REST only */
  public LeadersVerticle(Leaders leaders, LighterStreamOptions stream, TradingApi rest, FollowStore store,
                         ServiceMetrics metrics) {
    this.leaders = leaders;
    this.stream = stream;
    this.rest = rest;
    this.store = store;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    List<Future<String>> deployed = new ArrayList<>();
    for (LeaderConfig leader : leaders.leaders()) {
      deployed.add(vertx.deployVerticle(new LeaderWatcher(leader, leaders.followersOf(leader.name()),
        leaders.feed(), stream, rest, store, metrics)));
    }
    return Future.all(deployed).compose(all -> vertx.eventBus().<JsonObject>localConsumer(Addresses.LEADERS_STATUS,
      msg -> status().onSuccess(msg::reply).onFailure(failure -> msg.fail(FailureCode.EXCHANGE_UNAVAILABLE.code(), failure.getMessage()))).completion());
  }

  private Future<JsonObject> status() {
    List<Future<JsonObject>> answers = new ArrayList<>();
    for (LeaderConfig leader : leaders.leaders()) {
      answers.add(vertx.eventBus().<JsonObject>request(Addresses.leaderStatus(leader.accountIndex()),
        new JsonObject()).map(reply -> reply.body()));
    }
    return Future.all(answers).map(all -> {
      JsonArray list = new JsonArray();
      answers.forEach(answer -> list.add(answer.result()));
      return new JsonObject().put("leaders", list);
    });
  }
}
