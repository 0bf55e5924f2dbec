#!/usr/bin/env bash
# Time from launching java to ready, and resident memory when idle.
#
# Starts the service jar RUNS times in paper mode with ACCOUNTS_COUNT accounts (default 20) and a fresh
# journal. For each start it prints the time from launching java to the first 200 from /health (polled
# every 10 ms), the time to the "Ready:" log line, and VmRSS 5 s after ready; then the median of each.
#
# Usage: bench/startup.sh              (about 1 minute with the defaults)
#        CDS=1 bench/startup.sh        (first records an application class-data archive, target/app-cds.jsa,
#                                       in one training start, then measures with -XX:SharedArchiveFile)
# Environment: RUNS (5), ACCOUNTS_COUNT (20), CDS (0), JAVA_OPTS, BENCH_PORT, BENCH_OUT (see lib.sh).

source "$(dirname "$0")/lib.sh"

RUNS="${RUNS:-5}"
ACCOUNTS_COUNT="${ACCOUNTS_COUNT:-20}"
CDS="${CDS:-0}"
ARCHIVE="$REPO_DIR/target/app-cds.jsa"

bench_out startup
require_jar
trap stop_service EXIT
exec > >(tee "$BENCH_OUT/summary.txt") 2>&1

machine

if [[ $CDS == 1 ]]; then
  log "recording the class-data archive $ARCHIVE"
  rm -f "$ARCHIVE"
  base_opts="$JAVA_OPTS"
  JAVA_OPTS="$base_opts -XX:ArchiveClassesAtExit=$ARCHIVE"
  start_service "$ACCOUNTS_COUNT" SHUTDOWN_GRACE=5
  stop_service
  JAVA_OPTS="$base_opts -XX:SharedArchiveFile=$ARCHIVE"
fi
echo "JVM: $JVM, JAVA_OPTS: ${JAVA_OPTS:-(none)}"

ready_ms() {
  # Milliseconds from launch to the timestamp of the "Ready:" line (log time is wall clock, ms).
  local launched_ms="$1" line
  line=$(grep -m1 ' Ready: ' "$BENCH_OUT/service.log" | cut -c1-23)
  echo $(($(date -d "$line" +%s%3N) - launched_ms))
}

: >"$BENCH_OUT/runs.txt"
for ((run = 1; run <= RUNS; run++)); do
  launched_ms=$(date +%s%3N)
  start_service "$ACCOUNTS_COUNT" SHUTDOWN_GRACE=5
  ready=$(ready_ms "$launched_ms")
  sleep 5
  rss=$(rss_mib)
  stop_service
  echo "run $run: first 200 from /health after ${STARTUP_MS} ms, \"Ready:\" logged after ${ready} ms, RSS idle ${rss} MiB ($(contention))"
  echo "$STARTUP_MS $ready $rss" >>"$BENCH_OUT/runs.txt"
done

median() {
  cut -d' ' -f"$1" "$BENCH_OUT/runs.txt" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'
}
echo "median of $RUNS: first 200 from /health $(median 1) ms, \"Ready:\" $(median 2) ms, RSS idle $(median 3) MiB"
