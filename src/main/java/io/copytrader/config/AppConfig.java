package io.copytrader.config;

import io.copytrader.lighter.limits.AccountTier;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The validated configuration of the service, in parts so that each component is handed only the part it needs
 * (the HTTP API, for one, never holds a private key). Secrets are {@link Secret}s and never print.
 *
 * @param accountTier the Lighter account tier whose rate limits the exchange client budgets
 * @param cluster this node among the nodes sharing the journal
 */
public record AppConfig(
  Mode mode,
  LighterEndpoint lighter,
  Accounts accounts,
  AccountPolicy policy,
  TelegramConfig telegram,
  HttpSettings http,
  PaperSettings paper,
  Path dataDir,
  JournalSettings journal,
  Duration shutdownGrace,
  LogFormat logFormat,
  Leaders leaders,
  AccountTier accountTier,
  ClusterSettings cluster) {

  public enum LogFormat { TEXT, JSON }

  /** This configuration trading on another exchange with other accounts (the paper exchange in paper mode). */
  public AppConfig tradingOn(String baseUrl, Accounts newAccounts) {
    return new AppConfig(mode, lighter.withBaseUrl(baseUrl), newAccounts, policy, telegram, http, paper, dataDir,
      journal, shutdownGrace, logFormat, leaders, accountTier, cluster);
  }

  /** This configuration copying other leaders (paper mode's demo leader). */
  public AppConfig withLeaders(Leaders newLeaders) {
    return new AppConfig(mode, lighter, accounts, policy, telegram, http, paper, dataDir, journal, shutdownGrace,
      logFormat, newLeaders, accountTier, cluster);
  }
}
