// The few go-ethereum symbols that lighter-go's types packages import, so that they build offline with
// Debian's Go. Bytes2Hex and EncodeUint64 behave as go-ethereum's; the L1-signature helpers, which only
// Transfer and ChangePubKey use (never CreateOrder or Poseidon2), refuse instead of recovering a key.
module github.com/ethereum/go-ethereum

go 1.19
