// Package common: the two symbols lighter-go uses from go-ethereum's common package.
package common

import "encoding/hex"

// Address is an Ethereum account address.
type Address [20]byte

// Bytes2Hex is go-ethereum's: lowercase hex without a prefix.
func Bytes2Hex(d []byte) string {
	return hex.EncodeToString(d)
}
