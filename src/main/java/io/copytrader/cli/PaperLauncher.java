package io.copytrader.cli;

import io.copytrader.Logging;
import io.copytrader.PaperMode;
import io.copytrader.config.AppConfig;
import io.copytrader.paper.PaperExchange;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code paper-exchange}: the paper exchange alone, with the configured accounts, so that a service in live
 * mode can trade against it from another process and survive its own restarts.
 */
public final class PaperLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(PaperLauncher.class);

  private PaperLauncher() {
  }

  public static int run(Vertx vertx, AppConfig config) {
    if (config.accounts().isEmpty()) {
      System.err.println("paper-exchange needs the accounts to register: set ACCOUNTS or ACCOUNTS_FILE");
      vertx.close().await();
      return 2;
    }
    PaperExchange exchange = new PaperExchange(PaperMode.paperConfig(config, config.accounts(), "127.0.0.1"));
    try {
      vertx.deployVerticle(exchange).await();
    } catch (Exception e) {
      // await() rethrows checked causes too (a taken port is a BindException); see ServiceLauncher.
      LOG.error("Paper exchange failed to start: {}", PaperMode.cannotListen(config.paper(), e));
      vertx.close().await();
      return 1;
    }
    LOG.info("Paper exchange listening on {} with {} account(s); set BASE_URL={}, CHAIN_ID={} and MODE=live to "
      + "trade on it", exchange.baseUrl(), config.accounts().list().size(), exchange.baseUrl(),
      config.lighter().chainId());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close().toCompletionStage().toCompletableFuture().join();
      Logging.stop();
    }, "shutdown"));
    return 0;
  }
}
