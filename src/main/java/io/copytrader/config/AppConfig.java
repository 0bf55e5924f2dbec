package io.copytrader.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The validated configuration of the service. Secrets are {@link Secret}s and never print.
 *
 * @param paperSequencerDelay the paper exchange's sequencer delay, null for its default
 */
public record AppConfig(
  Mode mode,
  String baseUrl,
  int chainId,
  String l1Address,
  List<AccountConfig> accounts,
  TradingParameters trading,
  int maxRetries,
  Duration retryInterval,
  TelegramConfig telegram,
  Secret apiKey,
  String httpHost,
  int httpPort,
  Path dataDir,
  int maxQueuePerAccount,
  Integer paperPort,
  BigDecimal paperBalance,
  Duration paperSequencerDelay,
  Duration maxSignalAge,
  Duration shutdownGrace,
  LogFormat logFormat,
  Duration protectionInterval,
  ExternalPositions protectExternalPositions) {

  public enum LogFormat { TEXT, JSON }

  public AppConfig {
    accounts = List.copyOf(accounts);
  }

  public Optional<AccountConfig> account(long accountIndex) {
    return accounts.stream().filter(account -> account.accountIndex() == accountIndex).findFirst();
  }

  public boolean apiKeyRequired() {
    return apiKey != null;
  }

  public AppConfig withBaseUrl(String url) {
    return new AppConfig(mode, url, chainId, l1Address, accounts, trading, maxRetries, retryInterval, telegram,
      apiKey, httpHost, httpPort, dataDir, maxQueuePerAccount, paperPort, paperBalance, paperSequencerDelay,
      maxSignalAge, shutdownGrace, logFormat, protectionInterval, protectExternalPositions);
  }

  public AppConfig withAccounts(List<AccountConfig> newAccounts) {
    return new AppConfig(mode, baseUrl, chainId, l1Address, newAccounts, trading, maxRetries, retryInterval,
      telegram, apiKey, httpHost, httpPort, dataDir, maxQueuePerAccount, paperPort, paperBalance, paperSequencerDelay,
      maxSignalAge, shutdownGrace, logFormat, protectionInterval, protectExternalPositions);
  }
}
