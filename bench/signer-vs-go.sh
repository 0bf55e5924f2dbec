#!/usr/bin/env bash
# The Java signer beside the official Go signer in one run: CreateOrder (validate + hash + sign + tx_info JSON)
# of the same transaction, the Poseidon2 permutation of the same state, Schnorr verification of the same
# signature, each as mean, median and 90th percentile per operation. Go: `go test -bench` of bench/signer-vs-go/signer_bench_test.go against elliottech/lighter-go
# and elliottech/poseidon_crypto; Java: the matching JMH benchmarks of SignerBenchmark (section 4 of
# BENCHMARKS.md). ROUNDS alternations of Go then Java, so both meet the same load. Not part of any build.
#
# Go sources (nothing is downloaded; GOPROXY=off):
#   apt-get install -y golang-go golang-github-bits-and-blooms-bitset-dev   # Debian's Go (1.19 on bookworm)
#   LIGHTER_GO       checkout of github.com/elliottech/lighter-go (any recent commit; measured at 17f2d60)
#   POSEIDON_CRYPTO  checkout of github.com/elliottech/poseidon_crypto at v0.0.15 (lighter-go's requirement)
#   GNARK_CRYPTO     checkout of github.com/consensys/gnark-crypto at d72fcb379d3e (poseidon_crypto's
#                    requirement; only field/goldilocks, field/hash and field/pool are compiled)
#   BITSET           github.com/bits-and-blooms/bitset (default: Debian's copy in /usr/share/gocode)
# go-ethereum is replaced by bench/signer-vs-go/go-ethereum, the four symbols lighter-go's types packages
# import, of which only Bytes2Hex is on the benchmarked paths.
#
# Usage: bench/signer-vs-go.sh
# Environment: ROUNDS (2), GO_BENCHTIME (3s), GO_COUNT (3), JMH_ARGS (-wi 5 -w 2 -i 5 -r 2), GO_WORK (scratch
# module, default /tmp/signer-vs-go), BENCH_NICE and BENCH_OUT (see lib.sh).

source "$(dirname "$0")/lib.sh"

LIGHTER_GO="${LIGHTER_GO:?checkout of elliottech/lighter-go}"
POSEIDON_CRYPTO="${POSEIDON_CRYPTO:?checkout of elliottech/poseidon_crypto at v0.0.15}"
GNARK_CRYPTO="${GNARK_CRYPTO:?checkout of consensys/gnark-crypto at d72fcb379d3e}"
BITSET="${BITSET:-/usr/share/gocode/src/github.com/bits-and-blooms/bitset}"
GO_WORK="${GO_WORK:-/tmp/signer-vs-go}"
ROUNDS="${ROUNDS:-2}"
GO_BENCHTIME="${GO_BENCHTIME:-3s}"
GO_COUNT="${GO_COUNT:-3}"
JMH_ARGS="${JMH_ARGS:--wi 5 -w 2 -i 5 -r 2}"

bench_out signer-vs-go
exec > >(tee "$BENCH_OUT/summary.txt") 2>&1
machine
echo "go: $(go version)"
cd "$REPO_DIR"

# The scratch module: the Go benchmark, the go-ethereum stand-in, and every dependency replaced by a local copy.
rm -rf "$GO_WORK"
mkdir -p "$GO_WORK"
cp bench/signer-vs-go/signer_bench_test.go "$GO_WORK/"
cp -r bench/signer-vs-go/go-ethereum "$GO_WORK/"
cat > "$GO_WORK/go.mod" <<MOD
module signervsgo

go 1.19

require (
	github.com/bits-and-blooms/bitset v0.0.0
	github.com/consensys/gnark-crypto v0.0.0
	github.com/elliottech/lighter-go v0.0.0
	github.com/elliottech/poseidon_crypto v0.0.0
	github.com/ethereum/go-ethereum v0.0.0
)

replace (
	github.com/bits-and-blooms/bitset => $BITSET
	github.com/consensys/gnark-crypto => $GNARK_CRYPTO
	github.com/elliottech/lighter-go => $LIGHTER_GO
	github.com/elliottech/poseidon_crypto => $POSEIDON_CRYPTO
	github.com/ethereum/go-ethereum => $GO_WORK/go-ethereum
)
MOD
export GOFLAGS=-mod=mod GOPROXY=off GOSUMDB=off GOTOOLCHAIN=local
(cd "$GO_WORK" && go test -c -o signer.test .)

./mvnw -B -q -Pbench -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
CP="target/classes:$(cat target/bench-cp.txt)"
# Both sides must compute the same values, or the comparison is of different work.
read -r JAVA_TX_HASH JAVA_PERMUTATION < <(java -cp "$CP" bench/SignerSameInput.java)
export JAVA_TX_HASH JAVA_PERMUTATION
(cd "$GO_WORK" && ./signer.test -test.run TestSameInputsAsJava -test.v | grep -E '^(ok|PASS|FAIL|---)')

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round: Go ($(contention))"
  (cd "$GO_WORK" && "${NICE[@]}" ./signer.test -test.run '^$' -test.bench . -test.benchtime "$GO_BENCHTIME" \
    -test.count "$GO_COUNT" -test.benchmem | grep -E '^Benchmark')
  echo "== round $round: Java ($(contention))"
  # shellcheck disable=SC2086
  "${NICE[@]}" java -cp "$CP" org.openjdk.jmh.Main 'SignerBenchmark\.(createOrder|poseidon2Permutation|schnorrVerify)$' \
    $JMH_ARGS -bm sample -tu ns 2>&1 | sed -n '/^Benchmark /,$p' | grep -E '^Benchmark |p0\.(50|90) | ± '
done
echo "after the run: $(contention)"
