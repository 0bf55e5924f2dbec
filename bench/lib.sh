# Shared helpers for the benchmark scripts in this directory; sourced, not run.
#
# Environment understood by every script:
#   JVM         launcher (default): the service starts through bin/lighter-copy-trader, with the JVM flags it
#               ships (JAVA_HEAP_OPTS replaces them); plain: `java -jar`, the JVM's own sizing
#   JAVA_OPTS   further JVM flags for the service (default: none)
#   BENCH_PORT  HTTP port of the service under test (default 18000, loopback only)
#   BENCH_OUT   where logs, data and results go (default: target/bench-runs/<script>-<time>)
#   BENCH_DATA_DIR  parent of the service's DATA_DIR (default: BENCH_OUT); e.g. /dev/shm to take the disk's
#               fsync out of the measurement, for diagnosis only (tmpfs is not durable)
#   BENCH_NICE  niceness for the service and the load generator, e.g. -10 on a machine shared with other
#               work (negative values need root); default: unchanged
#   PAPER       embedded (default): the service runs in paper mode with the paper exchange inside its JVM;
#               external: the paper exchange runs alone (`paper-exchange` command, its own JVM on the same
#               machine) and the service trades on it in live mode, so the exchange's work (signature
#               checks, matching, stream feeds) is not the service's process
#   PAPER_NICE  niceness of the external paper exchange (default: BENCH_NICE); 19 lets it run only on CPU
#               the service and the driver leave idle, the nearest this machine gets to an exchange on
#               other machines, for diagnosis
#   HEALTH_TIMEOUT  seconds to wait for the service (and an external paper exchange) to answer after launch
#               (default 30)
#   PAPER_ACCOUNT_TIER  passed to an external paper exchange when set: the Lighter account tier whose rate
#               limits it enforces

set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
JAR="${JAR:-$REPO_DIR/target/lighter-copy-trader.jar}"
JAVA_OPTS="${JAVA_OPTS:-}"
JVM="${JVM:-launcher}"
BENCH_PORT="${BENCH_PORT:-18000}"
SERVICE_URL="http://127.0.0.1:$BENCH_PORT"
NICE=()
if [[ -n "${BENCH_NICE:-}" ]]; then
  NICE=(nice -n "$BENCH_NICE")
fi
PAPER="${PAPER:-embedded}"
PAPER_NICE_CMD=("${NICE[@]}")
if [[ -n "${PAPER_NICE:-}" ]]; then
  PAPER_NICE_CMD=(nice -n "$PAPER_NICE")
fi
PAPER_PORT="${PAPER_PORT:-18100}"
SERVICE_PID=""
PAPER_PID=""
PAPER_URL=""
STARTUP_MS=""

# The service's DATA_DIR for this run.
data_dir() {
  echo "${BENCH_DATA_DIR:-$BENCH_OUT}/data"
}

bench_out() {
  local name="$1"
  BENCH_OUT="${BENCH_OUT:-$REPO_DIR/target/bench-runs/$name-$(date -u +%Y%m%dT%H%M%SZ)}"
  mkdir -p "$BENCH_OUT"
  BENCH_OUT="$(cd "$BENCH_OUT" && pwd)"
  if [[ -n "${BENCH_DATA_DIR:-}" ]]; then
    BENCH_DATA_DIR="$(cd "$BENCH_DATA_DIR" && pwd)"
  fi
  echo "results in $BENCH_OUT" >&2
}

# bench_begin <name>: results directory, jar, stop on exit, everything printed also to summary.txt, machine line.
bench_begin() {
  bench_out "$1"
  require_jar
  trap stop_service EXIT
  exec > >(tee "$BENCH_OUT/summary.txt") 2>&1
  machine
}

log() {
  echo "[$(date -u +%H:%M:%S)] $*" >&2
}

machine() {
  echo "machine: nproc=$(nproc), cpu=$(lscpu | sed -n 's/^Model name: *//p'), ram=$(free -m | awk '/^Mem:/ {print $2 " MiB"}')"
  echo "jdk: $(java -version 2>&1 | sed -n 2p)"
  echo "journal: $(data_dir) on $(stat -f -c %T "${BENCH_DATA_DIR:-$BENCH_OUT}") ($(df --output=source "${BENCH_DATA_DIR:-$BENCH_OUT}" | tail -1))"
  echo "before the run: $(contention); niceness of the measured processes: ${BENCH_NICE:-unchanged}, of an external paper exchange: ${PAPER_NICE:-${BENCH_NICE:-unchanged}}"
}

# How busy the machine is: load average and CPU pressure (share of the last 10 s in which runnable tasks waited).
contention() {
  echo "load average $(cut -d' ' -f1 /proc/loadavg), CPU pressure $(sed -n 's/^some avg10=\([0-9.]*\).*/\1/p' /proc/pressure/cpu)%"
}

require_jar() {
  if [[ ! -f "$JAR" ]]; then
    log "building $JAR"
    (cd "$REPO_DIR" && ./mvnw -B -q package -DskipTests)
  fi
}

require_port_free() {
  if ss -ltn "sport = :$BENCH_PORT" | grep -q LISTEN; then
    echo "port $BENCH_PORT is in use; set BENCH_PORT" >&2
    exit 1
  fi
}

# ACCOUNTS JSON for accounts 1001..(1000+n), each with a fresh random 40-byte key (paper mode only).
accounts_json() {
  local n="$1" i key json="["
  for ((i = 1; i <= n; i++)); do
    key=$(od -An -tx1 -N40 /dev/urandom | tr -d ' \n')
    json+="{\"index\":$((1000 + i)),\"api_index\":0,\"private_key\":\"$key\"}"
    ((i < n)) && json+=","
  done
  echo "$json]"
}

now_ns() {
  date +%s%N
}

# start_service <accounts> [VAR=value ...]: starts the jar with that many accounts and a fresh journal (in paper
# mode, or in live mode on a separate paper exchange when PAPER=external) and waits for the first 200 from
# /health; STARTUP_MS is the time from launching the service's java to that answer. Sets SERVICE_PID and
# PAPER_URL; call it directly, not in $(...).
start_service() {
  local accounts="$1"
  shift
  require_port_free
  rm -rf "$(data_dir)"
  local keys mode=(MODE=paper)
  keys=$(accounts_json "$accounts")
  if [[ $PAPER == external ]]; then
    start_paper_exchange "$keys"
    # A loopback BASE_URL names no Lighter network, so the chain id is given: the paper exchange's (the default
    # network's, 304).
    mode=(MODE=live BASE_URL="$PAPER_URL" CHAIN_ID=304)
  fi
  local started command
  # shellcheck disable=SC2206
  command=("$REPO_DIR/bin/lighter-copy-trader")
  if [[ $JVM == plain ]]; then
    command=(java $JAVA_OPTS -jar "$JAR")
  fi
  started=$(now_ns)
  # A clean environment in an empty working directory: no .env, conf/ or exported API_KEY, Telegram token or
  # live account of the caller's can reach the service under test (only LOG_LEVEL passes, for experiments).
  # shellcheck disable=SC2086
  env -i -C "$BENCH_OUT" PATH="$PATH" HOME="$HOME" ${LOG_LEVEL:+LOG_LEVEL="$LOG_LEVEL"} \
    ${JAVA_HEAP_OPTS:+JAVA_HEAP_OPTS="$JAVA_HEAP_OPTS"} JAVA_OPTS="$JAVA_OPTS" COPY_TRADER_JAR="$JAR" \
    "${mode[@]}" ACCOUNTS="$keys" HTTP_HOST=127.0.0.1 HTTP_PORT="$BENCH_PORT" \
    DATA_DIR="$(data_dir)" "$@" \
    "${NICE[@]}" "${command[@]}" >"$BENCH_OUT/service.log" 2>&1 &
  SERVICE_PID=$!
  await_health "$SERVICE_URL" "$SERVICE_PID" "$BENCH_OUT/service.log" "$started"
  STARTUP_MS=$((($(now_ns) - started) / 1000000))
  if [[ $PAPER != external ]]; then
    PAPER_URL=$(sed -n 's/.*Paper exchange on \(http:[^ ]*\).*/\1/p' "$BENCH_OUT/service.log" | head -1)
  fi
}

# start_paper_exchange <accounts json>: the paper exchange alone on PAPER_PORT with those accounts, default JVM
# flags, at PAPER_NICE (default: the service's niceness). Sets PAPER_PID and PAPER_URL.
start_paper_exchange() {
  PAPER_URL="http://127.0.0.1:$PAPER_PORT"
  env -i -C "$BENCH_OUT" PATH="$PATH" HOME="$HOME" ACCOUNTS="$1" PAPER_PORT="$PAPER_PORT" PAPER_BALANCE=1000000 \
    ${PAPER_ACCOUNT_TIER:+PAPER_ACCOUNT_TIER="$PAPER_ACCOUNT_TIER"} \
    "${PAPER_NICE_CMD[@]}" java -jar "$JAR" paper-exchange >"$BENCH_OUT/paper-exchange.log" 2>&1 &
  PAPER_PID=$!
  await_health "$PAPER_URL/paper/requests" "$PAPER_PID" "$BENCH_OUT/paper-exchange.log" "$(now_ns)"
}

# await_health <url> <pid> <log> <started ns>: waits up to HEALTH_TIMEOUT s for a 200 from url while pid lives.
await_health() {
  local deadline=$(($4 + ${HEALTH_TIMEOUT:-30} * 1000000000))
  # A bounded wait per try: a connection accepted while the HTTP server starts can go unanswered.
  until curl -fs -m 2 -o /dev/null "$1"; do
    if ! kill -0 "$2" 2>/dev/null || (($(now_ns) > deadline)); then
      echo "$1 did not answer; last lines of $3:" >&2
      tail -20 "$3" >&2
      stop_service
      exit 1
    fi
    sleep 0.01
  done
}

# Resident set size of the service in MiB (VmRSS from /proc/<pid>/status).
rss_mib() {
  awk '/^VmRSS:/ {printf "%.0f\n", $2 / 1024}' "/proc/$SERVICE_PID/status"
}

# SIGTERM, then the service's own graceful shutdown; SIGKILL only if it outlives its grace period.
stop_service() {
  if [[ -n "$SERVICE_PID" ]]; then
    kill -TERM "$SERVICE_PID" 2>/dev/null || true
    local waited=0
    while kill -0 "$SERVICE_PID" 2>/dev/null && ((waited < 300)); do
      sleep 0.1
      waited=$((waited + 1))
    done
    kill -KILL "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
    SERVICE_PID=""
  fi
  if [[ -n "$PAPER_PID" ]]; then
    kill -TERM "$PAPER_PID" 2>/dev/null || true
    wait "$PAPER_PID" 2>/dev/null || true
    PAPER_PID=""
  fi
}

# Lighter calls the paper exchange has received, per path.
paper_requests() {
  curl -fs "$PAPER_URL/paper/requests"
}

# CPU time (clock ticks) per thread of the service: "<ticks> <thread name>", one line per thread.
thread_ticks() {
  local stat line name rest
  for stat in /proc/"$SERVICE_PID"/task/*/stat; do
    line=$(cat "$stat" 2>/dev/null) || continue
    # The name sits in parentheses and may hold spaces; utime and stime are fields 14 and 15 of the line.
    name=${line#*(}
    name=${name%)*}
    rest=${line##*) }
    read -r -a fields <<<"$rest"
    echo "$((fields[11] + fields[12])) $name"
  done
}

# thread_cpu_diff <before> <after> <seconds>: CPU per thread group between two thread_ticks snapshots,
# as a share of one core over the interval (numbered threads of one pool are summed).
thread_cpu_diff() {
  local hz
  hz=$(getconf CLK_TCK)
  awk -v hz="$hz" -v seconds="$3" '
    FNR == NR { before[substr($0, index($0, " ") + 1)] += $1; next }
    { name = substr($0, index($0, " ") + 1); after[name] += $1 }
    END {
      for (name in after) {
        group = name; gsub(/[#-]?[0-9]+$/, "", group)
        used[group] += (after[name] - before[name]) / hz
      }
      for (group in used) if (used[group] > 0) printf "  %6.1f%% of a core  %s\n", 100 * used[group] / seconds, group
    }' "$1" "$2" | sort -rn
}

# thread_cpu_total <before> <after>: CPU seconds all threads of the service used between two snapshots.
thread_cpu_total() {
  awk -v hz="$(getconf CLK_TCK)" 'FNR == NR { before += $1; next } { after += $1 } END { printf "%.2f\n", (after - before) / hz }' "$1" "$2"
}
