package repo

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
)

// A trigram index of one tree answers most searches without reading every
// blob (Russ Cox, "Regular Expression Matching with a Trigram Index"): for
// each three-byte sequence it lists the files that contain it, and a
// regular expression's required literals narrow the files to read to a
// few. The pinned tree never changes, so an index built once stays valid;
// it lives in the user's cache directory, keyed by the tree id.
//
// File format (little-endian): a header {magic, tree id, file count,
// trigram count, file-list bytes, postings bytes, SHA-256 of the header
// fields before it, the file list and the table}; the file list (per file: uvarint path length, path,
// blob id); the table, one {trigram uint32, offset uint64, count uint32,
// CRC-32 uint32} per trigram in ascending order; the posting lists
// (uvarint deltas of file number + 1). A search reads the header, the
// list and the table, then only the posting lists it needs, each checked
// against its CRC.

// ErrIndexInvalid means an index file is damaged, from another format, or
// for another tree, or disagrees with the repository's objects; rebuild it.
var ErrIndexInvalid = errors.New("search index does not match the repository; rebuild it")

const (
	indexMagic     = "SLTRIDX2"
	headerSize     = len(indexMagic) + 20 + 4 + 4 + 8 + 8 + sha256.Size
	tableEntrySize = 20
)

// Index is an open trigram index of one tree. Close it when done.
type Index struct {
	f      *os.File
	tree   Hash
	files  []indexFile
	table  []byte // the trigram table section
	posts  int64  // where the postings start in f
	nPosts int64  // their length
}

type indexFile struct {
	path string
	hash Hash
}

// IndexPath is where the index of tree root lives under dir (for example
// IndexDir()).
func IndexPath(dir string, root Hash) string {
	return filepath.Join(dir, root.String()+".tri")
}

// segment reads one sorted segment file written by builder.flush.
type segment struct {
	r    *bufio.Reader
	tri  uint32
	n    uint32
	last uint32
	buf  []byte
	done bool
}

func (s *segment) next() error {
	var hdr [20]byte
	if _, err := io.ReadFull(s.r, hdr[:]); err != nil {
		if errors.Is(err, io.EOF) {
			s.done = true
			return nil
		}
		return err
	}
	s.tri = binary.LittleEndian.Uint32(hdr[0:])
	s.n = binary.LittleEndian.Uint32(hdr[4:])
	s.last = binary.LittleEndian.Uint32(hdr[12:])
	s.buf = slices.Grow(s.buf[:0], int(binary.LittleEndian.Uint32(hdr[16:])))[:binary.LittleEndian.Uint32(hdr[16:])]
	_, err := io.ReadFull(s.r, s.buf)
	return err
}

// writeIndex merges the segments into the index file at path.
func writeIndex(path string, root Hash, entries []indexFile, segFiles []*os.File) error {
	dir := filepath.Dir(path)
	posts, err := os.CreateTemp(dir, ".posts-*")
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	_ = os.Remove(posts.Name())
	defer posts.Close()
	pw := bufio.NewWriterSize(posts, 1<<20)
	segs := make([]*segment, len(segFiles))
	for i, f := range segFiles {
		segs[i] = &segment{r: bufio.NewReaderSize(f, 1<<20)}
		if err := segs[i].next(); err != nil {
			return fmt.Errorf("index: %w", err)
		}
	}
	var table []byte
	var off uint64
	for {
		lo, any := uint32(0), false
		for _, s := range segs {
			if !s.done && (!any || s.tri < lo) {
				lo, any = s.tri, true
			}
		}
		if !any {
			break
		}
		crc := crc32.NewIEEE()
		w := io.MultiWriter(pw, crc)
		var n, prevLast uint32
		var size uint64
		for _, s := range segs {
			if s.done || s.tri != lo {
				continue
			}
			// Each segment's first delta is from 0; rebase it on the
			// previous segment's last file.
			first, k := binary.Uvarint(s.buf)
			head := binary.AppendUvarint(nil, first-uint64(prevLast))
			w.Write(head)
			w.Write(s.buf[k:])
			size += uint64(len(head) + len(s.buf) - k)
			n, prevLast = n+s.n, s.last
			if err := s.next(); err != nil {
				return fmt.Errorf("index: %w", err)
			}
		}
		var e [tableEntrySize]byte
		binary.LittleEndian.PutUint32(e[0:], lo)
		binary.LittleEndian.PutUint64(e[4:], off)
		binary.LittleEndian.PutUint32(e[12:], n)
		binary.LittleEndian.PutUint32(e[16:], crc.Sum32())
		table = append(table, e[:]...)
		off += size
	}
	if err := pw.Flush(); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	var files []byte
	for _, e := range entries {
		files = binary.AppendUvarint(files, uint64(len(e.path)))
		files = append(files, e.path...)
		files = append(files, e.hash[:]...)
	}
	hdr := []byte(indexMagic)
	hdr = append(hdr, root[:]...)
	hdr = binary.LittleEndian.AppendUint32(hdr, uint32(len(entries)))
	hdr = binary.LittleEndian.AppendUint32(hdr, uint32(len(table)/tableEntrySize))
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(len(files)))
	hdr = binary.LittleEndian.AppendUint64(hdr, off)
	meta := sha256.New() // covers the header's fields too
	meta.Write(hdr)
	meta.Write(files)
	meta.Write(table)
	hdr = meta.Sum(hdr)
	if _, err := posts.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return writeAtomic(path, func(w io.Writer) error {
		for _, part := range [][]byte{hdr, files, table} {
			if _, err := w.Write(part); err != nil {
				return err
			}
		}
		_, err := io.Copy(w, posts)
		return err
	})
}

// writeAtomic writes a file through a temporary one renamed into place,
// so a reader never sees half an index.
func writeAtomic(path string, fill func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tri-*")
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	w := bufio.NewWriterSize(tmp, 1<<20)
	if err := fill(w); err != nil {
		tmp.Close()
		return fmt.Errorf("index %s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("index %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("index %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}

// OpenIndex opens the index at path and checks that it is the index of
// tree root and that its file list and table are whole (posting lists
// are checked as they are read). A missing file is an error satisfying
// errors.Is(err, fs.ErrNotExist).
func OpenIndex(path string, root Hash) (*Index, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	idx, err := readIndex(f, root)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w (%v)", path, ErrIndexInvalid, err)
	}
	return idx, nil
}

func readIndex(f *os.File, root Hash) (*Index, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	hdr := make([]byte, headerSize)
	if _, err := f.ReadAt(hdr, 0); err != nil || string(hdr[:len(indexMagic)]) != indexMagic {
		return nil, errors.New("not a sightline index")
	}
	idx := &Index{f: f}
	p := len(indexMagic)
	copy(idx.tree[:], hdr[p:])
	if idx.tree != root {
		return nil, fmt.Errorf("built for tree %s", idx.tree)
	}
	nFiles := binary.LittleEndian.Uint32(hdr[p+20:])
	nTris := uint64(binary.LittleEndian.Uint32(hdr[p+24:]))
	filesLen := binary.LittleEndian.Uint64(hdr[p+28:])
	postsLen := binary.LittleEndian.Uint64(hdr[p+36:])
	sum := hdr[p+44:]
	metaLen := filesLen + nTris*tableEntrySize
	if uint64(fi.Size()) != uint64(headerSize)+metaLen+postsLen {
		return nil, errors.New("wrong size")
	}
	meta := make([]byte, metaLen)
	if _, err := f.ReadAt(meta, int64(headerSize)); err != nil {
		return nil, err
	}
	h := sha256.New()
	h.Write(hdr[:headerSize-sha256.Size])
	h.Write(meta)
	if !bytes.Equal(h.Sum(nil), sum) {
		return nil, errors.New("checksum mismatch")
	}
	files := meta[:filesLen]
	idx.files = make([]indexFile, 0, nFiles)
	for range nFiles {
		n, k := binary.Uvarint(files)
		if k <= 0 || uint64(len(files)-k) < n+20 {
			return nil, errors.New("truncated file list")
		}
		e := indexFile{path: string(files[k : k+int(n)])}
		copy(e.hash[:], files[k+int(n):])
		idx.files = append(idx.files, e)
		files = files[k+int(n)+20:]
	}
	idx.table = meta[filesLen:]
	idx.posts, idx.nPosts = int64(headerSize)+int64(metaLen), int64(postsLen)
	return idx, nil
}

// Close releases the index file.
func (x *Index) Close() error { return x.f.Close() }

// postings returns the file numbers (0-based, ascending) holding trigram t.
func (x *Index) postings(t uint32) ([]uint32, error) {
	n := len(x.table) / tableEntrySize
	i := sort.Search(n, func(i int) bool {
		return binary.LittleEndian.Uint32(x.table[i*tableEntrySize:]) >= t
	})
	if i == n || binary.LittleEndian.Uint32(x.table[i*tableEntrySize:]) != t {
		return nil, nil
	}
	e := x.table[i*tableEntrySize:]
	off, count, sum := int64(binary.LittleEndian.Uint64(e[4:])), binary.LittleEndian.Uint32(e[12:]), binary.LittleEndian.Uint32(e[16:])
	end := x.nPosts
	if i+1 < n {
		end = int64(binary.LittleEndian.Uint64(x.table[(i+1)*tableEntrySize+4:]))
	}
	if off < 0 || off > end || end > x.nPosts {
		return nil, fmt.Errorf("%w (posting list out of range)", ErrIndexInvalid)
	}
	buf := make([]byte, end-off)
	if _, err := x.f.ReadAt(buf, x.posts+off); err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrIndexInvalid, err)
	}
	if crc32.ChecksumIEEE(buf) != sum {
		return nil, fmt.Errorf("%w (posting list checksum mismatch)", ErrIndexInvalid)
	}
	out := make([]uint32, 0, count)
	var last uint64
	for range count {
		d, k := binary.Uvarint(buf)
		if k <= 0 || d == 0 {
			return nil, fmt.Errorf("%w (bad posting list)", ErrIndexInvalid)
		}
		buf = buf[k:]
		last += d
		if last > uint64(len(x.files)) {
			return nil, fmt.Errorf("%w (posting past the file list)", ErrIndexInvalid)
		}
		out = append(out, uint32(last-1))
	}
	return out, nil
}
