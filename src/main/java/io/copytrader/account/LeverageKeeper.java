package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.config.AccountConfig;
import io.copytrader.config.LeverageSetting;
import io.copytrader.journal.LeverageChange;
import io.copytrader.journal.LeverageJournal;
import io.copytrader.journal.RequestState;
import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.DetailedAccount;
import io.copytrader.lighter.EnrichedTx;
import io.copytrader.lighter.LighterErrorCodes;
import io.copytrader.lighter.LighterException;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.lighter.signer.UpdateLeverageTx;
import io.copytrader.market.Market;
import io.copytrader.market.MarketJson;
import io.copytrader.notify.Notices;
import io.copytrader.notify.TradeContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each market's leverage where the account's {@code leverage} setting says, with Lighter's UpdateLeverage (tx
 * type 20): before an opening in a market whose fraction differs ({@link #ahead}), and at start for the markets
 * holding a position ({@link #corrected}). The change goes through the account's {@link ExchangeSession} (its one
 * nonce keeper), is journaled before it leaves, and counts only once the exchange shows it: Lighter answers a send
 * when it queued it, so the new fraction is read back from the account (or the transaction found executed without
 * a refusal) before the order that needs it is sent. The margin mode stays what the exchange reports (cross when it
 * reports none). The fraction in force is recorded in {@link MarginFractions}, which the stop-loss distance and
 * the rails read. Used from the account's context only.
 */
final class LeverageKeeper {

  private static final Logger LOG = LoggerFactory.getLogger(LeverageKeeper.class);
  /** How long an accepted change may take to show before the attempt counts as failed (and is retried). */
  static final Duration CONFIRM_WITHIN = Duration.ofSeconds(15);
  private static final long FIRST_LOOK_MS = 20;
  private static final long LONGEST_LOOK_MS = 1_000;

  private final Vertx vertx;
  private final AccountConfig account;
  private final ExchangeSession session;
  private final LeverageJournal journal;
  /** Whether the kill switch holds the account's openings: the rails refuse them, so no leverage is set for them. */
  private final BooleanSupplier openingsHeld;
  /** Whether the markets holding a position at start have had their leverage put right (or refused). */
  private boolean startChecked;

  LeverageKeeper(Vertx vertx, AccountConfig account, ExchangeSession session, LeverageJournal journal,
                 BooleanSupplier openingsHeld) {
    this.vertx = vertx;
    this.account = account;
    this.session = session;
    this.journal = journal;
    this.openingsHeld = openingsHeld;
  }

  /**
   * Runs {@code next} (the sizing and sending of an opening) once the market's leverage is the configured one. An
   * exit, a market without a configured leverage, one whose fraction REST last showed as the configured one, an
   * opening the kill switch holds (the rails refuse it next) and an order that only takes exposure off (a long
   * against a short) go ahead at once. A leverage the market cannot take or the exchange refuses ends the request
   * rejected ({@code LEVERAGE_REFUSED}, notified): the order is not sent at a leverage nobody chose. A change not yet
   * confirmed fails the attempt, to be retried.
   */
  Future<Void> ahead(QueuedRequest queued, Market market, RequestReport report, TradeContext context,
                     Supplier<Future<Void>> next) {
    TradeRequest request = queued.request();
    Optional<LeverageTarget> wanted = request.action().isExit() ? Optional.empty()
      : LeverageTarget.in(account.leverage(), market);
    if (wanted.isEmpty() || openingsHeld.getAsBoolean()
      || wanted.get().inForce(session.marginFractions().percent(market.marketId()).orElse(null))) {
      return next.get();
    }
    LeverageTarget target = wanted.get();
    return session.lighter().account(account.accountIndex())
      .recover(failure -> Future.failedFuture(RetryableFailure.of(failure)))
      .compose(read -> {
        session.marginFractions().recordFromRest(read);
        if (takesExposureOff(request, read.position(market.marketId()))) {
          return next.get();
        }
        Optional<String> notAllowed = target.problem(market);
        if (notAllowed.isPresent()) {
          return refuse(report, context, request, notAllowed.get());
        }
        return ensure(market, target, queued.requestId(), read)
          .compose(refusal -> refusal.isEmpty() ? next.get() : refuse(report, context, request, refusal.get()));
      });
  }

  /**
   * The account as it is once each market holding a position has the configured leverage, asked once per start:
   * {@code read} itself when nothing changed, else a fresh REST read. A change the exchange refuses is an operator
   * warning, and the position keeps the fraction in force, which its stop-loss follows; a change that could not be
   * tried (the market unknown yet, the exchange unreachable) is tried again at the next call.
   */
  Future<DetailedAccount> corrected(DetailedAccount read) {
    if (startChecked || account.leverage().isEmpty()) {
      startChecked = true;
      return Future.succeededFuture(read);
    }
    boolean[] retryLater = {false};
    Future<Boolean> changed = Future.succeededFuture(false);
    for (AccountPosition row : read.openPositions()) {
      changed = changed.compose(before -> market((int) row.marketId())
        .compose(market -> correct(market, row, read))
        .map(now -> before || now)
        .recover(failure -> {
          retryLater[0] = true;
          LOG.warn("Account {}: leverage of market {} not checked at start: {}", account.accountIndex(),
            row.marketId(), failure.getMessage());
          return Future.succeededFuture(before);
        }));
    }
    return changed.compose(any -> {
      startChecked = !retryLater[0];
      return any ? session.lighter().account(account.accountIndex()) : Future.succeededFuture(read);
    });
  }

  /** Whether a change was applied to the market of {@code row}; a refusal is warned about. */
  private Future<Boolean> correct(Market market, AccountPosition row, DetailedAccount read) {
    Optional<LeverageTarget> wanted = LeverageTarget.in(account.leverage(), market);
    if (wanted.isEmpty() || wanted.get().inForce(row.initialMarginFraction())) {
      return Future.succeededFuture(false);
    }
    LeverageTarget target = wanted.get();
    Optional<String> notAllowed = target.problem(market);
    Future<Optional<String>> outcome = notAllowed.isPresent() ? Future.succeededFuture(notAllowed)
      : ensure(market, target, null, read);
    return outcome.map(refusal -> {
      refusal.ifPresent(reason -> {
        LOG.warn("Account {}: {} keeps leverage {}: {}; its stop-loss follows the leverage in force",
          account.accountIndex(), market.symbol(), LeverageSetting.fromPercent(row.initialMarginFraction()), reason);
        vertx.eventBus().publish(Addresses.NOTIFY, Notices.leverageUnchanged(TradeContext.of("start",
          account.accountIndex(), account.name(), market.marketId(), market.symbol()),
          target.leverage().toPlainString(), LeverageSetting.fromPercent(row.initialMarginFraction()), reason)
          .toJson());
      });
      return refusal.isEmpty();
    });
  }

  /**
   * Sends the change unless {@code read} shows it in force, and waits until the exchange shows it: empty once it is
   * in force, the exchange's refusal otherwise; a failed future when it could not be sent or confirmed.
   */
  private Future<Optional<String>> ensure(Market market, LeverageTarget target, String requestId,
                                          DetailedAccount read) {
    Optional<AccountPosition> row = read.position(market.marketId());
    if (target.inForce(row.map(AccountPosition::initialMarginFraction).orElse(null))) {
      return Future.succeededFuture(Optional.empty());
    }
    int marginMode = row.map(AccountPosition::marginMode).orElse(UpdateLeverageTx.CROSS_MARGIN);
    long expiredAt = System.currentTimeMillis() + TradeExecutor.TX_EXPIRY.toMillis();
    long[] changeId = {-1};
    LOG.info("Account {}: setting {} leverage to {} (margin fraction {}, was {})", account.accountIndex(),
      market.symbol(), target.leverage().toPlainString(), target.fraction(),
      LeverageSetting.fromPercent(row.map(AccountPosition::initialMarginFraction).orElse(null)));
    return session.send(0, false,
        nonce -> new UpdateLeverageTx(account.accountIndex(), account.apiKeyIndex(), market.marketId(),
          target.fraction(), marginMode, expiredAt, nonce, TxAttributes.none()),
        signed -> resigned(changeId[0]).compose(closed -> journal.signed(new LeverageChange(0, account.accountIndex(),
            requestId, market.marketId(), target.fraction(), marginMode, signed.nonce(), account.apiKeyIndex(),
            signed.tx().txHashHex(), signed.tx().txInfo(), null, null, null), System.currentTimeMillis()))
          .onSuccess(id -> changeId[0] = id))
      .recover(failure -> Future.failedFuture(failure instanceof LighterException error
        ? RetryableFailure.of(error) : failure))
      .compose(outcome -> {
        if (outcome instanceof SendOutcome.Accepted accepted) {
          return record(changeId[0], "sent", null, null).compose(sent -> confirm(market, target,
            accepted.tx().txHashHex(), changeId[0], System.currentTimeMillis() + CONFIRM_WITHIN.toMillis(),
            FIRST_LOOK_MS));
        }
        LighterException error = OrderSender.error(outcome);
        String code = OrderSender.errorCode(error);
        if (outcome instanceof SendOutcome.Rejected) {
          return record(changeId[0], "refused", code, error.getMessage()).map(refused -> Optional.of(
            "the exchange refused leverage " + target.leverage().toPlainString() + " for " + market.symbol() + " ("
              + code + ": " + error.getMessage() + ")"));
        }
        // An answer lost on the way may hide an applied change: the next attempt reads the account first.
        return record(changeId[0], error.outcomeUnknown() ? "unconfirmed" : "not_sent", code, error.getMessage())
          .compose(recorded -> Future.failedFuture(new RetryableFailure(code, error.getMessage())));
      });
  }

  /** A change re-signed after a 21104: the earlier row was refused for its nonce and never applied. */
  private Future<Void> resigned(long previous) {
    return previous < 0 ? Future.succeededFuture() : record(previous, "not_sent",
      "LIGHTER_" + LighterErrorCodes.INVALID_NONCE, "invalid nonce: re-signed with the exchange's next nonce");
  }

  /**
   * Reads the account until it shows the target fraction; the transaction found executed without a refusal counts
   * too (an account may not list a market where it has no position), and one refused ends the wait.
   */
  private Future<Optional<String>> confirm(Market market, LeverageTarget target, String txHash, long changeId,
                                           long deadline, long delay) {
    Future<Optional<BigDecimal>> shown = session.lighter().account(account.accountIndex())
      .map(read -> {
        session.marginFractions().recordFromRest(read);
        return read.position(market.marketId()).map(AccountPosition::initialMarginFraction);
      })
      .recover(failure -> Future.succeededFuture(Optional.empty()));
    return shown.compose(fraction -> {
      if (target.inForce(fraction.orElse(null))) {
        return applied(market, target, changeId);
      }
      return session.lighter().tx(txHash).map(Optional::of).recover(failure -> Future.succeededFuture(Optional.empty()))
        .compose(tx -> {
          Optional<String> refusal = tx.flatMap(EnrichedTx::refusal);
          if (refusal.isPresent()) {
            return record(changeId, "refused", FailureCode.LEVERAGE_REFUSED.name(), refusal.get()).map(refused ->
              Optional.of("the exchange refused leverage " + target.leverage().toPlainString() + " for "
                + market.symbol() + ": " + refusal.get()));
          }
          if (tx.isPresent() && tx.get().executed()) {
            return applied(market, target, changeId);
          }
          if (System.currentTimeMillis() >= deadline) {
            String problem = "leverage " + target.leverage().toPlainString() + " for " + market.symbol()
              + " not shown by the exchange within " + CONFIRM_WITHIN.toSeconds() + " s";
            return record(changeId, "unconfirmed", null, problem).compose(recorded -> Future.failedFuture(
              new RetryableFailure(OutcomeCode.EXCHANGE_ERROR.name(), problem)));
          }
          return Pause.of(vertx, delay).compose(waited -> confirm(market, target, txHash, changeId, deadline,
            Math.min(delay * 2, LONGEST_LOOK_MS)));
        });
    });
  }

  private Future<Optional<String>> applied(Market market, LeverageTarget target, long changeId) {
    session.marginFractions().record(market.marketId(), target.percent());
    LOG.info("Account {}: {} leverage is {}", account.accountIndex(), market.symbol(),
      LeverageSetting.fromPercent(target.percent()));
    return record(changeId, "applied", null, null).map(Optional.empty());
  }

  private Future<Void> record(long changeId, String state, String code, String message) {
    return journal.outcome(changeId, state, code, message, System.currentTimeMillis());
  }

  private Future<Void> refuse(RequestReport report, TradeContext context, TradeRequest request, String reason) {
    String code = FailureCode.LEVERAGE_REFUSED.name();
    return report.finish(new RequestReport.Outcome(RequestState.REJECTED, code, reason + "; nothing was sent"),
      Notices.rejected(context, request.action(), code, reason));
  }

  /** A long against a short (or the reverse) only reduces: it goes ahead at whatever leverage is in force. */
  private static boolean takesExposureOff(TradeRequest request, Optional<AccountPosition> row) {
    return row.filter(AccountPosition::open).map(position -> switch (request.action()) {
      case LONG -> !position.isLong();
      case SHORT -> position.isLong();
      default -> false;
    }).orElse(false);
  }

  private Future<Market> market(int marketId) {
    return vertx.eventBus().<JsonObject>request(Addresses.MARKET_RESOLVE, new JsonObject().put("market_id", marketId))
      .map(Message::body).map(MarketJson::fromJson);
  }
}
