package io.copytrader;

import io.copytrader.config.AppConfig;
import io.copytrader.config.RailSettings;
import io.copytrader.notify.Notices;
import io.copytrader.notify.StartupSummary;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The notice a started service sends: its mode, its accounts and the markets the cache knows (none if unknown). */
final class StartupNotice {

  private StartupNotice() {
  }

  static void publish(Vertx vertx, AppConfig config) {
    List<StartupSummary.Account> accounts = config.accounts().list().stream()
      .map(account -> new StartupSummary.Account(account.accountIndex(), account.name(),
        RailSettings.summary(account.rails()))).toList();
    vertx.eventBus().<JsonObject>request(Addresses.MARKET_LIST, new JsonObject())
      .map(reply -> reply.body().getJsonArray("markets").stream()
        .map(market -> ((JsonObject) market).getString("symbol")).toList())
      .otherwise(List.of())
      .onSuccess(symbols -> vertx.eventBus().publish(Addresses.NOTIFY, Notices.startup(
        new StartupSummary(config.mode(), accounts, symbols)).toJson()));
  }
}
