package synth

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
)

// maxDeltaDepth caps delta chains as git's default pack.depth does, so
// that reading the newest version of an often-edited file stays cheap.
const maxDeltaDepth = 50

// packWriter streams objects into one packfile and builds its .idx.
// Writing one pack instead of hundreds of thousands of loose objects is
// what makes the large repository take minutes rather than an hour, and
// it is the layout a vendor's clone has.
type packWriter struct {
	dir   string // objects/pack
	tmp   *os.File
	w     *bufio.Writer
	off   uint64
	count uint32
	seen  map[plumbing.Hash]packed
	idx   idxfile.Writer
	zbuf  bytes.Buffer
	zw    *zlib.Writer
	entry bytes.Buffer
}

// packed is where an object sits in the pack and how deep its delta chain is.
type packed struct {
	off   uint64
	depth uint8
}

func newPackWriter(packDir string) (*packWriter, error) {
	if err := os.MkdirAll(packDir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(packDir, "tmp_pack_")
	if err != nil {
		return nil, err
	}
	p := &packWriter{dir: packDir, tmp: f, w: bufio.NewWriterSize(f, 1<<20), seen: map[plumbing.Hash]packed{}}
	p.zw, _ = zlib.NewWriterLevel(&p.zbuf, zlib.BestSpeed)
	// The object count is patched in by finish, once it is known.
	hdr := []byte{'P', 'A', 'C', 'K', 0, 0, 0, 2, 0, 0, 0, 0}
	if _, err := p.w.Write(hdr); err != nil {
		return nil, err
	}
	p.off = uint64(len(hdr))
	p.idx.OnHeader(0)
	return p, nil
}

// put stores an object, as a delta against base when base is in the pack
// and the delta is worth it, and returns its hash. An object already
// stored is not stored twice.
func (p *packWriter) put(t plumbing.ObjectType, data []byte, base plumbing.Hash, baseData []byte) (plumbing.Hash, error) {
	h := plumbing.ComputeHash(t, data)
	if _, ok := p.seen[h]; ok {
		return h, nil
	}
	b, haveBase := p.seen[base]
	if haveBase && b.depth < maxDeltaDepth && len(data) > 64 && len(baseData) > 0 {
		delta := packfile.DiffDelta(baseData, data)
		if len(delta) < len(data)/2 {
			return h, p.write(h, plumbing.OFSDeltaObject, delta, b.off, b.depth+1)
		}
	}
	return h, p.write(h, t, data, 0, 0)
}

// write appends one pack entry: the type-and-size header, the base offset
// for a delta, then the zlib stream.
func (p *packWriter) write(h plumbing.Hash, t plumbing.ObjectType, data []byte, baseOff uint64, depth uint8) error {
	p.entry.Reset()
	size := uint64(len(data))
	c := byte(t)<<4 | byte(size&0x0f)
	size >>= 4
	for size > 0 {
		p.entry.WriteByte(c | 0x80)
		c = byte(size & 0x7f)
		size >>= 7
	}
	p.entry.WriteByte(c)
	if t == plumbing.OFSDeltaObject {
		p.entry.Write(encodeOffset(p.off - baseOff))
	}
	p.zbuf.Reset()
	p.zw.Reset(&p.zbuf)
	if _, err := p.zw.Write(data); err != nil {
		return err
	}
	if err := p.zw.Close(); err != nil {
		return err
	}
	p.entry.Write(p.zbuf.Bytes())
	if _, err := p.w.Write(p.entry.Bytes()); err != nil {
		return err
	}
	p.idx.Add(h, p.off, crc32.ChecksumIEEE(p.entry.Bytes()))
	p.seen[h] = packed{off: p.off, depth: depth}
	p.off += uint64(p.entry.Len())
	p.count++
	return nil
}

// encodeOffset writes an OFS_DELTA's distance back to its base in git's
// variable-length form, where each continuation adds one before shifting.
func encodeOffset(d uint64) []byte {
	var buf [16]byte
	i := len(buf) - 1
	buf[i] = byte(d & 0x7f)
	for d >>= 7; d > 0; d >>= 7 {
		d--
		i--
		buf[i] = 0x80 | byte(d&0x7f)
	}
	return buf[i:]
}

// finish patches the object count, appends the pack checksum, writes the
// .idx next to the pack and gives both their final names.
func (p *packWriter) finish() (plumbing.Hash, error) {
	if err := p.w.Flush(); err != nil {
		return plumbing.ZeroHash, err
	}
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], p.count)
	if _, err := p.tmp.WriteAt(n[:], 8); err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := p.tmp.Seek(0, io.SeekStart); err != nil {
		return plumbing.ZeroHash, err
	}
	sum := sha1.New()
	if _, err := io.Copy(sum, bufio.NewReaderSize(p.tmp, 1<<20)); err != nil {
		return plumbing.ZeroHash, err
	}
	var packHash plumbing.Hash
	copy(packHash[:], sum.Sum(nil))
	if _, err := p.tmp.Write(packHash[:]); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := p.tmp.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := p.idx.OnFooter(packHash); err != nil {
		return plumbing.ZeroHash, err
	}
	idx, err := p.idx.Index()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	base := filepath.Join(p.dir, "pack-"+packHash.String())
	if err := writeIndex(base+".idx", idx); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := os.Rename(p.tmp.Name(), base+".pack"); err != nil {
		return plumbing.ZeroHash, err
	}
	return packHash, nil
}

func writeIndex(path string, idx *idxfile.MemoryIndex) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if _, err := idxfile.NewEncoder(w).Encode(idx); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
