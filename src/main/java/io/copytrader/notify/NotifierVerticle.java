package io.copytrader.notify;

import io.copytrader.Addresses;
import io.copytrader.config.TelegramConfig;
import io.copytrader.metrics.ServiceMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notices published on {@link Addresses#NOTIFY} to Telegram, one at a time and at most one per
 * {@code minInterval}. Producers publish and move on: the consumer only enqueues, so a slow or failing
 * Telegram never reaches a trade. When the queue is full the least severe, oldest notice goes first, so an
 * URGENT one is dropped only when everything waiting is URGENT. Anything not delivered is logged in full.
 * With Telegram not configured, notices are logged instead. The notices of one signal sent to many accounts are
 * summed up in one message ({@link FanoutCoalescer}); with Telegram off each is logged as any other.
 *
 * <p>The queue and the send state are touched only on this verticle's event loop; the counters are atomic
 * so metrics can read them from anywhere: the verticle registers them as {@code copytrade_telegram_*}.
 */
public final class NotifierVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(NotifierVerticle.class);

  private final TelegramConfig config;
  private final NotifierSettings settings;
  private final ServiceMetrics metrics;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicInteger queued = new AtomicInteger();
  private MessageConsumer<JsonObject> consumer;
  private TelegramClient client;
  private FanoutCoalescer fanouts;
  private Pending inFlight;
  private long timerId = -1;
  private long nextSendAtNanos = System.nanoTime();
  private boolean stopped;

  /** A notice waiting to be sent, with what its earlier attempts ran into. */
  private record Pending(Notice notice, Instant receivedAt, int failures, int rateLimitWaits) {

    Pending failedOnce() {
      return new Pending(notice, receivedAt, failures + 1, rateLimitWaits);
    }

    Pending rateLimitedOnce() {
      return new Pending(notice, receivedAt, failures, rateLimitWaits + 1);
    }
  }

  public NotifierVerticle(TelegramConfig config, ServiceMetrics metrics) {
    this(config, NotifierSettings.defaults(), metrics);
  }

  public NotifierVerticle(TelegramConfig config, NotifierSettings settings, ServiceMetrics metrics) {
    this.config = config;
    this.settings = settings;
    this.metrics = metrics;
  }

  public NotifierCounters counters() {
    return new NotifierCounters(sent.get(), failed.get(), dropped.get(), queued.get());
  }

  @Override
  public Future<?> start() {
    metrics.counter("copytrade_telegram_sent", "Telegram messages delivered", () -> counters().sent());
    metrics.counter("copytrade_telegram_failed", "Telegram messages given up", () -> counters().failed());
    metrics.counter("copytrade_telegram_dropped", "Notices dropped from a full queue",
      () -> counters().dropped());
    if (!config.enabled()) {
      // The configuration has already warned that Telegram is unset; this only states the mode, as "on" does.
      LOG.info("Telegram notifications off: notices are only logged");
      consumer = vertx.eventBus().localConsumer(Addresses.NOTIFY, this::log);
    } else {
      client = new TelegramClient(vertx, config, settings.requestTimeout());
      fanouts = new FanoutCoalescer(vertx, config.fanout(), this::enqueue);
      metrics.counter("copytrade_telegram_summed_up", "Notices of a signal to many accounts sent in its summary",
        fanouts::summedUp);
      consumer = vertx.eventBus().localConsumer(Addresses.NOTIFY, this::received);
      LOG.info("Telegram notifications on for chat {}{}", config.chatId(),
        config.threadId() == null ? "" : " thread " + config.threadId());
    }
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    if (timerId != -1) {
      vertx.cancelTimer(timerId);
    }
    if (fanouts != null) {
      fanouts.stop();
    }
    if (inFlight != null) {
      LOG.warn("Notice possibly unsent at shutdown: {}", NoticeRenderer.plain(inFlight.notice()));
    }
    queue.forEach(pending -> LOG.warn("Notice unsent at shutdown: {}", NoticeRenderer.plain(pending.notice())));
    Future<Void> unregistered = consumer.unregister();
    return client == null ? unregistered : unregistered.andThen(ignored -> client.close());
  }

  private void log(Message<JsonObject> message) {
    parse(message).ifPresent(notice -> LOG.info("Notice: {}", NoticeRenderer.plain(notice)));
  }

  private void received(Message<JsonObject> message) {
    parse(message).filter(notice -> !fanouts.take(notice)).ifPresent(this::enqueue);
  }

  private void enqueue(Notice notice) {
    Pending incoming = new Pending(notice, Instant.now(), 0, 0);
    if (makeRoomFor(incoming)) {
      queue.addLast(incoming);
    }
    queued.set(queue.size());
    pump();
  }

  private Optional<Notice> parse(Message<JsonObject> message) {
    try {
      return Optional.of(Notice.fromJson(message.body()));
    } catch (RuntimeException malformed) {
      dropped.incrementAndGet();
      LOG.warn("Dropped a malformed notice: {}", malformed.toString());
      return Optional.empty();
    }
  }

  /**
   * Frees a slot by dropping the least severe, oldest notice, counting the incoming one as the newest.
   *
   * @return whether the incoming notice should be queued
   */
  private boolean makeRoomFor(Pending incoming) {
    while (queue.size() >= settings.queueCapacity()) {
      Pending victim = leastSevereOldest();
      if (victim.notice().severity().compareTo(incoming.notice().severity()) > 0) {
        drop(incoming);
        return false;
      }
      queue.remove(victim);
      drop(victim);
    }
    return true;
  }

  private Pending leastSevereOldest() {
    Iterator<Pending> waiting = queue.iterator();
    Pending least = waiting.next();
    while (waiting.hasNext()) {
      Pending next = waiting.next();
      if (next.notice().severity().compareTo(least.notice().severity()) < 0) {
        least = next;
      }
    }
    return least;
  }

  private void drop(Pending pending) {
    LOG.warn("Notification queue full ({} waiting); dropped: {}", settings.queueCapacity(),
      NoticeRenderer.plain(pending.notice()));
    dropped.incrementAndGet();
  }

  private void pump() {
    if (stopped || inFlight != null || timerId != -1 || queue.isEmpty()) {
      return;
    }
    long waitNanos = nextSendAtNanos - System.nanoTime();
    if (waitNanos > 0) {
      timerId = vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos) + 1), id -> {
        timerId = -1;
        pump();
      });
      return;
    }
    inFlight = queue.pollFirst();
    queued.set(queue.size());
    client.sendMessage(NoticeRenderer.html(inFlight.notice(), inFlight.receivedAt()))
      .onComplete(done -> settle(done.succeeded() ? done.result()
        : new SendResult.Failed(true, 0, done.cause().getClass().getSimpleName())));
  }

  private void settle(SendResult result) {
    Pending pending = inFlight;
    inFlight = null;
    Duration pause = settings.minInterval();
    if (result instanceof SendResult.Sent) {
      sent.incrementAndGet();
    } else if (result instanceof SendResult.RateLimited limited) {
      pause = max(pause, rateLimited(pending, limited));
    } else if (result instanceof SendResult.Failed failure && failure.retryable()) {
      pause = max(pause, transportFailed(pending, failure));
    } else if (result instanceof SendResult.Failed failure) {
      giveUp(pending.failedOnce(), failure.reason());
    }
    nextSendAtNanos = System.nanoTime() + pause.toNanos();
    pump();
  }

  /** @return how long the chat must stay quiet */
  private Duration rateLimited(Pending pending, SendResult.RateLimited limited) {
    Pending waited = pending.rateLimitedOnce();
    if (waited.rateLimitWaits() > settings.maxRateLimitWaits()) {
      giveUp(waited, "still rate limited after " + settings.maxRateLimitWaits() + " waits");
    } else {
      LOG.info("Telegram rate limit: retrying in {}s", limited.retryAfter().toSeconds());
      requeue(waited);
    }
    return limited.retryAfter();
  }

  /** @return the back-off before the next send, growing with each failure of the same notice */
  private Duration transportFailed(Pending pending, SendResult.Failed failure) {
    Pending retried = pending.failedOnce();
    if (retried.failures() >= settings.maxAttempts()) {
      giveUp(retried, failure.reason());
      return settings.minInterval();
    }
    LOG.warn("Telegram send failed (attempt {} of {}), will retry: {}", retried.failures(),
      settings.maxAttempts(), failure.reason());
    requeue(retried);
    return settings.minInterval().multipliedBy(retried.failures() + 1L);
  }

  private void requeue(Pending pending) {
    if (stopped) {
      LOG.warn("Notice unsent at shutdown: {}", NoticeRenderer.plain(pending.notice()));
      return;
    }
    queue.addFirst(pending);
    queued.set(queue.size());
  }

  // Logged before counted, so whoever sees the count can also find the log line.
  private void giveUp(Pending pending, String reason) {
    LOG.error("Telegram notice not delivered ({}): {}", reason, NoticeRenderer.plain(pending.notice()));
    failed.incrementAndGet();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
