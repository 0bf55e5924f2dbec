#!/usr/bin/env bash
# Runs ccxt's lighter exchange (the pinned npm package, REST and pro WebSocket) against the paper exchange and
# prints what passed (compat.mjs): builds the jar if it is missing, starts the paper exchange alone on a free port
# with one account and a fresh API key, installs the pinned packages (npm ci), runs the checks and stops the
# exchange. Exits non-zero when a check of something the paper exchange serves failed. Not part of ./mvnw verify.
#
#   CHECK_TIMEOUT_MS  bounds each check (default 15000)
#   COPY_TRADER_JAR   the jar to run (default: target/lighter-copy-trader.jar)
#   JAVA_HOME         the JVM to use (default: java on PATH)
#
# Needs node 20 or newer, npm and curl.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
jar=${COPY_TRADER_JAR:-$repo/target/lighter-copy-trader.jar}
account=1001
api_key=4 # ccxt signs with API key indexes 4 to 254 only
chain=304

if [[ ! -f $jar ]]; then
  echo "building $jar" >&2
  (cd "$repo" && ./mvnw -B -q package -DskipTests)
fi
# No install scripts: ccxt's postinstall only prints a banner, and ws works without bufferutil's native build.
(cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

work=$(mktemp -d)
paper_pid=""
stop() {
  if [[ -n $paper_pid ]]; then
    kill -TERM "$paper_pid" 2>/dev/null || true
    wait "$paper_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop EXIT

show_log() {
  echo "--- paper exchange log (last 20 lines)" >&2
  tail -20 "$work/paper-exchange.log" >&2
}

(umask 077 && node "$here/keygen.mjs" "$account" "$api_key" >"$work/accounts.json")
# A clean environment in an empty directory, so that no .env, conf/ or ACCOUNTS of the caller's reaches the
# exchange; without PAPER_PORT it listens on a free port and logs it.
env -i -C "$work" PATH="$PATH" HOME="$HOME" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} COPY_TRADER_JAR="$jar" \
  ACCOUNTS_FILE="$work/accounts.json" CHAIN_ID="$chain" \
  "$repo/bin/lighter-copy-trader" paper-exchange >"$work/paper-exchange.log" 2>&1 &
paper_pid=$!

url=""
for _ in $(seq 300); do
  listening=$(sed -n 's/.*Paper exchange listening on \(http:[^ ]*\).*/\1/p' "$work/paper-exchange.log" | head -1)
  if [[ -n $listening ]] && curl -fs -o /dev/null "$listening/"; then
    url=$listening
    break
  fi
  if ! kill -0 "$paper_pid" 2>/dev/null; then
    echo "the paper exchange stopped" >&2
    show_log
    exit 1
  fi
  sleep 0.1
done
if [[ -z $url ]]; then
  echo "the paper exchange did not answer within 30 s" >&2
  show_log
  exit 1
fi

status=0
PAPER_URL="$url" ACCOUNTS_FILE="$work/accounts.json" CHAIN_ID="$chain" node "$here/compat.mjs" || status=$?
if ((status != 0)); then
  show_log
fi
exit "$status"
