package io.copytrader.account;

import static io.copytrader.lighter.LighterErrorCodes.INVALID_NONCE;

import io.copytrader.cluster.LeaseBook;
import io.copytrader.config.AccountConfig;
import io.copytrader.journal.LeaseLostException;
import io.copytrader.lighter.ExchangeClock;
import io.copytrader.lighter.TradingApi;
import io.copytrader.lighter.LighterException;
import io.copytrader.lighter.SendTxResult;
import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.lighter.signer.InvalidTxException;
import io.copytrader.lighter.signer.LighterTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxSigner;
import io.vertx.core.Future;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * One account's signing identity on Lighter: its API key, its nonces and its auth token. Used from the
 * account's own context only, one transaction at a time, as Lighter's per-key nonces require. Nothing leaves
 * unless the account's send gate ({@link LeaseBook#maySend}) is open right before it is sent.
 */
public final class ExchangeSession {

  /** Lighter accepts auth tokens up to 8 h ahead; ten minutes, renewed a minute early, as its SDK does. */
  private static final long AUTH_TOKEN_SECONDS = 600;
  private static final long AUTH_TOKEN_RENEW_SECONDS = 60;

  private final TradingApi lighter;
  private final ExchangeClock clock;
  private final AccountConfig account;
  private final ApiKey key;
  private final TxSigner signer;
  private final LeaseBook leases;
  private final long epoch;
  private NonceKeeper nonces;
  private boolean nonceAskedAhead;
  /**
   * The transaction whose outcome is unknown, or null. Its nonce is the next one signed: if it landed, the
   * exchange refuses whatever else carries that nonce, so a replacement can never execute beside it.
   */
  private InDoubtTx doubt;
  private final MarginFractions marginFractions = new MarginFractions();
  private String authToken;
  private long authTokenDeadline;

  /** A transaction about to be sent: what the journal records before it leaves. */
  record Signed(long nonce, SignedTx tx) {
  }

  /** @param epoch the epoch of the account's lease this session sends under */
  public ExchangeSession(TradingApi lighter, ExchangeClock clock, AccountConfig account, ApiKey key, TxSigner signer,
                         LeaseBook leases, long epoch) {
    this.lighter = lighter;
    this.clock = clock;
    this.account = account;
    this.key = key;
    this.signer = signer;
    this.leases = leases;
    this.epoch = epoch;
  }

  /** How far this host's clock may be from the exchange's, which judges every transaction's {@code ExpiredAt}. */
  ExchangeClock exchangeClock() {
    return clock;
  }

  /**
   * Sends a signed transaction if this node may still send for the account, asked now and again right before it
   * leaves (after any wait for the rate budget or a connection); otherwise fails with {@link LeaseLostException}
   * without sending.
   */
  private Future<SendTxResult> gatedSend(int txType, String txInfo) {
    if (!maySend()) {
      return Future.failedFuture(leaseLost());
    }
    return lighter.sendTx(txType, txInfo, this::maySend).recover(failure ->
      Future.failedFuture(failure instanceof LighterException error && error.kind() == LighterException.Kind.WITHHELD
        ? leaseLost() : failure));
  }

  private boolean maySend() {
    return leases.maySend(account.accountIndex(), epoch);
  }

  private LeaseLostException leaseLost() {
    return new LeaseLostException("account " + account.accountIndex()
      + ": this node's lease is lost or not renewed in time; nothing is sent");
  }

  TradingApi lighter() {
    return lighter;
  }

  /** The account's initial margin fractions as REST reported them: what its stop-losses are computed from. */
  MarginFractions marginFractions() {
    return marginFractions;
  }

  long accountIndex() {
    return account.accountIndex();
  }

  int apiKeyIndex() {
    return account.apiKeyIndex();
  }

  public String authToken() {
    long now = System.currentTimeMillis() / 1000;
    if (authToken == null || now >= authTokenDeadline - AUTH_TOKEN_RENEW_SECONDS) {
      authTokenDeadline = now + AUTH_TOKEN_SECONDS;
      authToken = AuthToken.create(key, account.accountIndex(), account.apiKeyIndex(), authTokenDeadline);
    }
    return authToken;
  }

  /**
   * Signs the transaction built for the next nonce, lets the caller journal it, and sends it. A 21104
   * reloads the nonce from the exchange, re-signs and resends once, except for the replacement of a transaction
   * in doubt: a 21104 then means the doubtful one used the nonce, so it landed and is answered
   * {@link SendOutcome.NonceConsumed} instead of being sent a second time.
   *
   * @param clientOrderIndex the order the transaction creates or changes, to recognise a replacement
   * @param exactlyOnce whether a lost answer leaves the transaction in doubt, to be settled before the order is
   *   sent again (entries, whose repetition would trade twice); stop-loss changes are idempotent and are not
   */
  Future<SendOutcome> send(long clientOrderIndex, boolean exactlyOnce, LongFunction<LighterTx> build,
                           Function<Signed, Future<?>> beforeSend) {
    return nonce().compose(nonce -> send(nonce, clientOrderIndex, exactlyOnce, build, beforeSend, true));
  }

  /** Whether the transaction in doubt is the one for {@code clientOrderIndex}. */
  boolean inDoubt(long clientOrderIndex) {
    return doubt != null && doubt.clientOrderIndex() == clientOrderIndex;
  }

  /**
   * Takes over a transaction journaled before a stop whose outcome was never learnt: its nonce is signed next,
   * whatever the exchange's {@code nextNonce} says, since that lookup may lag behind the transaction.
   */
  void adoptDoubt(InDoubtTx tx) {
    doubt = tx;
    if (nonces == null) {
      nonces = new NonceKeeper(account.accountIndex(), account.apiKeyIndex(), tx.nonce());
    } else {
      nonces.reload(tx.nonce());
    }
  }

  /**
   * The transaction in doubt is settled: it landed, or failed in the sequencer ({@code consumed}), so its nonce
   * is used; or it expired unused, and the nonce stays the next one.
   */
  void settled(InDoubtTx tx, boolean consumed) {
    if (doubt != null && doubt.nonce() == tx.nonce()) {
      doubt = null;
    }
    if (consumed && nonces != null && nonces.nextNonce() == tx.nonce() && !nonces.inFlight()) {
      nonces.reload(tx.nonce() + 1);
    }
  }

  /**
   * Sends the very bytes of a transaction in doubt again: the exchange applies a nonce once, so the copy can
   * only get the transaction there if it never arrived, never execute it twice.
   */
  Future<Rebroadcast> rebroadcast(InDoubtTx tx) {
    return gatedSend(tx.txType(), tx.txInfo())
      .map(sent -> {
        settled(tx, true);
        return Rebroadcast.QUEUED;
      })
      .recover(failure -> failure instanceof LeaseLostException ? Future.failedFuture(failure)
        : Future.succeededFuture(failure instanceof LighterException error && error.hasCode(INVALID_NONCE)
        ? Rebroadcast.NONCE_USED : Rebroadcast.NO_EVIDENCE));
  }

  /** What sending a transaction in doubt again showed. */
  enum Rebroadcast {
    /** The exchange queued it now: it was not there before, and it is there now. */
    QUEUED,
    /** Its nonce is used: the transaction (or a copy) reached the exchange. */
    NONCE_USED,
    /** Lost, refused for another reason, or expired: says nothing. */
    NO_EVIDENCE
  }

  private Future<SendOutcome> send(long nonce, long clientOrderIndex, boolean exactlyOnce,
                                   LongFunction<LighterTx> build, Function<Signed, Future<?>> beforeSend,
                                   boolean mayReload) {
    LighterTx tx;
    SignedTx signed;
    try {
      tx = build.apply(nonce);
      signed = signer.sign(key, tx);
    } catch (InvalidTxException e) {
      // Refused before signing: nothing was sent, so the nonce is still the next one.
      nonces.release(nonce);
      return Future.failedFuture(e);
    }
    // Composed rather than called, so that even a journal call that throws releases the reserved nonce.
    return Future.succeededFuture(new Signed(nonce, signed))
      .compose(journaling -> beforeSend.apply(journaling).mapEmpty())
      .onFailure(journalFailure -> nonces.release(nonce))
      .compose(journaled -> gatedSend(signed.txType(), signed.txInfo())
        .transform(sent -> {
          if (sent.succeeded()) {
            nonces.confirm(nonce);
            if (doubt != null && doubt.nonce() == nonce) {
              doubt = null;
            }
            return Future.succeededFuture(new SendOutcome.Accepted(signed, nonce));
          }
          if (!(sent.cause() instanceof LighterException error)) {
            nonces.release(nonce);
            return Future.failedFuture(sent.cause());
          }
          // The same nonce goes to whatever replaces an unanswered tx: if that tx was applied after all,
          // its replacement is refused with 21104 instead of executing twice.
          nonces.release(nonce);
          if (error.outcomeUnknown() && exactlyOnce) {
            doubt = new InDoubtTx(clientOrderIndex, nonce, signed.txType(), signed.txHashHex(), signed.txInfo(),
              tx.expiredAt());
            return Future.succeededFuture(new SendOutcome.Unknown(signed, nonce, error));
          }
          if (error.hasCode(INVALID_NONCE) && doubt != null && doubt.nonce() == nonce) {
            if (exactlyOnce && doubt.clientOrderIndex() == clientOrderIndex) {
              return Future.succeededFuture(new SendOutcome.NonceConsumed(signed, error));
            }
            // Another order's transaction in doubt used the nonce, so it landed: this one moves past it.
            doubt = null;
          }
          if (error.hasCode(INVALID_NONCE) && mayReload) {
            return reloadNonce().compose(fresh -> send(fresh, clientOrderIndex, exactlyOnce, build, beforeSend, false));
          }
          if (error.retryable()) {
            return Future.succeededFuture(new SendOutcome.NotSent(error));
          }
          return Future.succeededFuture(new SendOutcome.Rejected(signed, error));
        }));
  }

  /**
   * Reads the key's next nonce ahead of its first transaction, once, through {@code reads}, so that the first
   * signal after a start does not wait for that read. What it learns is used only while no nonce is known: one a
   * transaction's own path read, reloaded or adopted from a transaction in doubt meanwhile is as new or newer, and a
   * transaction may already be signed with it. Never fails; without an answer the first transaction reads the nonce
   * itself, as it would have.
   */
  Future<Void> learnNonceAhead(TradingApi reads) {
    if (nonces != null || nonceAskedAhead) {
      return Future.succeededFuture();
    }
    nonceAskedAhead = true;
    return reads.nextNonce(account.accountIndex(), account.apiKeyIndex()).<Void>map(next -> {
      if (nonces == null) {
        nonces = new NonceKeeper(account.accountIndex(), account.apiKeyIndex(), next);
      }
      return null;
    }).otherwiseEmpty();
  }

  private Future<Long> nonce() {
    if (nonces != null) {
      return Future.succeededFuture(nonces.reserve());
    }
    return reloadNonce();
  }

  private Future<Long> reloadNonce() {
    return lighter.nextNonce(account.accountIndex(), account.apiKeyIndex()).map(next -> {
      if (nonces == null) {
        nonces = new NonceKeeper(account.accountIndex(), account.apiKeyIndex(), next);
      } else {
        nonces.reload(next);
      }
      return nonces.reserve();
    });
  }
}
