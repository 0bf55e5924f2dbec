package io.copytrader;

import io.copytrader.cli.AccountCheck;
import io.copytrader.cli.PaperLauncher;
import io.copytrader.config.ConfigException;
import io.copytrader.config.ConfigLoader;
import io.copytrader.config.LoadedConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/**
 * Entry point. {@code run} (the default) starts the service; {@code check} verifies the configured accounts
 * against Lighter; {@code paper-exchange} runs the paper exchange alone.
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    String command = args.length == 0 ? "run" : args[0];
    if (command.equals("help") || command.equals("--help") || command.equals("-h")) {
      System.out.println(usage());
      return;
    }
    // The configuration is read with vertx-config, from a worker of the Vert.x instance the command then runs on.
    Vertx vertx = ServiceLauncher.createVertx();
    LoadedConfig loaded;
    try {
      loaded = ConfigLoader.await(ConfigLoader.load(vertx, System.getenv(), Path.of("").toAbsolutePath()));
    } catch (ConfigException e) {
      System.err.println("Invalid configuration:");
      e.problems().forEach(problem -> System.err.println("  - " + problem));
      vertx.close().await();
      Logging.stop();
      System.exit(2);
      return;
    }
    Logging.configure(loaded.config().logFormat());
    Vertx cluster = null;
    if (command.equals("run") && loaded.config().cluster().clustered()) {
      // The cluster manager clusters an instance of its own, for the node heartbeats: the service's event bus stays
      // local (cluster/NodeHeartbeats says why).
      try {
        cluster = ServiceLauncher.createClusteredVertx(loaded.config().cluster());
      } catch (Exception e) {
        System.err.println("The cluster manager cannot start on CLUSTER_PORT " + loaded.config().cluster()
          .clusterPort() + ": " + e.getMessage());
        vertx.close().await();
        Logging.stop();
        System.exit(1);
        return;
      }
    }
    int status = switch (command) {
      case "run" -> ServiceLauncher.run(vertx, loaded, cluster);
      case "check" -> AccountCheck.run(vertx, loaded.config());
      case "paper-exchange" -> PaperLauncher.run(vertx, loaded.config());
      default -> {
        System.err.println("Unknown command '" + command + "'.\n" + usage());
        vertx.close().await();
        yield 64;
      }
    };
    boolean keepsRunning = status == 0 && (command.equals("run") || command.equals("paper-exchange"));
    if (!keepsRunning) {
      Logging.stop();
    }
    if (status != 0) {
      System.exit(status);
    }
  }

  private static String usage() {
    return """
      Usage: java -jar lighter-copy-trader.jar [run | check | paper-exchange | help]
        run             start the service (paper mode when no account is configured)
        check           verify each account's API key, owner and balances against Lighter, then exit
        paper-exchange  run the paper exchange alone (ACCOUNTS, PAPER_PORT, PAPER_BALANCE)
      Configuration: bundled conf/config.json < ./conf/config.json < .env (or ENV_FILE) < environment;
      see README.md.""";
  }
}
