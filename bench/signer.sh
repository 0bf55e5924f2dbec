#!/usr/bin/env bash
# Signer JMH benchmarks (src/jmh/java/io/copytrader/lighter/signer/SignerBenchmark.java), percentiles in µs.
# Compiles with the bench profile into target/classes (JMH's generated classes land there too), so build a
# release jar with `./mvnw -B clean package` afterwards. About 2 minutes.
#
# Usage: bench/signer.sh [extra JMH arguments]
# Environment: BENCH_NICE, BENCH_OUT (see lib.sh).

source "$(dirname "$0")/lib.sh"

bench_out signer
exec > >(tee "$BENCH_OUT/summary.txt") 2>&1
machine
cd "$REPO_DIR"
./mvnw -B -q -Pbench -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
"${NICE[@]}" java -cp "target/classes:$(cat target/bench-cp.txt)" org.openjdk.jmh.Main SignerBenchmark \
  -bm sample -tu us "$@"
echo "after the run: $(contention)"
