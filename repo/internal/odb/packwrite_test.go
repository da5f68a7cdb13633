package odb

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// packObj is one entry of a pack written by writePack: a whole object,
// or a delta on an earlier entry (ofs) or on an id (ref). The writer
// trusts it entirely, so tests can make packs git would never write.
type packObj struct {
	typ    Type   // an object type, typeOfsDelta or typeRefDelta
	data   []byte // the entry's payload: the content, or the delta
	base   int    // typeOfsDelta: the position of the base entry
	baseID ID     // typeRefDelta
	id     ID     // the id the index lists for this entry
}

// whole is a packObj holding content, listed under its true id.
func whole(typ Type, content []byte) packObj {
	return packObj{typ: typ, data: content, id: objectID(typ, content)}
}

// writePack writes objs as one pack and its index under objects/pack and
// returns each entry's offset. swap names pairs of entries whose offsets
// (and CRCs) the index exchanges: each id then leads to the other's bytes.
func writePack(t testing.TB, objects string, objs []packObj, swap ...[2]int) []int64 {
	t.Helper()
	var pack bytes.Buffer
	pack.WriteString("PACK")
	binary.Write(&pack, binary.BigEndian, uint32(2))
	binary.Write(&pack, binary.BigEndian, uint32(len(objs)))
	offs := make([]int64, len(objs))
	crcs := make([]uint32, len(objs))
	for i, o := range objs {
		offs[i] = int64(pack.Len())
		entry := entryHeader(o.typ, len(o.data))
		switch o.typ {
		case typeOfsDelta:
			entry = append(entry, ofsEncoding(offs[i]-offs[o.base])...)
		case typeRefDelta:
			entry = append(entry, o.baseID[:]...)
		}
		entry = append(entry, deflate(o.data)...)
		crcs[i] = crc32.ChecksumIEEE(entry)
		pack.Write(entry)
	}
	sum := sha1.Sum(pack.Bytes())
	pack.Write(sum[:])
	for _, s := range swap {
		offs[s[0]], offs[s[1]] = offs[s[1]], offs[s[0]]
		crcs[s[0]], crcs[s[1]] = crcs[s[1]], crcs[s[0]]
	}
	idx := indexBytes(objs, offs, crcs, sum)
	for _, s := range swap { // report the true offsets
		offs[s[0]], offs[s[1]] = offs[s[1]], offs[s[0]]
	}
	base := filepath.Join(objects, "pack", fmt.Sprintf("pack-%x", sum))
	if err := os.MkdirAll(filepath.Dir(base), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(base+".pack", pack.Bytes(), 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(base+".idx", idx, 0o444); err != nil {
		t.Fatal(err)
	}
	return offs
}

// indexBytes is a version 2 pack index, with a good checksum.
func indexBytes(objs []packObj, offs []int64, crcs []uint32, packSum [20]byte) []byte {
	order := make([]int, len(objs))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return bytes.Compare(objs[order[a]].id[:], objs[order[b]].id[:]) < 0 })
	var idx bytes.Buffer
	idx.Write(idxMagic)
	binary.Write(&idx, binary.BigEndian, uint32(2))
	for b := range 256 {
		n := 0
		for _, o := range objs {
			if int(o.id[0]) <= b {
				n++
			}
		}
		binary.Write(&idx, binary.BigEndian, uint32(n))
	}
	for _, i := range order {
		idx.Write(objs[i].id[:])
	}
	for _, i := range order {
		binary.Write(&idx, binary.BigEndian, crcs[i])
	}
	for _, i := range order {
		binary.Write(&idx, binary.BigEndian, uint32(offs[i]))
	}
	idx.Write(packSum[:])
	sum := sha1.Sum(idx.Bytes())
	idx.Write(sum[:])
	return idx.Bytes()
}

func entryHeader(typ Type, size int) []byte {
	b := []byte{byte(typ)<<4 | byte(size&15)}
	for size >>= 4; size > 0; size >>= 7 {
		b[len(b)-1] |= 0x80
		b = append(b, byte(size&0x7f))
	}
	return b
}

// ofsEncoding is git's encoding of an ofs-delta's distance to its base.
func ofsEncoding(rel int64) []byte {
	b := []byte{byte(rel & 0x7f)}
	for rel >>= 7; rel > 0; rel >>= 7 {
		rel--
		b = append([]byte{0x80 | byte(rel&0x7f)}, b...)
	}
	return b
}

func deflate(data []byte) []byte {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(data)
	zw.Close()
	return z.Bytes()
}

// makeDelta is a delta turning base into result: it copies the prefix
// they share (so the result depends on the base) and inserts the rest.
func makeDelta(base, result []byte) []byte {
	d := appendSize(appendSize(nil, len(base)), len(result))
	n := 0
	for n < len(base) && n < len(result) && n < 0xffffff && base[n] == result[n] {
		n++
	}
	if n > 0 { // copy base[0:n]: no offset bytes, three size bytes
		d = append(d, 0x80|0x10|0x20|0x40, byte(n), byte(n>>8), byte(n>>16))
	}
	for rest := result[n:]; len(rest) > 0; {
		k := min(len(rest), 127)
		d = append(d, byte(k))
		d = append(d, rest[:k]...)
		rest = rest[k:]
	}
	return d
}

func appendSize(b []byte, n int) []byte {
	for n >= 0x80 {
		b = append(b, byte(n)|0x80)
		n >>= 7
	}
	return append(b, byte(n))
}

// writeLoose writes a loose object file under the path of id holding
// an object of typ with content (its true id or not).
func writeLoose(t testing.TB, objects string, id ID, typ Type, content []byte) {
	t.Helper()
	p := filepath.Join(objects, id.String()[:2], id.String()[2:])
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(p, 0o644)
	framed := append([]byte(fmt.Sprintf("%s %d\x00", typ, len(content))), content...)
	if err := os.WriteFile(p, deflate(framed), 0o444); err != nil {
		t.Fatal(err)
	}
}
