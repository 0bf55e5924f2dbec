package io.copytrader.campaign;

import io.copytrader.campaign.CampaignRunner.SeedResult;
import io.copytrader.campaign.Violation.Guarantee;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.stream.LongStream;

/**
 * The seeds a run plays ({@code campaign.seeds}: {@code 1234}, {@code 1..2000}, {@code 3,17,40..45}) and what
 * they added up to: one summary line (schedules, per-seed time, restarts, faults injected and skipped by kind,
 * request states, violations by guarantee with their seeds), then each violation and the command replaying it.
 */
final class CampaignSummary {

  private final String tier;
  private final LongFunction<String> replay;
  private final List<SeedResult> results = new ArrayList<>();

  CampaignSummary(String tier, LongFunction<String> replay) {
    this.tier = tier;
    this.replay = replay;
  }

  /** Parses a seed list: numbers and inclusive ranges {@code a..b}, comma-separated. */
  static List<Long> seeds(String spec) {
    List<Long> seeds = new ArrayList<>();
    for (String part : spec.split(",")) {
      String item = part.strip();
      if (item.isEmpty()) {
        continue;
      }
      int range = item.indexOf("..");
      if (range < 0) {
        seeds.add(Long.parseLong(item));
      } else {
        LongStream.rangeClosed(Long.parseLong(item.substring(0, range).strip()),
          Long.parseLong(item.substring(range + 2).strip())).forEach(seeds::add);
      }
    }
    return seeds;
  }

  void add(SeedResult result) {
    results.add(result);
  }

  List<Violation> violations() {
    return results.stream().flatMap(result -> result.violations().stream()).toList();
  }

  /** One line for this seed, printed as the campaign goes. */
  static String progress(SeedResult result) {
    return "campaign seed " + result.seed() + ": " + result.millis() + " ms, restarts " + result.restarts()
      + ", submits " + result.submits() + ", faults " + result.injected() + ", requests " + result.states()
      + (result.violations().isEmpty() ? "" : ", VIOLATIONS " + result.violations().size() + "\n    "
        + String.join("\n    ", result.violations().stream().map(Violation::toString).toList()));
  }

  String render() {
    Map<String, Integer> injected = new TreeMap<>();
    Map<String, Integer> skipped = new TreeMap<>();
    Map<String, Integer> states = new TreeMap<>();
    Map<Guarantee, TreeSet<Long>> seedsBy = new TreeMap<>();
    Map<Guarantee, Integer> countBy = new TreeMap<>();
    int restarts = 0;
    for (SeedResult result : results) {
      result.injected().forEach((kind, count) -> injected.merge(kind.name(), count, Integer::sum));
      result.skipped().forEach((kind, count) -> skipped.merge(kind.name(), count, Integer::sum));
      result.states().forEach((state, count) -> states.merge(state, count, Integer::sum));
      restarts += result.restarts();
      for (Violation violation : result.violations()) {
        seedsBy.computeIfAbsent(violation.guarantee(), g -> new TreeSet<>()).add(violation.seed());
        countBy.merge(violation.guarantee(), 1, Integer::sum);
      }
    }
    long[] millis = results.stream().mapToLong(SeedResult::millis).sorted().toArray();
    StringBuilder out = new StringBuilder();
    out.append("FAULT CAMPAIGN (").append(tier).append("): schedules ").append(results.size())
      .append(", per seed ms p50 ").append(percentile(millis, 50)).append(" p95 ").append(percentile(millis, 95))
      .append(" max ").append(millis.length == 0 ? 0 : millis[millis.length - 1])
      .append(", restarts ").append(restarts)
      .append(", faults injected ").append(injected.values().stream().mapToInt(Integer::intValue).sum())
      .append(' ').append(injected).append(", skipped (no such control) ").append(skipped)
      .append(", requests ").append(states)
      .append(", violations ").append(violations().size());
    countBy.forEach((guarantee, count) -> out.append(" | ").append(guarantee).append(' ').append(count)
      .append(" in seeds ").append(abbreviate(seedsBy.get(guarantee))));
    out.append('\n');
    TreeSet<Long> failing = new TreeSet<>();
    violations().forEach(violation -> {
      out.append("  ").append(violation).append('\n');
      failing.add(violation.seed());
    });
    failing.forEach(seed -> out.append("  replay: ").append(replay.apply(seed)).append('\n'));
    return out.toString();
  }

  private static long percentile(long[] sorted, int percent) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (sorted.length * percent) / 100)];
  }

  private static String abbreviate(TreeSet<Long> seeds) {
    List<Long> shown = seeds.stream().limit(20).toList();
    return shown + (seeds.size() > shown.size() ? " and " + (seeds.size() - shown.size()) + " more" : "");
  }
}
