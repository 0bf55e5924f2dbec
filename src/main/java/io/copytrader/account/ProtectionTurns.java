package io.copytrader.account;

import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Which of the node's accounts may next wait for room in the rate budget for a protection run that reads at the
 * protection's priority (a start's, a reconnect's, and ahead of those one an operator or the journal's return asks
 * for), and then read. Such a run used to take its account's queue as soon as it was due and hold it while its reads
 * waited for room; with a thousand accounts started together those waits added up to minutes, and a signal for an
 * account whose run was still waiting waited with it (BENCHMARKS.md section 6, the first signal after ready). Now a run
 * waits here for its turn, then for room, both out of its account's queue, where a trade does not wait behind it; it
 * gives the turn back once its reads have left (the rate budget spends their room as they are made), or at once when
 * its account is busy with a request (the run then follows the request, as any run does). The waits for room do not
 * overlap: a wait for room spends nothing, so several at once would all be let go by the same room and then wait again,
 * in their queues. Used from every account's context.
 */
final class ProtectionTurns {

  /** One at a time: the budget paces the runs anyway, and a turn lasts only a wait for room. */
  static final int AT_ONCE = 1;

  /** One account's claim on a turn, used from the account's context only. */
  final class Turn {

    private boolean asked;
    private boolean held;
    /** What the node's queue of turns holds for this account while it is asked and not granted. */
    private Runnable pending;
    /** Read where a turn is granted, on the thread of the account that gave it back. */
    private volatile boolean stopped;

    private Turn() {
    }

    /**
     * Runs {@code granted} on the account's {@code context} once a turn is free; asking again before it is granted
     * asks for nothing more (the run it grants covers both). The turn is held until {@link #ended}.
     */
    void ask(Context context, Runnable granted) {
      ask(context, granted, false);
    }

    /**
     * {@link #ask}, ahead of every account still waiting (a turn already asked for moves there): for a run an
     * operator or the journal's return asks for, which should not wait behind a start's runs.
     */
    void askFirst(Context context, Runnable granted) {
      ask(context, granted, true);
    }

    private void ask(Context context, Runnable granted, boolean first) {
      if (stopped) {
        return;
      }
      if (asked) {
        if (first) {
          promote(pending);
        }
        return;
      }
      if (held) {
        granted.run();
        return;
      }
      asked = true;
      pending = () -> {
        if (stopped) {
          release();
          return;
        }
        context.runOnContext(ignored -> grantHere(granted));
      };
      enqueue(pending, first);
    }

    private void grantHere(Runnable granted) {
      asked = false;
      pending = null;
      if (stopped) {
        release();
        return;
      }
      held = true;
      granted.run();
    }

    /** Whether a turn was asked for and is not granted yet. */
    boolean awaited() {
      return asked;
    }

    /** A run ended: the turn, if this account held one, goes to the next account waiting. */
    void ended() {
      if (held) {
        held = false;
        release();
      }
    }

    /** The account stops: a turn held is given back, one granted later is given back at once. */
    void stop() {
      stopped = true;
      ended();
    }
  }

  private final int atOnce;
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int taken;

  ProtectionTurns(int atOnce) {
    if (atOnce < 1) {
      throw new IllegalArgumentException("at least one protection run must be able to run");
    }
    this.atOnce = atOnce;
  }

  /** A claim for one account. */
  Turn turn() {
    return new Turn();
  }

  private void enqueue(Runnable grant, boolean first) {
    boolean now;
    synchronized (this) {
      now = taken < atOnce;
      if (now) {
        taken++;
      } else if (first) {
        waiting.addFirst(grant);
      } else {
        waiting.addLast(grant);
      }
    }
    if (now) {
      grant.run();
    }
  }

  /** Moves a grant still waiting to the front; one already let go stays as it is. */
  private synchronized void promote(Runnable grant) {
    if (waiting.remove(grant)) {
      waiting.addFirst(grant);
    }
  }

  private void release() {
    Runnable next;
    synchronized (this) {
      next = waiting.pollFirst();
      if (next == null) {
        taken--;
      }
    }
    if (next != null) {
      next.run();
    }
  }
}
