// The official Go signer (elliottech/lighter-go over poseidon_crypto) on the transaction and the Poseidon2
// input of the JMH benchmarks in src/jmh/java/io/copytrader/lighter/signer/SignerBenchmark.java.
// Run by bench/signer-vs-go.sh, which lays out the module around this file.
package signervsgo

import (
	"encoding/hex"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"

	g "github.com/elliottech/poseidon_crypto/field/goldilocks"
	p2 "github.com/elliottech/poseidon_crypto/hash/poseidon2_goldilocks_plonky2"
	schnorr "github.com/elliottech/poseidon_crypto/signature/schnorr"

	"github.com/elliottech/lighter-go/signer"
	"github.com/elliottech/lighter-go/types"
	"github.com/elliottech/lighter-go/types/txtypes"
)

// SignerBenchmark.PRIVATE_KEY, without its 0x.
const privateKeyHex = "61c72c47fe93bbb772bdc0d280e773b79669d951d975e06c9e20b04f0054e1790a0b012f9f73182e"

const mainnetChainID = 304

func keyManager(tb testing.TB) signer.KeyManager {
	raw, err := hex.DecodeString(privateKeyHex)
	if err != nil {
		tb.Fatal(err)
	}
	key, err := signer.NewKeyManager(raw)
	if err != nil {
		tb.Fatal(err)
	}
	return key
}

// The order of SignerBenchmark.benchmarkOrder: account 12345, API key 3, market 0, limit buy good-till-time.
func createOrder(key signer.Signer, nonce int64) (*txtypes.L2CreateOrderTxInfo, error) {
	account := int64(12345)
	apiKey := uint8(3)
	req := &types.CreateOrderTxReq{
		MarketIndex: 0, ClientOrderIndex: 1, BaseAmount: 1000, Price: 50000, IsAsk: 0,
		Type: txtypes.LimitOrder, TimeInForce: txtypes.GoodTillTime, ReduceOnly: 0, TriggerPrice: 0,
		OrderExpiry: 1769644800000,
	}
	ops := &types.TransactOpts{FromAccountIndex: &account, ApiKeyIndex: &apiKey, ExpiredAt: 1767226199000, Nonce: &nonce}
	return types.ConstructCreateOrderTx(key, mainnetChainID, req, ops)
}

func initialState() [p2.WIDTH]g.GoldilocksField {
	var state [p2.WIDTH]g.GoldilocksField
	for i := range state {
		state[i] = g.GoldilocksField(i)
	}
	return state
}

// The benchmarks only compare like with like if both sides compute the same values: JAVA_TX_HASH and
// JAVA_PERMUTATION are what bench/SignerSameInput.java printed for the Java signer.
func TestSameInputsAsJava(t *testing.T) {
	tx, err := createOrder(keyManager(t), 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := os.Getenv("JAVA_TX_HASH"); tx.SignedHash != want {
		t.Fatalf("tx hash %s, the Java benchmark's is %q", tx.SignedHash, want)
	}
	state := initialState()
	p2.Permute(&state)
	got := ""
	for i, v := range state {
		if i > 0 {
			got += ","
		}
		got += strconv.FormatUint(v.ToCanonicalUint64(), 10)
	}
	if want := os.Getenv("JAVA_PERMUTATION"); got != want {
		t.Fatalf("permutation of 0..11 is %s, the Java benchmark's is %q", got, want)
	}
}

// reportMedian times every call of op (each one covering perCall operations) and reports the median per
// operation beside the mean, as JMH's sample mode does: on a machine shared with other work the mean also
// counts the time slices the benchmark lost, the median much less.
func reportMedian(b *testing.B, perCall int, op func(i int)) {
	calls := b.N / perCall
	if calls == 0 {
		calls = 1
	}
	durations := make([]time.Duration, calls)
	b.ResetTimer()
	for i := 0; i < calls; i++ {
		start := time.Now()
		op(i)
		durations[i] = time.Since(start)
	}
	b.StopTimer()
	sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
	b.ReportMetric(float64(durations[calls/2].Nanoseconds())/float64(perCall), "p50-ns/op")
	b.ReportMetric(float64(durations[calls*9/10].Nanoseconds())/float64(perCall), "p90-ns/op")
}

// Validate + hash + sign + tx_info JSON, with a fresh nonce each time (SignerBenchmark.createOrder).
func BenchmarkCreateOrder(b *testing.B) {
	key := keyManager(b)
	reportMedian(b, 1, func(i int) {
		tx, err := createOrder(key, int64(i))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tx.GetTxInfo(); err != nil {
			b.Fatal(err)
		}
	})
}

// One width-12 permutation, applied again and again to the same state (SignerBenchmark.poseidon2Permutation).
func BenchmarkPoseidon2Permutation(b *testing.B) {
	// Batches of 16, so that reading the clock stays a small part of each measurement.
	state := initialState()
	reportMedian(b, 16, func(int) {
		for j := 0; j < 16; j++ {
			p2.Permute(&state)
		}
	})
}

// Decode the public key, check the signature of the order's hash (SignerBenchmark.schnorrVerify).
func BenchmarkSchnorrVerify(b *testing.B) {
	key := keyManager(b)
	tx, err := createOrder(key, 0)
	if err != nil {
		b.Fatal(err)
	}
	hash, err := hex.DecodeString(tx.SignedHash)
	if err != nil {
		b.Fatal(err)
	}
	publicKey := key.PubKeyBytes()
	reportMedian(b, 1, func(int) {
		if err := schnorr.Validate(publicKey[:], hash, tx.Sig); err != nil {
			b.Fatal(err)
		}
	})
}
