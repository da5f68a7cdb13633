package odb

import (
	"bytes"
	"encoding/binary"
	"math/rand"
	"sort"
	"testing"
)

// indexOf builds a version 2 pack index listing names (sorted here), for
// find alone: offsets and checksums are zero.
func indexOf(t *testing.T, names [][20]byte) *packIndex {
	t.Helper()
	sort.Slice(names, func(a, b int) bool { return bytes.Compare(names[a][:], names[b][:]) < 0 })
	var b bytes.Buffer
	b.Write(idxMagic)
	binary.Write(&b, binary.BigEndian, uint32(2))
	var fan [256]uint32
	for _, n := range names {
		for c := int(n[0]); c < 256; c++ {
			fan[c]++
		}
	}
	binary.Write(&b, binary.BigEndian, fan)
	for _, n := range names {
		b.Write(n[:])
	}
	b.Write(make([]byte, 8*len(names)+40)) // CRCs, offsets, the two checksums
	x, err := parsePackIndex(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// firstAtLeast is find by a plain search: the first position holding id.
func firstAtLeast(x *packIndex, id ID) int {
	i := sort.Search(x.count, func(i int) bool { return bytes.Compare(x.name(i), id[:]) >= 0 })
	if i < x.count && bytes.Equal(x.name(i), id[:]) {
		return i
	}
	return -1
}

// find's guess and window give exactly a plain search's answer: for every
// listed id (the first of a duplicated one), and for ids not listed that
// fall before, between and after them, in an index of uniform ids like
// git's and in crafted ones where a guess lands far off.
func TestFindIsAPlainSearch(t *testing.T) {
	rng := rand.New(rand.NewSource(17))
	random := func() (id [20]byte) { rng.Read(id[:]); return id }
	sets := map[string][][20]byte{}
	var uniform [][20]byte
	for i := 0; i < 200000; i++ {
		uniform = append(uniform, random())
	}
	sets["uniform"] = uniform
	// Crafted: most names of a byte's range packed at its low end, a few
	// at its top, so that a guess from the ends lands far from the id.
	var skewed [][20]byte
	for i := 0; i < 50000; i++ {
		id := random()
		id[0] = 0x42
		if i%1000 != 0 {
			id[1], id[2] = 0, 0
		}
		skewed = append(skewed, id)
	}
	sets["skewed"] = skewed
	// Duplicates side by side, as an odd pack lists an object twice.
	var dups [][20]byte
	for i := 0; i < 20000; i++ {
		id := random()
		dups = append(dups, id)
		if i%3 == 0 {
			dups = append(dups, id, id)
		}
	}
	sets["duplicates"] = dups
	for name, ids := range sets {
		x := indexOf(t, append([][20]byte(nil), ids...))
		var probes []ID
		for _, id := range ids {
			probes = append(probes, ID(id))
			near := id
			near[19]++
			probes = append(probes, ID(near)) // not listed, next to a listed one
		}
		for i := 0; i < 20000; i++ {
			probes = append(probes, ID(random()))
		}
		probes = append(probes, ID{}, ID{0x42}, ID{0x42, 0xff, 0xff})
		var all ID
		for i := range all {
			all[i] = 0xff
		}
		probes = append(probes, all)
		for _, id := range probes {
			if got, want := x.find(id), firstAtLeast(x, id); got != want {
				t.Fatalf("%s: find(%x) = %d, a plain search says %d", name, id, got, want)
			}
		}
	}
}
