package odb

import (
	"errors"
	"fmt"
)

// deltaSizes reads the two sizes a delta starts with: the base's size and
// the result's, and returns how many bytes they took.
func deltaSizes(d []byte) (base, result uint64, n int, err error) {
	base, k := uvarint7(d)
	if k == 0 {
		return 0, 0, 0, errors.New("delta: bad base size")
	}
	result, k2 := uvarint7(d[k:])
	if k2 == 0 {
		return 0, 0, 0, errors.New("delta: bad result size")
	}
	return base, result, k + k2, nil
}

// uvarint7 decodes git's little-endian base-128 size; 0 bytes read means
// malformed.
func uvarint7(b []byte) (uint64, int) {
	var v uint64
	for i, shift := 0, uint(0); i < len(b) && shift < 64; i, shift = i+1, shift+7 {
		v |= uint64(b[i]&0x7f) << shift
		if b[i]&0x80 == 0 {
			return v, i + 1
		}
	}
	return 0, 0
}

// applyDelta builds the result of delta d on base. Every copy is checked
// against the base and every insert against the delta, and the result
// must come out at exactly the size the delta announces; maxResult bounds
// that size before anything is allocated.
func applyDelta(base, d []byte, maxResult int64) ([]byte, error) {
	baseSize, resultSize, n, err := deltaSizes(d)
	if err != nil {
		return nil, err
	}
	if baseSize != uint64(len(base)) {
		return nil, fmt.Errorf("delta: made for a base of %d bytes, the base has %d", baseSize, len(base))
	}
	if resultSize > uint64(maxResult) {
		return nil, fmt.Errorf("delta: result of %d bytes is more than the delta can produce", resultSize)
	}
	// A hostile delta can announce any size: allocate what the inputs
	// make plausible and let the result grow, bounded by resultSize.
	out := make([]byte, 0, min(resultSize, 2*uint64(len(base)+len(d))+4096))
	d = d[n:]
	for len(d) > 0 {
		op := d[0]
		d = d[1:]
		switch {
		case op&0x80 != 0:
			var off, size uint64
			for i := range 4 {
				if op&(1<<i) != 0 {
					if len(d) == 0 {
						return nil, errors.New("delta: truncated copy")
					}
					off |= uint64(d[0]) << (8 * i)
					d = d[1:]
				}
			}
			for i := range 3 {
				if op&(0x10<<i) != 0 {
					if len(d) == 0 {
						return nil, errors.New("delta: truncated copy")
					}
					size |= uint64(d[0]) << (8 * i)
					d = d[1:]
				}
			}
			if size == 0 {
				size = 0x10000
			}
			if off+size > uint64(len(base)) || uint64(len(out))+size > resultSize {
				return nil, errors.New("delta: copy out of range")
			}
			out = append(out, base[off:off+size]...)
		case op != 0:
			if int(op) > len(d) || uint64(len(out))+uint64(op) > resultSize {
				return nil, errors.New("delta: insert out of range")
			}
			out = append(out, d[:op]...)
			d = d[op:]
		default:
			return nil, errors.New("delta: reserved instruction 0")
		}
	}
	if uint64(len(out)) != resultSize {
		return nil, fmt.Errorf("delta: produced %d bytes, announced %d", len(out), resultSize)
	}
	return out, nil
}

// maxDeltaResult bounds what a delta may produce. A copy instruction of
// four bytes can copy 16 MiB, so a few kilobytes of hostile delta could
// otherwise demand gigabytes.
const maxDeltaResult = 2 << 30
