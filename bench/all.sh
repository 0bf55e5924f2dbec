#!/usr/bin/env bash
# Every measurement behind BENCHMARKS.md, one after another (about 15 minutes): intake through the launcher
# (bin/lighter-copy-trader, the JVM flags the service ships with) and with `java -jar` and the JVM's own
# sizing, startup without and with a class-data archive, signal latency, and the signer JMH benchmarks.
# Each script's summary lands in target/bench-runs/<name>-<time>/.
#
# Usage: BENCH_NICE=-10 bench/all.sh

set -euo pipefail
cd "$(dirname "$0")/.."

bench/intake.sh
JVM=plain MODES=execute bench/intake.sh
bench/startup.sh
CDS=1 bench/startup.sh
bench/signal-latency.sh
bench/signer.sh
