#!/usr/bin/env bash
# Signal -> sendTx service time, warm, with one account and with many accounts trading at once.
#
# For each account count in ACCOUNT_COUNTS the service jar starts in paper mode with a fresh journal and
# bench/SignalDriver.java sends signals (long, close, long, ...) on ETH: one thread per account, each signal
# only after the previous one of that account has finished, so nothing waits in a queue. With more than one
# account it runs once per pattern in PATTERNS: "rounds" (a leader's signal fanned out: every account sends
# its n-th signal together, the next round once all have finished) and "continuous" (each account sends
# again as soon as its previous signal has finished: saturated, every stage of the accounts' trades
# overlapping). After WARMUP signals per account it measures MEASURED signals per account and prints:
#   - the service's own copytrade_accepted_to_sent_seconds histogram over the measured phase: from the
#     request's journal insert (taken inside the intake transaction, before its commit) to the answer of
#     the entry order's sendTx arriving back at the service (Lighter accepted it);
#   - copytrade_signal_to_send_seconds: the service time from the HTTP API receiving the signal to the entry
#     order's sendTx leaving (nanosecond clock; SLO buckets at 1, 2, 5, 10 and 20 ms);
#   - the same path split by the journal's own timestamps (millisecond clock, read on the journal thread):
#     accepted -> started (request marked executing), started -> order journaled (signed order inserted,
#     just before sendTx leaves), order journaled -> sent recorded (sendTx answered and recorded);
#   - the Lighter calls the paper exchange received, per path, for all requests of the run;
#   - the CPU the service process used per request, by thread group.
#
# Usage: bench/signal-latency.sh    (about 3 minutes with the defaults)
# Environment: ACCOUNT_COUNTS ("1 20"), WARMUP_1 (600) / MEASURED_1 (300) for one account,
#              WARMUP_N (400) / MEASURED_N (40) per account for more, PATTERNS ("rounds continuous"),
#              JAVA_OPTS, BENCH_PORT, BENCH_OUT, BENCH_DATA_DIR, BENCH_NICE, PAPER and PAPER_NICE (see
#              lib.sh), PROFILE (1: JFR recording of each driver run with JFR_SETTINGS, default profile,
#              summarised by bench/jfr-top.sh). The warm-up is long because the JIT needs a few
#              hundred requests before the path is compiled; with 60 the figures are several times higher.
#              Twenty accounts run more code (streams, stop-losses, notices for each) and keep the C2
#              compiler busy longer: after 150 signals per account it still took a third of a core and the
#              median was half as high again as after 400.

source "$(dirname "$0")/lib.sh"

ACCOUNT_COUNTS="${ACCOUNT_COUNTS:-1 20}"
WARMUP_1="${WARMUP_1:-600}"
MEASURED_1="${MEASURED_1:-300}"
WARMUP_N="${WARMUP_N:-400}"
MEASURED_N="${MEASURED_N:-40}"
PATTERNS="${PATTERNS:-rounds continuous}"
PROFILE="${PROFILE:-0}"

command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install -y sqlite3" >&2; exit 1; }
bench_out signal-latency
require_jar
trap stop_service EXIT
exec > >(tee "$BENCH_OUT/summary.txt") 2>&1

machine
echo "JVM: $JVM, JAVA_OPTS: ${JAVA_OPTS:-(none)}; paper exchange: $PAPER"

# Percentiles of each step over the measured requests' entry orders (ordinal 0), in milliseconds.
journal_steps() {
  sqlite3 -header -column "$1" <<'SQL'
WITH measured AS (
  SELECT r.created_at AS accepted, r.started_at AS started, o.created_at AS journaled, o.sent_at AS sent
  FROM requests r JOIN orders o ON o.request_id = r.request_id AND o.ordinal = 0
  WHERE r.idempotency_key LIKE 'm-%' AND o.sent_at IS NOT NULL),
steps AS (
  SELECT 1 AS k, 'accepted -> started' AS step, started - accepted AS ms FROM measured
  UNION ALL SELECT 2, 'started -> order journaled', journaled - started FROM measured
  UNION ALL SELECT 3, 'order journaled -> sent recorded', sent - journaled FROM measured
  UNION ALL SELECT 4, 'accepted -> sent recorded', sent - accepted FROM measured),
ranked AS (
  SELECT k, step, ms, row_number() OVER (PARTITION BY k ORDER BY ms) AS rn, count(*) OVER (PARTITION BY k) AS n
  FROM steps)
SELECT step, n AS requests, printf('%.2f', avg(ms)) AS mean_ms,
  min(CASE WHEN rn >= (n * 50 + 99) / 100 THEN ms END) AS p50_ms,
  min(CASE WHEN rn >= (n * 90 + 99) / 100 THEN ms END) AS p90_ms,
  min(CASE WHEN rn >= (n * 99 + 99) / 100 THEN ms END) AS p99_ms,
  max(ms) AS max_ms
FROM ranked GROUP BY k ORDER BY k;
SQL
}

runs=()
for accounts in $ACCOUNT_COUNTS; do
  if ((accounts == 1)); then
    runs+=("1 continuous")
  else
    for pattern in $PATTERNS; do
      runs+=("$accounts $pattern")
    done
  fi
done

for run in "${runs[@]}"; do
  read -r accounts pattern <<<"$run"
  name="$accounts-$pattern"
  if ((accounts == 1)); then
    warmup=$WARMUP_1 measured=$MEASURED_1
  else
    warmup=$WARMUP_N measured=$MEASURED_N
  fi
  echo
  echo "=== $accounts account(s), $pattern"
  start_service "$accounts" SHUTDOWN_GRACE=5
  echo "startup: ${STARTUP_MS} ms"
  log "$accounts account(s): $warmup warm-up and $measured measured signals per account"
  echo "$(contention)"
  if [[ $PROFILE == 1 ]]; then
    jcmd "$SERVICE_PID" JFR.start name=signals settings="${JFR_SETTINGS:-profile}" filename="$BENCH_OUT/signals-$name.jfr" >/dev/null
  fi
  thread_ticks >"$BENCH_OUT/ticks-before-$name.txt"
  started=$(now_ns)
  "${NICE[@]}" java "$BENCH_DIR/SignalDriver.java" "$SERVICE_URL" "$accounts" "$warmup" "$measured" "$pattern"
  thread_ticks >"$BENCH_OUT/ticks-after-$name.txt"
  elapsed=$(awk -v ns="$(($(now_ns) - started))" 'BEGIN {printf "%.1f", ns / 1e9}')
  requests=$((accounts * (warmup + measured)))
  cpu=$(thread_cpu_total "$BENCH_OUT/ticks-before-$name.txt" "$BENCH_OUT/ticks-after-$name.txt")
  inside=$([[ $PAPER == external ]] || echo " (with the paper exchange inside it)")
  echo "service CPU$inside over the whole driver run: ${cpu} s in ${elapsed} s," \
    "$(awk -v c="$cpu" -v n="$requests" 'BEGIN {printf "%.2f", 1000 * c / n}') ms per request (all $requests, start to final state)"
  thread_cpu_diff "$BENCH_OUT/ticks-before-$name.txt" "$BENCH_OUT/ticks-after-$name.txt" "$elapsed" | head -5
  if [[ $PROFILE == 1 ]]; then
    jcmd "$SERVICE_PID" JFR.stop name=signals >/dev/null
    echo "JFR execution samples over the whole driver run (warm-up and measured):"
    "$BENCH_DIR/jfr-top.sh" "$BENCH_OUT/signals-$name.jfr" | sed 's/^/  /'
  fi
  echo "Lighter calls received by the paper exchange for all $requests requests: $(paper_requests)"
  stop_service
  echo "journal timestamps, measured requests' entry orders (ms):"
  journal_steps "$(data_dir)/journal.db"
  mv "$(data_dir)" "$BENCH_OUT/data-$name"
  mv "$BENCH_OUT/service.log" "$BENCH_OUT/service-$name.log"
  if [[ -f "$BENCH_OUT/paper-exchange.log" ]]; then
    mv "$BENCH_OUT/paper-exchange.log" "$BENCH_OUT/paper-exchange-$name.log"
  fi
done
