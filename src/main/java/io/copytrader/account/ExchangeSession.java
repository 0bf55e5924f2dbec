package io.copytrader.account;

import io.copytrader.config.AccountConfig;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.LighterException;
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
 * account's own context only, one transaction at a time, as Lighter's per-key nonces require.
 */
public final class ExchangeSession {

  /** Lighter accepts auth tokens up to 8 h ahead; ten minutes, renewed a minute early, as its SDK does. */
  private static final long AUTH_TOKEN_SECONDS = 600;
  private static final long AUTH_TOKEN_RENEW_SECONDS = 60;
  /** 21104: the nonce is not the one the exchange expects for this key. */
  static final int INVALID_NONCE = 21104;

  private final LighterClient lighter;
  private final AccountConfig account;
  private final ApiKey key;
  private final TxSigner signer;
  private NonceKeeper nonces;
  private String authToken;
  private long authTokenDeadline;

  /** A transaction about to be sent: what the journal records before it leaves. */
  record Signed(long nonce, SignedTx tx) {
  }

  public ExchangeSession(LighterClient lighter, AccountConfig account, ApiKey key, TxSigner signer) {
    this.lighter = lighter;
    this.account = account;
    this.key = key;
    this.signer = signer;
  }

  LighterClient lighter() {
    return lighter;
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
   * reloads the nonce from the exchange, re-signs and resends once.
   */
  Future<SendOutcome> send(LongFunction<LighterTx> build, Function<Signed, Future<?>> beforeSend) {
    return nonce().compose(nonce -> send(nonce, build, beforeSend, true));
  }

  private Future<SendOutcome> send(long nonce, LongFunction<LighterTx> build, Function<Signed, Future<?>> beforeSend,
                                   boolean mayReload) {
    SignedTx signed;
    try {
      signed = signer.sign(key, build.apply(nonce));
    } catch (InvalidTxException e) {
      // Refused before signing: nothing was sent, so the nonce is still the next one.
      nonces.release(nonce);
      return Future.failedFuture(e);
    }
    // Composed rather than called, so that even a journal call that throws releases the reserved nonce.
    return Future.succeededFuture(new Signed(nonce, signed))
      .compose(journaling -> beforeSend.apply(journaling).mapEmpty())
      .onFailure(journalFailure -> nonces.release(nonce))
      .compose(journaled -> lighter.sendTx(signed.txType(), signed.txInfo())
        .transform(sent -> {
          if (sent.succeeded()) {
            nonces.confirm(nonce);
            return Future.succeededFuture(new SendOutcome.Accepted(signed, nonce));
          }
          if (!(sent.cause() instanceof LighterException error)) {
            nonces.release(nonce);
            return Future.failedFuture(sent.cause());
          }
          // The same nonce goes to whatever replaces an unanswered tx: if that tx was applied after all,
          // its replacement is refused with 21104 instead of executing twice.
          nonces.release(nonce);
          if (error.outcomeUnknown()) {
            return Future.succeededFuture(new SendOutcome.Unknown(signed, nonce, error));
          }
          if (error.hasCode(INVALID_NONCE) && mayReload) {
            return reloadNonce().compose(fresh -> send(fresh, build, beforeSend, false));
          }
          if (error.retryable()) {
            return Future.succeededFuture(new SendOutcome.NotSent(error));
          }
          return Future.succeededFuture(new SendOutcome.Rejected(signed, error));
        }));
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
