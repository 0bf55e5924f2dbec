// Package accounts: TextHash, used by lighter-go only to recover an L1 address (not benchmarked).
package accounts

// TextHash is not implemented here: it would need Keccak-256, which no benchmarked path uses.
func TextHash(data []byte) []byte {
	panic("accounts.TextHash is not part of this benchmark build")
}
