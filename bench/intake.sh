#!/usr/bin/env bash
# Intake throughput with the durable journal, plus startup time and resident memory under load.
#
# For each mode in MODES the service jar starts in paper mode with ACCOUNTS_COUNT accounts (default 20),
# a fresh journal and MAX_QUEUE_PER_ACCOUNT=QUEUE_PER_ACCOUNT (1,000, ten times the service's default: 20,000
# queued requests over 20 accounts, about 18 MB of heap; beyond it intake answers 429), and wrk (a separate process on loopback) drives
# POST /api/trade with valid bodies at each connection count in CONNECTIONS for DURATION seconds. Every 202
# is a request committed (fsynced) to the journal.
#   execute  the accepted requests trade on the embedded paper exchange in the background while the load
#            runs (20 accounts executing at once, each one request at a time);
#   expire   the bodies carry signal_timestamp 1 / max_lag_ms 1, so each request is accepted and journaled
#            exactly as before but expires (one more journal write) instead of trading: intake alone.
# Prints accepted requests/s, latency percentiles, RSS idle and under load, CPU per thread group during each
# run, the Lighter calls the paper exchange received, and checks the journal against the 202s.
#
# Usage: bench/intake.sh            (about 3 minutes with the defaults)
# After the closed-loop runs (each connection sends its next request as soon as the answer is back), one
# paced run per rate in RATES: PACED_CONNECTIONS connections each pausing after every answer, so the
# offered load is about that rate and the latency is what a client sees at that rate.
#
# Environment: MODES ("execute expire"), ACCOUNTS_COUNT (20), QUEUE_PER_ACCOUNT (1000), CONNECTIONS ("16 64"), RATES ("2000"; empty
#              for none), PACED_CONNECTIONS (32), DURATION (15),
#              WARMUP (20), WRK_THREADS (1), PROFILE (1: JFR recording of the last run, summarised),
#              JAVA_OPTS (with -XX:NativeMemoryTracking=summary the JVM's native memory by area is printed
#              after the runs), BENCH_PORT, BENCH_OUT, BENCH_NICE, BENCH_DATA_DIR (see lib.sh).
#              Needs wrk and sqlite3 (apt-get install).

source "$(dirname "$0")/lib.sh"

MODES="${MODES:-execute expire}"
ACCOUNTS_COUNT="${ACCOUNTS_COUNT:-20}"
QUEUE_PER_ACCOUNT="${QUEUE_PER_ACCOUNT:-1000}"
CONNECTIONS="${CONNECTIONS:-16 64}"
RATES="${RATES-2000}"
PACED_CONNECTIONS="${PACED_CONNECTIONS:-32}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-20}"
WRK_THREADS="${WRK_THREADS:-1}"
PROFILE="${PROFILE:-0}"
export ACCOUNTS_COUNT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install -y sqlite3" >&2; exit 1; }
bench_out intake
require_jar
trap stop_service EXIT
exec > >(tee "$BENCH_OUT/summary.txt") 2>&1

machine
echo "JVM: $JVM, JAVA_OPTS: ${JAVA_OPTS:-(none)}"
echo "accounts: $ACCOUNTS_COUNT, connections: $CONNECTIONS, paced rates: ${RATES:-none} over $PACED_CONNECTIONS connections, duration: ${DURATION}s, wrk threads: $WRK_THREADS"

for mode in $MODES; do
  out="$BENCH_OUT/$mode"
  mkdir -p "$out"
  if [[ $mode == expire ]]; then export EXPIRE=1; else export EXPIRE=0; fi
  echo
  echo "=== mode $mode"
  start_service "$ACCOUNTS_COUNT" MAX_QUEUE_PER_ACCOUNT="$QUEUE_PER_ACCOUNT" PAPER_BALANCE=1000000 SHUTDOWN_GRACE=5
  echo "startup: ${STARTUP_MS} ms from launching java to the first 200 from /health"
  sleep 5
  echo "RSS idle (5 s after ready): $(rss_mib) MiB"

  export PACE_MS=0
  log "$mode: warm-up ${WARMUP}s"
  "${NICE[@]}" wrk -t"$WRK_THREADS" -c16 -d"${WARMUP}s" -s "$BENCH_DIR/intake.lua" "$SERVICE_URL" >"$out/wrk-warmup.txt"
  grep '^statuses' "$out/wrk-warmup.txt" | sed 's/^/warm-up /'

  last=${CONNECTIONS##* }
  [[ -z "$RATES" ]] || last="${PACED_CONNECTIONS}@${RATES##* }"
  runs="$CONNECTIONS"
  for rate in $RATES; do
    runs+=" ${PACED_CONNECTIONS}@$rate"
  done
  for run in $runs; do
    connections=${run%@*}
    export PACE_MS=0
    if [[ $run == *@* ]]; then
      # Paced: each connection pauses between requests so that the offered load is about the rate asked for.
      export PACE_MS=$(((connections * 1000 / ${run#*@}) - 1))
    fi
    tag=${run/@/-paced-}
    description="$connections connections"
    [[ $PACE_MS == 0 ]] || description+=", paced for ${run#*@}/s (${PACE_MS} ms pause after each answer)"
    log "$mode: $description, ${DURATION}s"
    echo "--- $description ($(contention))"
    if [[ $PROFILE == 1 && $run == "$last" ]]; then
      jcmd "$SERVICE_PID" JFR.start name=intake settings=profile filename="$out/intake.jfr" >/dev/null
    fi
    (
      for ((second = 0; second < DURATION; second++)); do
        sleep 1
        rss_mib
      done
    ) >"$out/rss-$tag.txt" &
    sampler=$!
    thread_ticks >"$out/ticks-before-$tag.txt"
    "${NICE[@]}" wrk -t"$WRK_THREADS" -c"$connections" -d"${DURATION}s" --latency -s "$BENCH_DIR/intake.lua" "$SERVICE_URL" \
      >"$out/wrk-$tag.txt"
    thread_ticks >"$out/ticks-after-$tag.txt"
    wait "$sampler" || true
    sed -n '/^statuses/,$p' "$out/wrk-$tag.txt"
    echo "RSS under load: peak $(sort -n "$out/rss-$tag.txt" | tail -1) MiB (sampled every second)"
    cpu=$(thread_cpu_total "$out/ticks-before-$tag.txt" "$out/ticks-after-$tag.txt")
    accepted=$(grep -o ' 202=[0-9]*' "$out/wrk-$tag.txt" | cut -d= -f2)
    echo "service CPU: ${cpu} s in ${DURATION} s, $(awk -v c="$cpu" -v n="$accepted" 'BEGIN {printf "%.0f", 1e6 * c / n}') µs per accepted request (all threads)"
    echo "service CPU by thread group during the run:"
    thread_cpu_diff "$out/ticks-before-$tag.txt" "$out/ticks-after-$tag.txt" "$DURATION" | head -8
    if [[ $PROFILE == 1 && $run == "$last" ]]; then
      jcmd "$SERVICE_PID" JFR.stop name=intake >/dev/null
      echo "JFR execution samples of this run, by thread and by top frame:"
      "$BENCH_DIR/jfr-top.sh" "$out/intake.jfr" | sed 's/^/  /'
    fi
  done

  queued=$(curl -s "$SERVICE_URL/health" | grep -o '"queued":[0-9]*' | awk -F: '{s += $2} END {print s}' || true)
  echo "still queued when the load stopped: $queued"
  echo "heap after the runs: $(jcmd "$SERVICE_PID" GC.heap_info | grep -E 'generation|heap  |Metaspace' | sed -E 's/^ *//; s/ \[.*//; s/  +/ /g' | paste -sd';')"
  if [[ $JAVA_OPTS == *NativeMemoryTracking* ]]; then
    echo "native memory (committed) after the runs, by JVM area:"
    jcmd "$SERVICE_PID" VM.native_memory summary | sed -n 's/^-  *\([A-Za-z ]*\) (reserved=[0-9]*KB, committed=\([0-9]*\)KB)/\1 \2/p' \
      | awk '$NF >= 1024 {kb = $NF; $NF = ""; printf "  %-22s %4.0f MiB\n", $0, kb / 1024}'
  fi
  echo "Lighter calls received by the paper exchange: $(paper_requests)"
  stop_service

  answered=$(grep -h '^statuses' "$out"/wrk-*.txt | grep -o ' 202=[0-9]*' | awk -F= '{s += $2} END {print s}')
  journaled=$(sqlite3 "$(data_dir)/journal.db" 'SELECT count(*) FROM requests')
  echo "answered 202: $answered; requests in the journal: $journaled (wrk drops the answers still in flight when it stops)"
  echo "journal states: $(sqlite3 "$(data_dir)/journal.db" 'SELECT state || "=" || count(*) FROM requests GROUP BY state' | tr '\n' ' ')"
  mv "$(data_dir)" "$out/data"
  mv "$BENCH_OUT/service.log" "$out/service.log"
done
