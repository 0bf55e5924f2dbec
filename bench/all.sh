#!/usr/bin/env bash
# Every measurement behind BENCHMARKS.md, one after another (about 14 minutes): intake with the JVM's
# default flags and with the small-footprint flags, startup without and with a class-data archive, signal
# latency, and the signer JMH benchmarks. Each script's summary lands in target/bench-runs/<name>-<time>/.
#
# Usage: BENCH_NICE=-10 bench/all.sh

set -euo pipefail
cd "$(dirname "$0")/.."

SMALL_FOOTPRINT="-XX:+UseSerialGC -Xmx96m -XX:ReservedCodeCacheSize=48m -Xss512k"

bench/intake.sh
JAVA_OPTS="$SMALL_FOOTPRINT" MODES=execute bench/intake.sh
bench/startup.sh
JAVA_OPTS="$SMALL_FOOTPRINT" CDS=1 bench/startup.sh
bench/signal-latency.sh
bench/signer.sh
