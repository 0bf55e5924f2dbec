// Package crypto: the secp256k1 helpers lighter-go uses only to recover an L1 address (not benchmarked).
package crypto

import (
	"crypto/ecdsa"
	"errors"

	"github.com/ethereum/go-ethereum/common"
)

// SigToPub refuses: secp256k1 key recovery is not part of this benchmark build.
func SigToPub(hash, sig []byte) (*ecdsa.PublicKey, error) {
	return nil, errors.New("crypto.SigToPub is not part of this benchmark build")
}

// PubkeyToAddress is never reached, since SigToPub always fails here.
func PubkeyToAddress(p ecdsa.PublicKey) common.Address {
	panic("crypto.PubkeyToAddress is not part of this benchmark build")
}
