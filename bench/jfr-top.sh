#!/usr/bin/env bash
# Summarises the Java execution samples of a JFR recording (JDK 17 has no `jfr view`): samples per thread,
# the share whose stack runs through the embedded paper exchange (io.copytrader.paper), the hottest leaf
# frames, and for each sample the nearest io.copytrader frame outside the signer package (so signing and
# signature checks are charged to whoever asked for them).
#
# Usage: bench/jfr-top.sh <recording.jfr> [rows]

set -eu

recording="$1"
rows="${2:-12}"
samples=$(mktemp)
trap 'rm -f "$samples"' EXIT

# One line per sample: thread <TAB> leaf frame <TAB> nearest non-signer io.copytrader frame <TAB> paper|service.
jfr print --events jdk.ExecutionSample --stack-depth 64 "$recording" | awk '
  function flush() {
    if (thread != "") printf "%s\t%s\t%s\t%s\n", thread, leaf, (app == "" ? "(no io.copytrader frame)" : app), (paper ? "paper" : "service")
    thread = ""; leaf = ""; app = ""; paper = 0
  }
  /^jdk.ExecutionSample/ { flush() }
  /sampledThread = / { thread = $0; sub(/.*sampledThread = "/, "", thread); sub(/".*/, "", thread) }
  /^[ \t]+[a-zA-Z_$][^ ]*\(.*\)/ && !/stackTrace/ {
    frame = $1
    if (leaf == "") leaf = frame
    if (app == "" && frame ~ /^io\.copytrader\./ && frame !~ /^io\.copytrader\.lighter\.signer\./) app = frame
    if (frame ~ /^io\.copytrader\.paper\./) paper = 1
  }
  END { flush() }' >"$samples"

total=$(wc -l <"$samples")
echo "$total execution samples"
echo "by thread:"
cut -f1 "$samples" | sort | uniq -c | sort -rn | head -"$rows" \
  | awk -v t="$total" '{n = $1; $1 = ""; printf "  %5.1f%%  %s\n", 100 * n / t, $0}'
echo "stack through the paper exchange (io.copytrader.paper) or not:"
cut -f4 "$samples" | sort | uniq -c | sort -rn | awk -v t="$total" '{printf "  %5.1f%%  %s\n", 100 * $1 / t, $2}'
echo "leaf frames:"
cut -f2 "$samples" | sort | uniq -c | sort -rn | head -"$rows" | awk -v t="$total" '{printf "  %5.1f%%  %s\n", 100 * $1 / t, $2}'
echo "nearest io.copytrader frame outside the signer (who the time is spent for):"
cut -f3 "$samples" | sort | uniq -c | sort -rn | head -"$rows" \
  | awk -v t="$total" '{n = $1; $1 = ""; printf "  %5.1f%%  %s\n", 100 * n / t, $0}'
