package odb

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
)

// packIndex is a version 2 pack index (.idx), kept as the file's bytes:
// lookups binary-search the sorted names in place, so opening a pack
// costs one read and no decoding.
type packIndex struct {
	data    []byte
	count   int
	names   []byte // count*20
	offsets []byte // count*4, big-endian; MSB set: index into large
	large   []byte // 8 bytes each
}

const (
	idxHeaderLen = 8
	fanoutLen    = 256 * 4
	idSize       = 20
)

var idxMagic = []byte{0xff, 't', 'O', 'c'}

// readPackIndex maps and checks the shape of a pack index. Version 1
// indexes (written by git before 1.5.2) are refused, as go-git refuses
// them.
//
// The index is mapped, not read: a repository with millions of objects
// has an index of hundreds of MiB, of which a lookup touches a few pages.
func readPackIndex(path string) (*packIndex, error) {
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	data, err := mapFile(f, fi.Size())
	if err != nil {
		return nil, fmt.Errorf("pack index %s: %w", path, err)
	}
	idx, err := parsePackIndex(data)
	if err != nil {
		return nil, fmt.Errorf("pack index %s: %w", path, err)
	}
	return idx, nil
}

func parsePackIndex(data []byte) (*packIndex, error) {
	if len(data) < idxHeaderLen+fanoutLen+2*idSize {
		return nil, fmt.Errorf("truncated (%d bytes)", len(data))
	}
	if !bytes.Equal(data[:4], idxMagic) {
		return nil, fmt.Errorf("not a version 2 pack index (version 1 indexes are not supported; repack the repository with a current git)")
	}
	if v := binary.BigEndian.Uint32(data[4:8]); v != 2 {
		return nil, fmt.Errorf("unsupported pack index version %d", v)
	}
	fanout := data[idxHeaderLen : idxHeaderLen+fanoutLen]
	prev := uint32(0)
	for i := 0; i < 256; i++ {
		n := binary.BigEndian.Uint32(fanout[i*4:])
		if n < prev {
			return nil, fmt.Errorf("fan-out table is not ascending at byte %#02x", i)
		}
		prev = n
	}
	count := int(prev)
	body := data[idxHeaderLen+fanoutLen:]
	need := uint64(count) * (idSize + 4 + 4)
	if need+2*idSize > uint64(len(body)) {
		return nil, fmt.Errorf("truncated: %d objects need %d bytes, the file has %d", count, need+2*idSize, len(body))
	}
	idx := &packIndex{data: data, count: count}
	idx.names = body[:count*idSize]
	rest := body[count*idSize+count*4:] // skip the CRC32 table
	idx.offsets = rest[:count*4]
	idx.large = rest[count*4 : len(rest)-2*idSize]
	if len(idx.large)%8 != 0 {
		return nil, fmt.Errorf("large offset table is %d bytes, not a multiple of 8", len(idx.large))
	}
	return idx, nil
}

// fanoutRange is the range of positions whose names start with byte b.
func (x *packIndex) fanoutRange(b byte) (lo, hi int) {
	fanout := x.data[idxHeaderLen:]
	if b > 0 {
		lo = int(binary.BigEndian.Uint32(fanout[(int(b)-1)*4:]))
	}
	hi = int(binary.BigEndian.Uint32(fanout[int(b)*4:]))
	return lo, hi
}

func (x *packIndex) name(i int) []byte { return x.names[i*idSize : (i+1)*idSize] }

// find returns the position of id (the first, if the index lists it
// more than once), or -1. A walk looks up every object it reads, so the
// search compares the names' first eight bytes as one number, and the
// rest only when those are equal.
//
// Object ids are uniform, so before the binary search one guess from the
// range's first and last names, and one probe a window past it, narrow
// a range of thousands to the window: two probes close together instead
// of several far apart, each a cache miss in a large index. Names a
// crafted index puts anywhere only make the guess useless, never wrong:
// each probe narrows the range as a binary search step would.
func (x *packIndex) find(id ID) int {
	lo, end := x.fanoutRange(id[0])
	key := binary.BigEndian.Uint64(id[:8])
	before := func(i int) bool { // the name at i sorts before id
		n := x.name(i)
		k := binary.BigEndian.Uint64(n)
		return k < key || (k == key && bytes.Compare(n[8:], id[8:]) < 0)
	}
	hi := end
	if hi-lo > 4*guessWindow {
		kl, kh := binary.BigEndian.Uint64(x.name(lo)), binary.BigEndian.Uint64(x.name(hi-1))
		if kl < key && key < kh {
			g := lo + int(float64(key-kl)/float64(kh-kl)*float64(hi-1-lo))
			g = min(max(g, lo), hi-1)
			if before(g) {
				lo = g + 1
				if j := g + guessWindow; j < hi {
					if before(j) {
						lo = j + 1
					} else {
						hi = j
					}
				}
			} else {
				hi = g
				if j := g - guessWindow; j >= lo {
					if before(j) {
						lo = j + 1
					} else {
						hi = j
					}
				}
			}
		}
	}
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if before(mid) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < end && bytes.Equal(x.name(lo), id[:]) {
		return lo
	}
	return -1
}

// guessWindow is how far past its guess find probes: a few times the
// spread of a guess's error in a fan-out range of a few thousand names.
const guessWindow = 32

// offset returns the pack offset of the object at position i.
func (x *packIndex) offset(i int) (int64, error) {
	v := binary.BigEndian.Uint32(x.offsets[i*4:])
	if v&0x80000000 == 0 {
		return int64(v), nil
	}
	k := int(v & 0x7fffffff)
	if (k+1)*8 > len(x.large) {
		return 0, fmt.Errorf("object %s: large offset %d is past the table", hex.EncodeToString(x.name(i)), k)
	}
	off := binary.BigEndian.Uint64(x.large[k*8:])
	if off > 1<<62 {
		return 0, fmt.Errorf("object %s: offset %d out of range", hex.EncodeToString(x.name(i)), off)
	}
	return int64(off), nil
}

// withPrefix appends the ids that start with the given hex digits.
func (x *packIndex) withPrefix(prefix string, out []ID) []ID {
	lo, hi := 0, x.count
	if len(prefix) >= 2 {
		b, err := hex.DecodeString(prefix[:2])
		if err != nil {
			return out
		}
		lo, hi = x.fanoutRange(b[0])
	}
	for i := lo; i < hi; i++ {
		var id ID
		copy(id[:], x.name(i))
		if hasHexPrefix(id, prefix) {
			out = append(out, id)
		}
	}
	return out
}

func hasHexPrefix(id ID, prefix string) bool {
	s := hex.EncodeToString(id[:])
	return len(prefix) <= len(s) && s[:len(prefix)] == prefix
}

// openRegular opens path for reading and refuses anything but a regular
// file: a FIFO or device planted in objects/ must not block or feed
// endless bytes.
func openRegular(path string) (*os.File, error) {
	f, err := openNoBlock(path)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s is not a regular file (%s)", path, fi.Mode().Type())
	}
	return f, nil
}
