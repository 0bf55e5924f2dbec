import io.copytrader.lighter.signer.Poseidon2;
import io.copytrader.lighter.signer.SignerBenchmark;
import io.copytrader.lighter.signer.TxSigner;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Prints the tx hash of SignerBenchmark's order at nonce 0 and the Poseidon2 permutation of its state (0..11),
 * for bench/signer-vs-go.sh to check that the Go benchmark signs and permutes the same values.
 */
public class SignerSameInput {

  public static void main(String[] args) {
    String txHash = TxSigner.txHashHex(
        new TxSigner(TxSigner.MAINNET_CHAIN_ID).messageHash(SignerBenchmark.benchmarkOrder(0)));
    long[] state = SignerBenchmark.initialState();
    Poseidon2.permute(state);
    String permutation = Arrays.stream(state).mapToObj(Long::toUnsignedString).collect(Collectors.joining(","));
    System.out.println(txHash + " " + permutation);
  }
}
