#!/usr/bin/env bash
# Summarises async-profiler's collapsed stacks (`-t`: the thread is each stack's first frame; one sample per
# millisecond of CPU): samples per thread group, the hottest leaf frames, the nearest io.copytrader frame outside the
# signer package (so signing is charged to whoever asked for it), and the io.copytrader methods on the most stacks.
#
# Usage: bench/ap-top.sh <stacks.collapsed> [rows]

set -eu

stacks="$1"
rows="${2:-15}"

awk -v rows="$rows" '
  {
    count = $NF
    sub(/ [0-9]+$/, "")
    n = split($0, frame, ";")
    total += count
    thread = frame[1]
    gsub(/^\[|( tid=[0-9]+)?\]$/, "", thread)
    sub(/[-#]?[0-9]+$/, "", thread)
    byThread[thread] += count
    leaf = frame[n]
    sub(/\(.*/, "", leaf)
    byLeaf[leaf] += count
    nearest = "(no io.copytrader frame)"
    delete seen
    for (i = n; i >= 2; i--) {
      method = frame[i]
      if (method ~ /^io\/copytrader\/|^io\.copytrader\./ && method !~ /\$\$Lambda/) {
        gsub(/\//, ".", method)
        if (nearest == "(no io.copytrader frame)" && method !~ /lighter\.signer\./) nearest = method
        if (!(method in seen)) { seen[method] = 1; inclusive[method] += count }
      }
    }
    byNearest[nearest] += count
  }
  function top(title, table,    key, i, sorted, cmd) {
    print title
    cmd = "sort -rn | head -" rows
    for (key in table) printf "%8.1f%%  %s\n", 100 * table[key] / total, key | cmd
    close(cmd)
  }
  END {
    printf "%d samples (ms of CPU)\n", total
    top("by thread:", byThread)
    top("leaf frames:", byLeaf)
    top("nearest io.copytrader frame outside the signer (who the time is spent for):", byNearest)
    top("io.copytrader methods on the most stacks (inclusive):", inclusive)
  }' "$stacks"
