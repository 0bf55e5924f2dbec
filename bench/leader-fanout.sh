#!/usr/bin/env bash
# One leader change fanned out to many followers: leader event -> the last follower's sendTx.
#
# For each count in FOLLOWER_COUNTS the paper exchange runs alone (`paper-exchange`, its own JVM: the exchange's
# work is not the service's) with a leader (account 1000) and that many followers (1001..), and the service trades
# on it in live mode with LEADERS naming the leader and every account following it (fixed_ratio 1, no debounce).
# bench/LeaderFanOutDriver.java moves the leader's ETH position through the paper exchange's position control,
# long then short (a flip each round after the first), WARMUP rounds then MEASURED rounds, each after every
# follower's first order of the previous one left; it reads the service's copytrade_leader_event_to_sendtx_seconds per follower and prints p50/p99/max of
# the slowest follower per round (the service hearing the change -> the last follower's sendTx), and of its own
# wall time from the control call to seeing every follower done.
#
# Usage: bench/leader-fanout.sh    (not part of ./mvnw verify)
# Environment: FOLLOWER_COUNTS ("1 20 200"), WARMUP (40), MEASURED (100), LEADER_SIZE (0.01), JAVA_OPTS, BENCH_PORT,
#              BENCH_OUT, BENCH_NICE, PAPER_NICE (see lib.sh).

source "$(dirname "$0")/lib.sh"

FOLLOWER_COUNTS="${FOLLOWER_COUNTS:-1 20 200}"
WARMUP="${WARMUP:-40}"
MEASURED="${MEASURED:-100}"
LEADER_SIZE="${LEADER_SIZE:-0.01}"
LEADER=1000

bench_out leader-fanout
require_jar
trap stop_service EXIT
exec > >(tee "$BENCH_OUT/summary.txt") 2>&1
machine

for count in $FOLLOWER_COUNTS; do
  require_port_free
  rm -rf "$(data_dir)"
  keys=$(accounts_json "$count")
  leader_key=$(od -An -tx1 -N40 /dev/urandom | tr -d ' \n')
  # The paper exchange holds the leader too; the service trades only for the followers.
  start_paper_exchange "$(echo "$keys" | sed "s/^\[/[{\"index\":$LEADER,\"api_index\":0,\"private_key\":\"$leader_key\"},/")"
  followers=$(echo "$keys" | sed 's/"private_key":"\([0-9a-f]*\)"}/"private_key":"\1","follow":"lead","sizing":"fixed_ratio"}/g')
  # shellcheck disable=SC2086
  env -i -C "$BENCH_OUT" PATH="$PATH" HOME="$HOME" JAVA_OPTS="$JAVA_OPTS" \
    MODE=live BASE_URL="$PAPER_URL" CHAIN_ID=304 ACCOUNTS="$followers" \
    LEADERS="[{\"name\":\"lead\",\"account_index\":$LEADER}]" LEADER_DEBOUNCE_MS=0 \
    MAX_ORDERS_PER_DAY=1000000 COOLDOWN_SECONDS=0 DEDUPE_WINDOW_SECONDS=0 MAX_POSITION_USD=1000000 \
    MAX_QUEUE_PER_ACCOUNT=1000 HTTP_HOST=127.0.0.1 HTTP_PORT="$BENCH_PORT" DATA_DIR="$(data_dir)" \
    "${NICE[@]}" "$REPO_DIR/bin/lighter-copy-trader" >"$BENCH_OUT/service-$count.log" 2>&1 &
  SERVICE_PID=$!
  await_health "$SERVICE_URL/health" "$SERVICE_PID" "$BENCH_OUT/service-$count.log" "$(now_ns)"
  until curl -fs "$SERVICE_URL/api/leaders" | grep -q '"state":"live"'; do sleep 0.1; done
  log "followers=$count: $WARMUP warm-up and $MEASURED measured rounds"
  "${NICE[@]}" java "$BENCH_DIR/LeaderFanOutDriver.java" "$SERVICE_URL" "$PAPER_URL" "$LEADER" "$count" \
    "$WARMUP" "$MEASURED" "$LEADER_SIZE"
  stop_service
done
