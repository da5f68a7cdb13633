package odb

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Pack entry types beyond the four object types.
const (
	typeOfsDelta Type = 6
	typeRefDelta Type = 7
)

// pack is one .pack file and its index. Reads use ReadAt, which is safe
// for concurrent use; the file stays open until Close.
type pack struct {
	name string
	f    *os.File
	r    io.ReaderAt // the file, or its read-only mapping where there is one
	size int64       // bytes before the trailing checksum
	idx  *packIndex
}

func openPack(idxPath string) (*pack, error) {
	idx, err := readPackIndex(idxPath)
	if err != nil {
		return nil, err
	}
	packPath := strings.TrimSuffix(idxPath, ".idx") + ".pack"
	f, err := openRegular(packPath)
	if err != nil {
		return nil, err
	}
	p := &pack{name: packPath, f: f, r: f, idx: idx}
	if err := p.checkHeader(); err != nil {
		f.Close()
		return nil, fmt.Errorf("pack %s: %w", packPath, err)
	}
	// A history walk reads tens of thousands of small entries: from a
	// mapping each costs a copy instead of a system call (git maps its
	// packs too).
	if m := mapPack(f, p.size+idSize); m != nil {
		p.r = m
	}
	return p, nil
}

func (p *pack) checkHeader() error {
	fi, err := p.f.Stat()
	if err != nil {
		return err
	}
	if fi.Size() < 12+idSize {
		return fmt.Errorf("truncated (%d bytes)", fi.Size())
	}
	p.size = fi.Size() - idSize
	var hdr [12]byte
	if _, err := p.f.ReadAt(hdr[:], 0); err != nil {
		return err
	}
	if string(hdr[:4]) != "PACK" {
		return errors.New("not a pack file")
	}
	if v := binary.BigEndian.Uint32(hdr[4:]); v != 2 && v != 3 {
		return fmt.Errorf("unsupported pack version %d", v)
	}
	if n := binary.BigEndian.Uint32(hdr[8:]); int(n) != p.idx.count {
		return fmt.Errorf("holds %d objects but its index lists %d; the index does not belong to it", n, p.idx.count)
	}
	return nil
}

// entry is the header of one pack entry.
type entry struct {
	typ     Type
	size    int64 // inflated size: of the object, or of the delta
	dataOff int64 // where the zlib stream starts
	baseOff int64 // typeOfsDelta: the base's offset
	baseID  ID    // typeRefDelta: the base's id
}

// maxEntryHeader bounds an entry header: type and size (at most 10
// bytes for a 64-bit size) and an ofs-delta offset (10) or ref id (20).
const maxEntryHeader = 32

// entryAt parses the entry header at off.
func (p *pack) entryAt(off int64) (entry, error) {
	if off < 12 || off >= p.size {
		return entry{}, fmt.Errorf("offset %d is outside the pack", off)
	}
	var buf [maxEntryHeader]byte
	n, err := p.r.ReadAt(buf[:min(int64(len(buf)), p.size-off)], off)
	if err != nil && !errors.Is(err, io.EOF) {
		return entry{}, err
	}
	return p.parseEntry(buf[:n], off)
}

// parseEntry parses the entry header at the start of b, read from off.
func (p *pack) parseEntry(b []byte, off int64) (entry, error) {
	if len(b) == 0 {
		return entry{}, fmt.Errorf("offset %d is outside the pack", off)
	}
	e := entry{typ: Type(b[0] >> 4 & 7)}
	size := uint64(b[0] & 15)
	i, shift := 1, uint(4)
	for c := b[0]; c&0x80 != 0; shift += 7 {
		if i >= len(b) || shift > 56 {
			return entry{}, fmt.Errorf("entry at %d: bad size", off)
		}
		c = b[i]
		i++
		size |= uint64(c&0x7f) << shift
	}
	e.size = int64(size)
	switch e.typ {
	case TypeCommit, TypeTree, TypeBlob, TypeTag:
	case typeOfsDelta:
		rel, k, err := ofsDeltaOffset(b[i:])
		if err != nil || rel == 0 || rel >= uint64(off) {
			return entry{}, fmt.Errorf("entry at %d: bad delta base offset", off)
		}
		e.baseOff = off - int64(rel)
		i += k
	case typeRefDelta:
		if i+idSize > len(b) {
			return entry{}, fmt.Errorf("entry at %d: truncated delta base id", off)
		}
		copy(e.baseID[:], b[i:])
		i += idSize
	default:
		return entry{}, fmt.Errorf("entry at %d: unknown type %d", off, e.typ)
	}
	e.dataOff = off + int64(i)
	// zlib cannot inflate more than about 1032 bytes per input byte, so
	// a size the rest of the pack cannot hold is a lie: refuse it before
	// allocating anything.
	if room := p.size - e.dataOff; room <= 0 || uint64(e.size) > uint64(room)*1032+64 {
		return entry{}, fmt.Errorf("entry at %d: size %d cannot come from the %d bytes left in the pack", off, e.size, max(room, 0))
	}
	return e, nil
}

// ofsDeltaOffset decodes git's offset encoding for ofs-delta bases (each
// continuation adds one before shifting, so encodings are unique).
func ofsDeltaOffset(b []byte) (uint64, int, error) {
	if len(b) == 0 {
		return 0, 0, errors.New("truncated")
	}
	c := b[0]
	v := uint64(c & 0x7f)
	i := 1
	for c&0x80 != 0 {
		if i >= len(b) || v >= 1<<55 {
			return 0, 0, errors.New("bad offset")
		}
		c = b[i]
		i++
		v = ((v + 1) << 7) | uint64(c&0x7f)
	}
	return v, i, nil
}

// inflateStream reads the zlib stream of e from the file into a new
// buffer of exactly e.size bytes. A stream that ends early, runs past
// e.size or fails its checksum is an error.
func (p *pack) inflateStream(e entry) ([]byte, error) {
	zr, err := p.zlibAt(e.dataOff, e.size)
	if err != nil {
		return nil, err
	}
	return inflateAll(zr, e)
}

// inflateAll reads e.size bytes from zr, checks that the stream ends
// there, and releases zr.
func inflateAll(zr *zstream, e entry) ([]byte, error) {
	defer zr.release()
	out, err := ReadExactly(zr, e.size)
	if err != nil {
		return nil, fmt.Errorf("inflating entry at %d: %w", e.dataOff, err)
	}
	if err := zr.expectEnd(); err != nil {
		return nil, fmt.Errorf("inflating entry at %d: %w", e.dataOff, err)
	}
	return out, nil
}

// readHint is how many compressed bytes to fetch first for an entry that
// inflates to size bytes: zlib rarely grows data, so size plus a little
// usually covers the whole stream in one read, and readers fetch more if
// it does not.
func readHint(size int64) int64 {
	return min(size+size/64+64, 1<<20)
}

// zlibAt opens the zlib stream starting at off, expected to inflate to
// size bytes.
func (p *pack) zlibAt(off, size int64) (*zstream, error) {
	src := &growingReader{r: io.NewSectionReader(p.r, off, p.size-off), next: readHint(size)}
	return newZstream(src)
}

// growingReader hands its caller at most next bytes per Read, doubling
// each time, so that a buffered reader on top first fetches about what
// one entry needs instead of a whole buffer.
type growingReader struct {
	r    io.Reader
	next int64
}

func (g *growingReader) Read(b []byte) (int, error) {
	if int64(len(b)) > g.next {
		b = b[:g.next]
	}
	g.next = min(g.next*2, 1<<20)
	return g.r.Read(b)
}

// ErrSizeMismatch reports an object whose content is longer or shorter
// than its header says: damage, or a substituted object.
var ErrSizeMismatch = errors.New("object's content does not match the size in its header")
