// Package hexutil: the two functions lighter-go uses from go-ethereum's hexutil package.
package hexutil

import (
	"encoding/hex"
	"errors"
	"strconv"
)

// EncodeUint64 is go-ethereum's: "0x" and lowercase hex without leading zeros.
func EncodeUint64(i uint64) string {
	return "0x" + strconv.FormatUint(i, 16)
}

// Decode reads "0x"-prefixed hex.
func Decode(input string) ([]byte, error) {
	if len(input) < 2 || input[0] != '0' || (input[1] != 'x' && input[1] != 'X') {
		return nil, errors.New("hex string without 0x prefix")
	}
	return hex.DecodeString(input[2:])
}
