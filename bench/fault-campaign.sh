#!/usr/bin/env bash
# Seeded fault campaign: thousands of randomized schedules (trades, price moves, exchange faults, restarts)
# against the in-process service, each checked for the execution guarantees (src/test/java/io/copytrader/campaign).
#
# Usage: bench/fault-campaign.sh                 seeds 1..2000 of tier 1 (in-process)
#        bench/fault-campaign.sh 500..900        any seed list: 7 | 1..2000 | 3,17,40..45
#        TIER=2 bench/fault-campaign.sh 1..20    tier 2: the built jar as a process, killed with SIGKILL
# Environment: TIER (1), CAMPAIGN_LOG (WARN; INFO shows the service's log), VERBOSE (0; 1 prints each schedule),
#              TAKE_PROFIT (unset; a ratio such as 0.5 runs tier 1 with TAKE_PROFIT_RATIO on and checks the pair).
# Output: one line per seed, then the summary (schedules, faults by kind, violations by guarantee with seeds
# and the command replaying each failing seed), also kept in target/fault-campaign-<tier>.txt.
# Exit status: non-zero when a guarantee was broken (the summary is printed either way).
set -euo pipefail
cd "$(dirname "$0")/.."

SEEDS="${1:-1..2000}"
TIER="${TIER:-1}"
VERBOSE="${VERBOSE:-0}"
props=(-Dcampaign.log="${CAMPAIGN_LOG:-WARN}")
[[ $VERBOSE == 1 ]] && props+=(-Dcampaign.verbose=true)
[[ -n ${TAKE_PROFIT:-} ]] && props+=(-Dcampaign.take-profit="$TAKE_PROFIT")
out="target/fault-campaign-tier$TIER.txt"
mkdir -p target

if [[ $TIER == 1 ]]; then
  cmd=(./mvnw -B -o test -Dtest=FaultCampaignTest -Dsurefire.failIfNoSpecifiedTests=false
       -Dcampaign.seeds="$SEEDS" "${props[@]}")
else
  cmd=(./mvnw -B -o verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FaultCampaignIT
       -Dcampaign.it.seeds="$SEEDS" "${props[@]}")
fi
echo "running: ${cmd[*]}"
status=0
"${cmd[@]}" > "$out.log" 2>&1 || status=$?
grep -E '^campaign seed|^FAULT CAMPAIGN|^  [A-Z_]+ seed|^  replay:' "$out.log" | awk '!seen[$0]++' | tee "$out" || true
[[ $status == 0 ]] || echo "exit status $status (full Maven output: $out.log)"
exit "$status"
