#!/usr/bin/env bash
# Failover campaign: the failure tests of three nodes on one PostgreSQL journal (src/test/java/io/copytrader/campaign:
# OwnerKilledIT, OwnerFrozenIT, JournalRestartIT, RollingRestartIT), each played for several rounds, every round on
# a fresh cluster (PostgreSQL schema, paper exchange, three node processes of the built jar), under load.
#
# Usage: bench/failover-campaign.sh            3 rounds of each failure
#        bench/failover-campaign.sh 10         10 rounds of each
#        TESTS=OwnerKilledIT bench/failover-campaign.sh 20   one failure only (a comma-separated list of the four)
# Needs PostgreSQL's server programs (Debian's postgresql package), as `./mvnw verify` does.
# Output: each round's figures (the node killed or frozen, requests in flight at the kill, failover time per account,
# sends while PostgreSQL was down, exit statuses, final states, violations), then each failure's summary (failover
# time p50/max, violations), also kept in target/failover-campaign.txt.
# Exit status: non-zero when a guarantee was broken or a bound missed (the figures are printed either way).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS="${1:-3}"
TESTS="${TESTS:-OwnerKilledIT,OwnerFrozenIT,JournalRestartIT,RollingRestartIT}"
out="target/failover-campaign.txt"
mkdir -p target

cmd=(./mvnw -B -o verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="$TESTS"
     -Dfailover.rounds="$ROUNDS")
echo "running: ${cmd[*]}"
status=0
"${cmd[@]}" > "$out.log" 2>&1 || status=$?
grep -E '^FAILOVER|^  [A-Z_]+ seed|Tests run:.*IT' "$out.log" | awk '!seen[$0]++' | tee "$out" || true
[[ $status == 0 ]] || echo "exit status $status (full Maven output: $out.log)"
exit "$status"
