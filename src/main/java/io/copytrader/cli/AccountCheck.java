package io.copytrader.cli;

import java.math.BigDecimal;
import io.copytrader.config.AccountConfig;
import io.copytrader.config.AppConfig;
import io.copytrader.config.RailSettings;
import io.copytrader.config.Eip55;
import io.copytrader.config.LeverageSetting;
import io.copytrader.config.LighterEndpoint;
import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.ApiKeyInfo;
import io.copytrader.lighter.DetailedAccount;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.LighterClientOptions;
import io.copytrader.lighter.LighterErrorCodes;
import io.copytrader.lighter.LighterException;
import io.copytrader.lighter.signer.ApiKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code check}: for each configured account, the API key Lighter has registered must be the one derived
 * from the configured private key, the account must exist and, with {@code L1_ADDRESS}, belong to it.
 */
public final class AccountCheck {

  private final AppConfig config;
  private final LighterClient lighter;
  private final PrintStream out;

  public AccountCheck(AppConfig config, LighterClient lighter, PrintStream out) {
    this.config = config;
    this.lighter = lighter;
    this.out = out;
  }

  public static int run(Vertx vertx, AppConfig config) {
    try {
      LighterClient lighter = new LighterClient(vertx, LighterClientOptions.defaults(config.lighter().baseUrl()));
      List<String> problems = new AccountCheck(config, lighter, System.out).check().await();
      problems.forEach(problem -> System.err.println("FAILED: " + problem));
      return problems.isEmpty() ? 0 : 1;
    } catch (RuntimeException e) {
      System.err.println("FAILED: " + e.getMessage());
      return 1;
    } finally {
      vertx.close().await();
    }
  }

  /** Every mismatch found, each naming its account; empty when all accounts check out. */
  public Future<List<String>> check() {
    if (config.accounts().isEmpty()) {
      return Future.succeededFuture(List.of("no accounts configured (ACCOUNTS or ACCOUNTS_FILE)"));
    }
    LighterEndpoint endpoint = config.lighter();
    out.println("Network " + endpoint.networkName() + ", chain id " + endpoint.chainId());
    out.println("Checking " + config.accounts().list().size() + " account(s) against " + endpoint.baseUrl());
    List<String> problems = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (AccountConfig account : config.accounts().list()) {
      chain = chain.compose(done -> check(account, problems));
    }
    return chain.map(done -> problems);
  }

  private Future<Void> check(AccountConfig account, List<String> problems) {
    String label = "account " + account.label();
    String derived = ApiKey.parse(account.privateKey().reveal()).publicKeyHex();
    out.println(label + ": rails " + RailSettings.summary(account.rails()));
    Future<Void> key = lighter.apiKeys(account.accountIndex(), account.apiKeyIndex())
      .map(keys -> {
        String registered = keys.stream().filter(info -> info.apiKeyIndex() == account.apiKeyIndex())
          .map(ApiKeyInfo::publicKey).findFirst().orElse(null);
        if (registered == null) {
          problems.add(label + ": no API key " + account.apiKeyIndex() + " is registered on Lighter");
        } else if (!normalized(registered).equals(derived)) {
          problems.add(label + ": API key " + account.apiKeyIndex() + " on Lighter is " + normalized(registered)
            + " but the configured private key gives " + derived);
        } else {
          out.println(label + ": API key " + account.apiKeyIndex() + " matches (" + derived + ")");
        }
        return (Void) null;
      })
      .recover(failure -> {
        problems.add(label + ": cannot read its API keys: " + failure.getMessage());
        return Future.succeededFuture();
      });
    return key.compose(done -> lighter.account(account.accountIndex())
      .map(details -> {
        describe(label, details, problems);
        leverage(label, account, details);
        return (Void) null;
      })
      .recover(failure -> {
        boolean missing = failure instanceof LighterException error
          && error.hasCode(LighterErrorCodes.ACCOUNT_NOT_FOUND);
        problems.add(label + (missing ? ": not found on Lighter: " : ": cannot read it from Lighter: ")
          + failure.getMessage());
        return Future.succeededFuture();
      }));
  }

  private void describe(String label, DetailedAccount details, List<String> problems) {
    String owner = config.accounts().l1Address();
    if (owner != null && !Eip55.sameAddress(owner, details.l1Address())) {
      problems.add(label + ": belongs to " + details.l1Address() + ", not to L1_ADDRESS " + owner);
    }
    out.println(label + ": owner " + details.l1Address() + ", collateral " + plain(details.collateral())
      + " USDC, available " + plain(details.availableBalance()) + " USDC, total asset value "
      + plain(details.totalAssetValue()) + " USDC");
    List<AccountPosition> open = details.openPositions();
    if (open.isEmpty()) {
      out.println(label + ": no open positions");
    }
    for (AccountPosition position : open) {
      out.println(label + ": " + (position.isLong() ? "long " : "short ") + position.position().toPlainString() + " "
        + position.symbol() + " at " + plain(position.avgEntryPrice()) + ", unrealized PnL "
        + plain(position.unrealizedPnl()));
    }
  }

  /** Each market's leverage: the configured one and the one on the exchange, for every market either names. */
  private void leverage(String label, AccountConfig account, DetailedAccount details) {
    out.println(label + ": leverage setting " + account.leverage().text());
    Map<String, BigDecimal> onExchange = new TreeMap<>();
    if (details.positions() != null) {
      details.positions().forEach(row -> onExchange.put(row.symbol().toUpperCase(Locale.ROOT),
        row.initialMarginFraction()));
    }
    Set<String> symbols = new TreeSet<>(onExchange.keySet());
    symbols.addAll(account.leverage().bySymbol().keySet());
    for (String symbol : symbols) {
      out.println(label + ": " + symbol + " leverage configured " + account.leverage().forSymbol(symbol)
        .map(BigDecimal::toPlainString).orElse("none (left as the exchange has it)") + ", on the exchange "
        + LeverageSetting.fromPercent(onExchange.get(symbol)));
    }
  }

  private static String normalized(String publicKey) {
    String lower = publicKey.toLowerCase(Locale.ROOT);
    return lower.startsWith("0x") ? lower.substring(2) : lower;
  }

  private static String plain(BigDecimal value) {
    return value == null ? "?" : value.toPlainString();
  }
}
