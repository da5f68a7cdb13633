package repotest

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
)

// RawObject is an object to store as it is: its type and content.
type RawObject struct {
	Type    plumbing.ObjectType
	Content []byte
}

// WritePack stores objs in one new pack (with its .idx) and returns their
// ids. Hostile shapes need thousands of objects (a 5,000-deep directory
// chain, a merge of 10,000 parents); one pack takes milliseconds where as
// many loose files take seconds on a busy disk.
func (r *Repo) WritePack(objs []RawObject) []plumbing.Hash {
	r.t.Helper()
	var pack, z bytes.Buffer
	pack.WriteString("PACK")
	_ = binary.Write(&pack, binary.BigEndian, [2]uint32{2, uint32(len(objs))})
	var idx idxfile.Writer
	idx.OnHeader(uint32(len(objs)))
	zw := zlib.NewWriter(&z)
	ids := make([]plumbing.Hash, len(objs))
	for i, o := range objs {
		ids[i] = plumbing.ComputeHash(o.Type, o.Content)
		start := pack.Len()
		size := uint64(len(o.Content))
		c := byte(o.Type)<<4 | byte(size&0x0f)
		for size >>= 4; size > 0; size >>= 7 {
			pack.WriteByte(c | 0x80)
			c = byte(size & 0x7f)
		}
		pack.WriteByte(c)
		z.Reset()
		zw.Reset(&z)
		_, _ = zw.Write(o.Content)
		_ = zw.Close()
		pack.Write(z.Bytes())
		idx.Add(ids[i], uint64(start), crc32.ChecksumIEEE(pack.Bytes()[start:]))
	}
	sum := plumbing.Hash(sha1.Sum(pack.Bytes()))
	pack.Write(sum[:])
	err := idx.OnFooter(sum)
	var mem *idxfile.MemoryIndex
	if err == nil {
		mem, err = idx.Index()
	}
	var ib bytes.Buffer
	if err == nil {
		_, err = idxfile.NewEncoder(&ib).Encode(mem)
	}
	dir := filepath.Join(r.Dir, ".git", "objects", "pack")
	base := filepath.Join(dir, "pack-"+sum.String())
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err == nil {
		err = os.WriteFile(base+".pack", pack.Bytes(), 0o444)
	}
	if err == nil {
		err = os.WriteFile(base+".idx", ib.Bytes(), 0o444)
	}
	if err != nil {
		r.t.Fatalf("repotest: write pack: %v", err)
	}
	return ids
}
