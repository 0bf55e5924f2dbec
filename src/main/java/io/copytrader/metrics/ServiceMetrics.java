package io.copytrader.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The service's own meters, registered beside Vert.x's HTTP server metrics and scraped in Prometheus text
 * format at {@code /metrics}.
 */
public final class ServiceMetrics {

  /** How the idempotency key of a target submitted for a leader change begins (leader/FollowKeys). */
  public static final String FOLLOW_KEY_PREFIX = "follow:";

  private final PrometheusMeterRegistry registry;
  private final Timer acceptedToSent;
  private final Timer sentToFilled;
  private final Timer signalToSend;
  /** The functions counters read: a FunctionCounter holds its object weakly, and a lambda has no other holder. */
  private final List<Supplier<Number>> counted = new CopyOnWriteArrayList<>();

  public ServiceMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.acceptedToSent = Timer.builder("copytrade_accepted_to_sent")
      .description("Time from accepting a request to its order being sent")
      .publishPercentileHistogram()
      .register(registry);
    this.signalToSend = Timer.builder("copytrade_signal_to_send")
      .description("Service time from a signal reaching the HTTP API to its entry order's sendTx leaving")
      .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(20))
      .publishPercentileHistogram()
      .register(registry);
    this.sentToFilled = Timer.builder("copytrade_sent_to_filled")
      .description("Time from sending an order to its confirmed fill")
      .publishPercentileHistogram()
      .register(registry);
  }

  /** The registry Vert.x reports its own metrics to, or a fresh one when Vert.x runs without metrics. */
  public static ServiceMetrics forVertx() {
    MeterRegistry vertxRegistry = BackendRegistries.getDefaultNow();
    return new ServiceMetrics(vertxRegistry instanceof PrometheusMeterRegistry prometheus ? prometheus
      : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /**
   * Adds the JVM's memory pools, collections, threads and CPU to the registry Vert.x reports to, so that
   * {@code /metrics} shows how close the heap is to its cap. Once per process: the collection listener lives
   * as long as the JVM.
   */
  @SuppressWarnings("resource")
  public static void bindJvm() {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  public String scrape() {
    return registry.scrape();
  }

  /** Counts a webhook by its signal source ({@code unknown} when none matched) and how it was answered. */
  public void webhookAnswered(String source, String outcome) {
    Counter.builder("copytrade_webhook_requests_total").description("Webhook requests by signal source and outcome")
      .tag("source", source).tag("outcome", outcome).register(registry).increment();
  }

  public void requestFinished(String kind, String state) {
    Counter.builder("copytrade_requests_total").description("Requests by kind and final state")
      .tag("kind", kind).tag("state", state).register(registry).increment();
  }

  /**
   * Counts the openings {@code rail} refused ({@code copytrade_rail_refusals_total{rail}}), registered at zero now so
   * every rail shows before its first refusal; every account asking for the same rail shares one counter.
   */
  public Runnable railRefusalCounter(String rail) {
    Counter counter = Counter.builder("copytrade_rail_refusals_total")
      .description("Opening requests refused by a risk rail, by rail").tag("rail", rail).register(registry);
    return counter::increment;
  }

  public void acceptedToSent(Duration elapsed) {
    acceptedToSent.record(elapsed);
  }

  /**
   * Records a signal's time to its sendTx; a target submitted for a leader change (its idempotency key starting
   * {@code follow:}) also as that follower's {@code copytrade_leader_event_to_sendtx}.
   */
  public void signalToSend(String clientRequestId, long account, long nanos) {
    signalToSend.record(nanos, TimeUnit.NANOSECONDS);
    if (clientRequestId != null && clientRequestId.startsWith(FOLLOW_KEY_PREFIX)) {
      leaderEventTo("sendtx", account, nanos);
    }
  }

  /**
   * A leader change reached a follower's queue ({@code stage} {@code submit}: accepted and journaled) or left as the
   * follower's sendTx ({@code sendtx}), from when the change was heard.
   */
  public void leaderEventTo(String stage, long follower, long nanos) {
    Timer.builder("copytrade_leader_event_to_" + stage)
      .description("Time from hearing a leader change to a follower's " + stage)
      .tag("follower", Long.toString(follower))
      .publishPercentileHistogram()
      .register(registry)
      .record(nanos, TimeUnit.NANOSECONDS);
  }

  public void sentToFilled(Duration elapsed) {
    sentToFilled.record(elapsed);
  }

  public void lighterCall(String endpoint, String outcome) {
    Counter.builder("copytrade_lighter_calls_total").description("Lighter REST calls by endpoint and outcome")
      .tag("endpoint", endpoint).tag("outcome", outcome).register(registry).increment();
  }

  public void gauge(String name, String description, String tagKey, String tagValue, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).tag(tagKey, tagValue).register(registry);
  }

  /** A monotonic count kept elsewhere, read at scrape time. */
  public void counter(String name, String description, Supplier<Number> value) {
    counted.add(value);
    FunctionCounter.builder(name, value, supplier -> supplier.get().doubleValue()).description(description)
      .register(registry);
  }

  /** A monotonic count kept elsewhere, with one tag, read at scrape time. */
  public void counter(String name, String description, String tagKey, String tagValue, Supplier<Number> value) {
    counted.add(value);
    FunctionCounter.builder(name, value, supplier -> supplier.get().doubleValue()).description(description)
      .tag(tagKey, tagValue).register(registry);
  }

  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }
}
