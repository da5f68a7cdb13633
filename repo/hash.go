package repo

import (
	"encoding/hex"
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"
)

// Hash is a SHA-1 object id. go-git v5 cannot read SHA-256 repositories, and
// Open refuses them with ErrUnsupportedFormat, so 20 bytes is enough.
type Hash [20]byte

// ZeroHash is the all-zero id git uses for "no object".
var ZeroHash Hash

// ParseHash parses a full 40-digit hexadecimal object id.
func ParseHash(s string) (Hash, error) {
	var h Hash
	if len(s) != 40 {
		return h, fmt.Errorf("object id %q: want 40 hexadecimal digits", s)
	}
	if _, err := hex.Decode(h[:], []byte(s)); err != nil {
		return h, fmt.Errorf("object id %q: not hexadecimal", s)
	}
	return h, nil
}

// String returns the full lowercase hexadecimal id.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// Short returns the first 12 hexadecimal digits, enough to be unambiguous in
// any repository a reviewer is likely to meet.
func (h Hash) Short() string { return h.String()[:12] }

// IsZero reports whether h is the all-zero id.
func (h Hash) IsZero() bool { return h == ZeroHash }

func fromPlumbing(h plumbing.Hash) Hash { return Hash(h) }

func (h Hash) plumbing() plumbing.Hash { return plumbing.Hash(h) }
