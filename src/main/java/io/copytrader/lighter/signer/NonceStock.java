package io.copytrader.lighter.signer;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Schnorr nonces made ahead of the messages they will sign. A nonce k and its commitment r = w(k G) are three
 * quarters of a signature's work and depend on nothing of the message, so they are made while signing is quiet, and
 * a burst (one signal to a thousand accounts) spends only the challenge hash and one scalar product per signature.
 *
 * <p>Each nonce is handed out once and then forgotten: two signatures with one nonce reveal the key. It is drawn from
 * the same {@link SecureRandom} a nonce made on the spot would be, and lives only in this process's memory, as the
 * keys do. When the stock is empty the nonce is made on the spot. One daemon thread refills the stock, and only once
 * no nonce has been taken for {@link #QUIET}: a refill never competes for the CPU with the burst it prepares for.
 */
final class NonceStock implements AutoCloseable {

  /** A nonce and the encoding of its commitment w(k G). */
  record Nonce(BigInteger k, long[] commitment) {
  }

  /** Two signals' worth for a thousand accounts. */
  static final int CAPACITY = 2048;
  /** How long no nonce may have been taken before the stock is refilled. */
  static final Duration QUIET = Duration.ofMillis(50);

  private final ConcurrentLinkedQueue<Nonce> stock = new ConcurrentLinkedQueue<>();
  private final AtomicInteger count = new AtomicInteger();
  private final int capacity;
  private final Supplier<BigInteger> randomScalar;
  private final long quietNanos;
  private final Thread refiller;
  private volatile long lastTakeNanos;
  private volatile boolean closed;

  /** @param quiet how long no nonce may have been taken before the stock is refilled */
  NonceStock(int capacity, Duration quiet, Supplier<BigInteger> randomScalar) {
    this.capacity = capacity;
    this.randomScalar = randomScalar;
    this.quietNanos = quiet.toNanos();
    this.lastTakeNanos = System.nanoTime() - quietNanos;
    this.refiller = new Thread(this::refill, "signing-nonces");
    refiller.setDaemon(true);
    refiller.start();
  }

  /** The stock every signature of the service draws from, made (and its refilling started) on first use. */
  static NonceStock shared() {
    return Shared.STOCK;
  }

  /** A nonce never handed out before, from the stock when it holds one, else made now. */
  Nonce take() {
    lastTakeNanos = System.nanoTime();
    Nonce made = stock.poll();
    if (made == null) {
      return make(randomScalar.get());
    }
    if (count.decrementAndGet() == capacity - 1) {
      // It was full, so the refiller waits without a deadline: tell it there is room.
      LockSupport.unpark(refiller);
    }
    return made;
  }

  /** Nonces ready now. */
  int available() {
    return count.get();
  }

  int capacity() {
    return capacity;
  }

  /** The nonce k with its commitment: what a signature with k needs besides the message. */
  static Nonce make(BigInteger k) {
    return new Nonce(k, FixedBaseTable.generator().multiply(Scalar.limbs(k)).encode());
  }

  /** Stops refilling; what the stock holds is still handed out. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(refiller);
  }

  private void refill() {
    while (!closed) {
      if (count.get() >= capacity) {
        LockSupport.park(this);
        continue;
      }
      long quietFor = System.nanoTime() - lastTakeNanos;
      if (quietFor < quietNanos) {
        LockSupport.parkNanos(this, quietNanos - quietFor);
        continue;
      }
      stock.add(make(randomScalar.get()));
      count.incrementAndGet();
    }
  }

  private static final class Shared {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final NonceStock STOCK = new NonceStock(CAPACITY, QUIET, () -> Scalar.random(RANDOM));
  }
}
