package io.copytrader.notify;

import io.copytrader.Side;
import io.copytrader.account.TradeAction;
import io.copytrader.notify.Notice.Line;
import io.copytrader.notify.Notice.Severity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Every operator message the service sends (their texts are pinned by NoticesTest), built from what the producer
 * knows. Producers publish {@code notice.toJson()} on {@code Addresses.NOTIFY}; rendering and escaping happen in the
 * notifier. Nullable parameters are documented per method; an unknown value is left out, never shown as
 * "null".
 */
public final class Notices {

  /** Quote amounts (notional) are shown to the cent; base amounts and prices exactly as filled. */
  private static final int QUOTE_DECIMALS = 2;

  private Notices() {
  }

  public static Notice opened(TradeContext trade, Fill fill) {
    return tradeNotice(Severity.INFO, "Position opened", trade, lines -> lines.fill(fill));
  }

  /** @param positionSize the position's size after the fill, or null when not known */
  public static Notice increased(TradeContext trade, Fill fill, BigDecimal positionSize) {
    return tradeNotice(Severity.INFO, "Position increased", trade, lines -> lines
      .fill(fill)
      .amount("Position size", positionSize));
  }

  /**
   * @param positionSize the position's size after the fill, or null when not known
   * @param realizedPnl PnL realised by this fill, or null when not known
   */
  public static Notice reduced(TradeContext trade, Fill fill, BigDecimal positionSize, BigDecimal realizedPnl) {
    return tradeNotice(Severity.INFO, "Position reduced", trade, lines -> lines
      .fill(fill)
      .amount("Position size", positionSize)
      .pnl("Realized PnL", realizedPnl));
  }

  /** @param realizedPnl PnL realised by closing, or null when not known */
  public static Notice closed(TradeContext trade, Fill fill, BigDecimal realizedPnl) {
    return tradeNotice(Severity.INFO, "Position closed", trade, lines -> lines
      .fill(fill)
      .pnl("Realized PnL", realizedPnl));
  }

  public static Notice stopLossPlaced(TradeContext trade, StopLoss stopLoss) {
    return tradeNotice(Severity.INFO, "Stop-loss placed", trade, lines -> lines.stopLoss(stopLoss));
  }

  public static Notice stopLossMoved(TradeContext trade, BigDecimal previousTrigger, StopLoss stopLoss) {
    Objects.requireNonNull(previousTrigger, "previousTrigger");
    return tradeNotice(Severity.INFO, "Stop-loss moved", trade, lines -> lines
      .side(stopLoss.positionSide())
      .amount("Trigger", stopLoss.triggerPrice())
      .amount("Previous trigger", previousTrigger)
      .amount("Size", stopLoss.size()));
  }

  public static Notice stopLossResized(TradeContext trade, BigDecimal previousSize, StopLoss stopLoss) {
    Objects.requireNonNull(previousSize, "previousSize");
    return tradeNotice(Severity.INFO, "Stop-loss resized", trade, lines -> lines
      .side(stopLoss.positionSide())
      .amount("Trigger", stopLoss.triggerPrice())
      .amount("Size", stopLoss.size())
      .amount("Previous size", previousSize));
  }

  /**
   * A stop-loss close to its expiry was replaced by a new one (placed first, so the position was never without).
   *
   * @param previousExpiry when the replaced order would have expired
   */
  public static Notice stopLossRenewed(TradeContext trade, StopLoss stopLoss, Instant previousExpiry) {
    return tradeNotice(Severity.INFO, "Stop-loss renewed", trade, lines -> lines
      .stopLoss(stopLoss)
      .text("Replaced order expiring", previousExpiry.toString()));
  }

  /**
   * A position the service did not open, which it leaves as it is ({@code PROTECT_EXTERNAL_POSITIONS=report}): it
   * has no stop-loss of the service's.
   */
  public static Notice externalPosition(TradeContext trade, Side side, BigDecimal positionSize) {
    Objects.requireNonNull(side, "side");
    return tradeNotice(Severity.WARNING, "Position not opened by the service", trade, lines -> lines
      .side(side)
      .amount("Position size", positionSize)
      .text("Protection", "none from the service (PROTECT_EXTERNAL_POSITIONS=report)"));
  }

  /**
   * The position's protective pair placed: a stop-loss and a take-profit that cancel each other, both closing the
   * whole position.
   */
  public static Notice protectionPairPlaced(TradeContext trade, StopLoss stopLoss, BigDecimal takeProfitTrigger) {
    Objects.requireNonNull(takeProfitTrigger, "takeProfitTrigger");
    return tradeNotice(Severity.INFO, "Stop-loss and take-profit placed", trade, lines -> lines
      .stopLoss(stopLoss)
      .amount("Take-profit trigger", takeProfitTrigger));
  }

  /**
   * @param takeProfit the take-profit as the position's side, its trigger and size
   * @param reason why it was cancelled, e.g. "a second take-profit"
   */
  public static Notice takeProfitCancelled(TradeContext trade, StopLoss takeProfit, String reason) {
    return tradeNotice(Severity.INFO, "Take-profit cancelled", trade, lines -> lines
      .stopLoss(takeProfit)
      .text("Reason", reason));
  }

  /** @param reason why it was cancelled, e.g. "position closed" */
  public static Notice stopLossCancelled(TradeContext trade, StopLoss stopLoss, String reason) {
    return tradeNotice(Severity.INFO, "Stop-loss cancelled", trade, lines -> lines
      .stopLoss(stopLoss)
      .text("Reason", reason));
  }

  /**
   * The position is open and has no working stop-loss: someone has to act.
   *
   * @param intendedTrigger the trigger the service tried to set, or null when it could not compute one
   * @param error what went wrong, as returned by the exchange or the client
   */
  public static Notice stopLossFailed(TradeContext trade, Side side, BigDecimal positionSize,
                                      BigDecimal intendedTrigger, String error) {
    Objects.requireNonNull(side, "side");
    return tradeNotice(Severity.URGENT, "Stop-loss FAILED: position is unprotected", trade, lines -> lines
      .side(side)
      .amount("Position size", positionSize)
      .amount("Intended trigger", intendedTrigger)
      .text("Error", error));
  }

  /**
   * The exchange refused an entry with its stop-loss attached (one grouped transaction) and took the entry alone:
   * from now on entries in the market go in two steps, the stop-loss placed after the fill.
   */
  public static Notice stopLossNotAttached(TradeContext trade, String code, String reason) {
    return tradeNotice(Severity.WARNING, "Stop-loss not attached: entries go in two steps", trade, lines -> lines
      .text("Code", code)
      .text("Reason", reason)
      .text("Effect", "entries in this market are sent alone and their stop-loss placed after the fill, until the"
        + " service restarts"));
  }

  /**
   * The request was refused and nothing was traded.
   *
   * @param code the failure code (a {@code FailureCode} name or a Lighter error code)
   */
  public static Notice rejected(TradeContext trade, TradeAction action, String code, String reason) {
    return tradeNotice(Severity.WARNING, "Trade rejected", trade, lines -> lines
      .action(action)
      .text("Code", code)
      .text("Reason", reason));
  }

  /**
   * The configured leverage could not be set on a position the account already holds; the position keeps the
   * leverage in force, and its stop-loss distance follows that one.
   */
  public static Notice leverageUnchanged(TradeContext trade, String configured, String inForce, String reason) {
    return tradeNotice(Severity.WARNING, "Leverage not changed", trade, lines -> lines
      .text("Configured", configured)
      .text("In force", inForce)
      .text("Reason", reason));
  }

  /**
   * A risk rail refused the opening (its {@code RAIL_…} code and the numbers it compared): nothing was sent.
   *
   * @param unnotified refusals by the same rail since its last notice, which were not notified each
   */
  public static Notice refused(TradeContext trade, TradeAction action, String code, String reason, int unnotified) {
    return tradeNotice(Severity.WARNING, "Trade refused by a rail", trade, lines -> lines
      .action(action)
      .text("Code", code)
      .text("Reason", reason)
      .text("Also refused", unnotified == 0 ? null : unnotified + " since the last notice"));
  }

  /**
   * A loss rail reached 80 % of its limit: one more loss of the same size trips the kill switch.
   *
   * @param rail the rail's name as the settings spell it
   */
  public static Notice lossWarning(long accountIndex, String accountName, String rail, BigDecimal used,
                                   BigDecimal limit) {
    return new Notice(Severity.WARNING, "Loss limit at 80 %", new Lines()
      .text("Account", account(accountIndex, accountName))
      .text("Rail", rail)
      .amount("Used", used.setScale(QUOTE_DECIMALS, RoundingMode.HALF_UP))
      .amount("Limit", limit)
      .lines());
  }



  /**
   * The request was attempted and gave up. Urgent when it should have reduced exposure (close or
   * decrease), since the position the leader left is still open here.
   */
  public static Notice failedAfterRetries(TradeContext trade, TradeAction action, int attempts, String lastError) {
    Objects.requireNonNull(action, "action");
    Severity severity = action == TradeAction.CLOSE || action == TradeAction.DECREASE
      ? Severity.URGENT : Severity.WARNING;
    return tradeNotice(severity, "Trade failed after retries", trade, lines -> lines
      .action(action)
      .text("Attempts", Integer.toString(attempts))
      .text("Last error", lastError));
  }

  /**
   * The service cannot tell whether the order executed, or executed but did not see it finish: someone has to
   * look at the account. Nothing more is sent for the request.
   */
  public static Notice outcomeUnknown(TradeContext trade, TradeAction action, String problem) {
    Objects.requireNonNull(action, "action");
    return tradeNotice(Severity.URGENT, "Trade outcome UNKNOWN: check the account", trade, lines -> lines
      .action(action)
      .text("Problem", problem));
  }

  /** The request waited longer than it may and was dropped unexecuted. */
  public static Notice expired(TradeContext trade, TradeAction action, Duration waited) {
    return tradeNotice(Severity.WARNING, "Trade request expired", trade, lines -> lines
      .action(action)
      .text("Waited", waited == null ? null : duration(waited)));
  }

  /**
   * The exchange is treated as down (the health verticle's transition): its health checks kept failing, or the
   * client's circuit breaker opened after repeated failures of the service's own calls.
   *
   * @param failedChecks consecutive failed health checks at this transition
   * @param breakerOpen whether the circuit breaker is open, the cause whatever the checks say
   * @param lastError the last check's error, or null when there was none
   */
  public static Notice lighterDown(int failedChecks, boolean breakerOpen, String lastError) {
    return new Notice(Severity.URGENT, "Lighter is DOWN: trading paused", new Lines()
      .text("Reason", breakerOpen ? "circuit breaker open after repeated exchange failures"
        : "consecutive failed health checks")
      .text("Failed checks", Integer.toString(failedChecks))
      .text("Last error", lastError)
      .lines());
  }

  /** @param downtime how long it was down, or null when not known */
  public static Notice lighterUp(Duration downtime) {
    return new Notice(Severity.INFO, "Lighter is back up", new Lines()
      .text("Down for", downtime == null ? null : duration(downtime))
      .lines());
  }

  /** The node lost its journal's database (the health verticle's transition); the journal reconnects by itself. */
  public static Notice journalDown(String nodeId) {
    return new Notice(Severity.URGENT, "Journal is DOWN: requests refused", new Lines()
      .text("Node", nodeId)
      .text("Reason", "the journal's database cannot be reached; the service reconnects by itself")
      .text("Requests", "new ones are refused with 503; those in flight wait and go on once it is back")
      .lines());
  }

  /** @param downtime how long the node had no journal, to within the health checks' interval */
  public static Notice journalUp(String nodeId, Duration downtime) {
    return new Notice(Severity.INFO, "Journal is back up", new Lines()
      .text("Node", nodeId)
      .text("Down for", duration(downtime))
      .lines());
  }

  public static Notice startup(StartupSummary summary) {
    String accounts = summary.accounts().stream()
      .map(account -> account(account.index(), account.name()))
      .collect(Collectors.joining(", "));
    String markets = summary.marketSymbols().size()
      + (summary.marketSymbols().isEmpty() ? "" : " (" + String.join(", ", summary.marketSymbols()) + ")");
    Lines lines = new Lines()
      .text("Mode", summary.mode().name())
      .text("Accounts", summary.accounts().size() + (accounts.isEmpty() ? "" : ": " + accounts))
      .text("Markets", markets);
    summary.accounts().forEach(account -> lines.text("Rails " + account(account.index(), account.name()),
      account.rails()));
    return new Notice(Severity.INFO, "Copy trader started", lines.lines());
  }

  static String amount(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  static String signed(BigDecimal value) {
    return value.signum() > 0 ? "+" + amount(value) : amount(value);
  }

  static String duration(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    long hours = seconds / 3600;
    long minutes = seconds % 3600 / 60;
    long rest = seconds % 60;
    if (hours > 0) {
      return hours + "h " + minutes + "m " + rest + "s";
    }
    return minutes > 0 ? minutes + "m " + rest + "s" : rest + "s";
  }

  private static String account(long index, String name) {
    return name == null || name.isBlank() ? "#" + index : name + " (#" + index + ")";
  }

  /** A notice about one trade: account and market first, the request id last, the given lines between. */
  private static Notice tradeNotice(Severity severity, String title, TradeContext trade,
                                    UnaryOperator<Lines> body) {
    return new Notice(severity, title, body.apply(builder(trade)).request(trade).lines(), trade.fanout());
  }

  private static Lines builder(TradeContext trade) {
    Lines lines = new Lines().text("Account", account(trade.accountIndex(), trade.accountName()));
    if (trade.symbol() != null && trade.marketId() != null) {
      return lines.text("Market", trade.symbol() + " (id " + trade.marketId() + ")");
    }
    if (trade.symbol() != null) {
      return lines.text("Market", trade.symbol());
    }
    return lines.text("Market", trade.marketId() == null ? null : "id " + trade.marketId());
  }

  /** Collects lines, skipping unknown values so a message never shows "null". */
  private static final class Lines {

    private final List<Line> lines = new ArrayList<>();

    Lines text(String label, String value) {
      if (value != null) {
        lines.add(new Line(label, value));
      }
      return this;
    }

    Lines amount(String label, BigDecimal value) {
      return text(label, value == null ? null : Notices.amount(value));
    }

    Lines pnl(String label, BigDecimal value) {
      return text(label, value == null ? null : signed(value));
    }

    Lines side(Side side) {
      return text("Side", side.direction());
    }

    Lines action(TradeAction action) {
      return text("Action", action == null ? null : action.name());
    }

    Lines fill(Fill fill) {
      BigDecimal notional = fill.size().multiply(fill.price()).setScale(QUOTE_DECIMALS, RoundingMode.HALF_EVEN);
      return side(fill.side())
      .amount("Size", fill.size())
      .amount("Price", fill.price())
      .text("Value", notional.toPlainString());
    }

    Lines stopLoss(StopLoss stopLoss) {
      return side(stopLoss.positionSide())
      .amount("Trigger", stopLoss.triggerPrice())
      .amount("Size", stopLoss.size());
    }

    Lines request(TradeContext trade) {
      return text("Request", trade.requestId());
    }

    List<Line> lines() {
      return lines;
    }
  }
}
