package io.copytrader.notify;

import io.copytrader.config.FanoutNoticeSettings;
import io.copytrader.notify.Notice.Severity;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sums up the notices of one signal sent to many accounts (README.md, "Notifications"): the first notice of a
 * signal opens a window of {@code NOTIFY_FANOUT_WINDOW_MS}; every notice of the signal within it is logged in full
 * and gathered, and when it ends one summary ({@link FanoutDigest}) goes to Telegram instead of one message per
 * account. A notice arriving later opens the next window. The first {@link #URGENT_ALONE} URGENT notices of a
 * window are also sent alone at once, since each asks someone to act on an account now; beyond those they are
 * listed first in the summary, so a burst of them cannot fill the queue and push out everything else. Notices of
 * a signal to fewer than {@code NOTIFY_FANOUT_MIN_ACCOUNTS} accounts, or of none, are not taken.
 *
 * <p>Used on the notifier's event loop only.
 */
final class FanoutCoalescer {

  /** URGENT notices of one window sent alone as they arrive, besides the summary. */
  static final int URGENT_ALONE = 5;

  private static final Logger LOG = LoggerFactory.getLogger(FanoutCoalescer.class);

  private final Vertx vertx;
  private final FanoutNoticeSettings settings;
  private final Consumer<Notice> send;
  private final Map<String, Window> open = new HashMap<>();
  private final AtomicLong summedUp = new AtomicLong();

  /** One signal's window: its digest, its timer, and how many of its URGENT notices went alone. */
  private static final class Window {

    private final FanoutDigest digest;
    private long timerId;
    private int urgentAlone;

    Window(Fanout fanout) {
      digest = new FanoutDigest(fanout);
    }
  }

  /** @param send hands a notice, a summary or an URGENT one sent alone, to the notifier's queue */
  FanoutCoalescer(Vertx vertx, FanoutNoticeSettings settings, Consumer<Notice> send) {
    this.vertx = vertx;
    this.settings = settings;
    this.send = send;
  }

  /** Notices summed up since the start instead of being sent alone. */
  long summedUp() {
    return summedUp.get();
  }

  /** @return whether the notice is the coalescer's to send; when false, the caller sends it alone as ever */
  boolean take(Notice notice) {
    Fanout fanout = notice.fanout();
    if (fanout == null || !settings.sumsUp(fanout.accounts())) {
      return false;
    }
    Window window = open.computeIfAbsent(fanout.key(), key -> opened(fanout));
    window.digest.add(notice);
    summedUp.incrementAndGet();
    if (notice.severity() == Severity.URGENT) {
      LOG.warn("Notice of signal {}: {}", fanout.key(), NoticeRenderer.plain(notice));
      if (window.urgentAlone < URGENT_ALONE) {
        window.urgentAlone++;
        send.accept(notice);
      }
    } else {
      LOG.info("Notice of signal {}: {}", fanout.key(), NoticeRenderer.plain(notice));
    }
    return true;
  }

  /** Cancels the windows, logging the summaries they would have sent (their notices are already logged). */
  void stop() {
    open.values().forEach(window -> {
      vertx.cancelTimer(window.timerId);
      LOG.warn("Notice unsent at shutdown: {}", NoticeRenderer.plain(window.digest.summary()));
    });
    open.clear();
  }

  private Window opened(Fanout fanout) {
    Window window = new Window(fanout);
    window.timerId = vertx.setTimer(settings.window().toMillis(), id -> close(fanout.key(), window));
    return window;
  }

  private void close(String key, Window window) {
    open.remove(key, window);
    boolean onlyTheUrgentSentAlone = window.digest.notices() == 1 && window.urgentAlone == 1;
    if (!onlyTheUrgentSentAlone) {
      send.accept(window.digest.summary());
    }
  }
}
