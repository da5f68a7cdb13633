package commitgraph

import (
	"encoding/binary"
	"math/bits"
	"strings"
)

// bloomSettings are a layer's BDAT header: the murmur3 variant (1: git's
// original, which hashed bytes as signed chars; 2: unsigned), the number
// of hashes per key and bits per entry. version 0: no filters.
type bloomSettings struct {
	version, hashes uint32
}

const (
	bdatHeader = 12
	maxHashes  = 64
)

func (l *layer) parseBloom(bidx, bdat []byte) {
	if bidx == nil || bdat == nil || uint64(len(bidx)) != uint64(l.count)*4 || len(bdat) < bdatHeader {
		return // no (usable) filters: every commit is "maybe changed"
	}
	v := binary.BigEndian.Uint32(bdat)
	k := binary.BigEndian.Uint32(bdat[4:])
	if (v != 1 && v != 2) || k == 0 || k > maxHashes {
		return
	}
	l.bidx, l.bdat = bidx, bdat[bdatHeader:]
	l.bloom = bloomSettings{version: v, hashes: k}
}

// PathQuery holds the Bloom keys of one path (and of each leading
// directory, which git adds to every filter too), per filter variant.
type PathQuery struct {
	path string
	keys map[bloomSettings][][]uint32
}

// Query prepares the Bloom keys for a path as the tree names it ("a/b/c",
// no leading or trailing slash).
// The keys are computed here for every layer, so that MaybeChanged only
// reads q and may be called from several goroutines.
func (g *Graph) Query(path string) *PathQuery {
	q := &PathQuery{path: path, keys: map[bloomSettings][][]uint32{}}
	for _, l := range g.layers {
		if l.bloom.version != 0 {
			q.keysFor(l.bloom)
		}
	}
	return q
}

// HasFilters reports whether any layer carries changed-path filters.
func (g *Graph) HasFilters() bool {
	for _, l := range g.layers {
		if l.bloom.version != 0 {
			return true
		}
	}
	return false
}

// keysFor computes the keys of q's path and its leading directories for
// settings s; nil when the filters cannot answer for this path.
func (q *PathQuery) keysFor(s bloomSettings) [][]uint32 {
	if k, ok := q.keys[s]; ok {
		return k
	}
	var out [][]uint32
	usable := q.path != ""
	if s.version == 1 {
		// Version 1 filters hashed bytes as C chars, whose sign differs
		// between platforms: trust them only for ASCII paths.
		for i := 0; i < len(q.path); i++ {
			if q.path[i] >= 0x80 {
				usable = false
			}
		}
	}
	if usable {
		p := q.path
		for {
			out = append(out, bloomKey(p, s))
			i := strings.LastIndexByte(p, '/')
			if i < 0 {
				break
			}
			p = p[:i]
		}
	}
	q.keys[s] = out
	return out
}

func bloomKey(path string, s bloomSettings) []uint32 {
	h0 := murmur3(0x293ae76f, path, s.version == 1)
	h1 := murmur3(0x7e646e2c, path, s.version == 1)
	out := make([]uint32, s.hashes)
	for i := range out {
		out[i] = h0 + uint32(i)*h1
	}
	return out
}

// MaybeChanged reports whether the commit at pos may have changed q's path
// against its first parent. false is certain: the filter holds none of
// the path's keys. Without a usable filter the answer is true.
func (g *Graph) MaybeChanged(pos uint32, q *PathQuery) bool {
	l, i, ok := g.layerOf(pos)
	if !ok || l.bloom.version == 0 {
		return true
	}
	keys := q.keysFor(l.bloom)
	if len(keys) == 0 {
		return true
	}
	start := uint32(0)
	if i > 0 {
		start = binary.BigEndian.Uint32(l.bidx[(i-1)*4:])
	}
	end := binary.BigEndian.Uint32(l.bidx[i*4:])
	if end < start || uint64(end) > uint64(len(l.bdat)) {
		return true // damaged index: no answer
	}
	filter := l.bdat[start:end]
	if len(filter) == 0 {
		return true // git writes no bits when it gave up on the commit
	}
	nbits := uint64(len(filter)) * 8
	for _, key := range keys {
		for _, h := range key {
			b := uint64(h) % nbits
			if filter[b/8]&(1<<(b%8)) == 0 {
				return false
			}
		}
	}
	return true
}

// murmur3 is murmur3's 32-bit hash as git's bloom.c computes it;
// signedChars reproduces version 1, which sign-extended bytes >= 0x80.
func murmur3(seed uint32, data string, signedChars bool) uint32 {
	const (
		c1 = 0xcc9e2d51
		c2 = 0x1b873593
	)
	byteAt := func(i int) uint32 {
		if signedChars {
			return uint32(int32(int8(data[i])))
		}
		return uint32(data[i])
	}
	n4 := len(data) / 4
	for i := 0; i < n4; i++ {
		k := byteAt(4*i) | byteAt(4*i+1)<<8 | byteAt(4*i+2)<<16 | byteAt(4*i+3)<<24
		k *= c1
		k = bits.RotateLeft32(k, 15)
		k *= c2
		seed ^= k
		seed = bits.RotateLeft32(seed, 13)*5 + 0xe6546b64
	}
	var k1 uint32
	tail := 4 * n4
	switch len(data) & 3 {
	case 3:
		k1 ^= byteAt(tail+2) << 16
		fallthrough
	case 2:
		k1 ^= byteAt(tail+1) << 8
		fallthrough
	case 1:
		k1 ^= byteAt(tail)
		k1 *= c1
		k1 = bits.RotateLeft32(k1, 15)
		k1 *= c2
		seed ^= k1
	}
	seed ^= uint32(len(data))
	seed ^= seed >> 16
	seed *= 0x85ebca6b
	seed ^= seed >> 13
	seed *= 0xc2b2ae35
	seed ^= seed >> 16
	return seed
}
