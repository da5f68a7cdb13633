package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"unsafe"

	"sightline/repo"
)

// A trigram index of one tree answers most searches without reading every
// blob (Russ Cox, "Regular Expression Matching with a Trigram Index"): for
// each three-byte sequence it lists the files that contain it, and a
// regular expression's required literals narrow the files to read to a
// few. The pinned tree never changes, so an index built once stays valid;
// it lives in the user's cache directory, keyed by the tree id. It also
// keeps the files' contents, compressed with S2, as zoekt does: a broad
// search then decodes the candidates (about 1.5 GB/s) rather than
// inflating them from the pack (about 0.2 GB/s).
//
// File format (little-endian): a header {magic, tree id, file count,
// trigram count, file-list bytes, postings bytes, content bytes, SHA-256
// of the header fields before it, the file list and the table}; the
// contents (one S2 block per stored file, in no particular order); the
// posting lists (per file, the uvarint delta of its number + 1, then a
// byte: the mask of the bytes that follow the trigram there, see
// nextBit); the file list (per file: uvarint path length, path, object
// id, a byte 1 for a directory past the depth cap (repo.ErrTooDeep: not
// indexed, its id a tree's) or 0 for a file, uvarint stored length, 0
// when the content is not stored, then uvarint offset in the contents
// when it is); the table, one {trigram uint32, offset uint64, count
// uint32, CRC-32 uint32} per trigram in ascending order, the last two
// keys being the lists of the files that hold the long s and the Kelvin
// sign (see denseLongS). A search reads the header, the
// list and the table, then only the posting lists it needs, each checked
// against its CRC, and the contents of the candidate files, each checked
// against its blob id (see storedContent).

// ErrIndexInvalid means an index file is damaged, from another format, or
// for another tree, or disagrees with the repository's objects; rebuild it.
var ErrIndexInvalid = errors.New("search index does not match the repository; rebuild it")

const (
	indexMagic     = "SLTRIDX6"
	headerSize     = len(indexMagic) + 20 + 4 + 4 + 8 + 8 + 8 + sha256.Size
	tableEntrySize = 20
)

// Index is an open trigram index of one tree. Close it when done.
type Index struct {
	f        *os.File
	tree     repo.Hash
	files    []indexFile
	tooDeep  []uint32 // the entries of files past the depth cap, ascending
	table    []byte   // the trigram table section
	content  int64    // where the contents start in f
	nContent int64    // their length
	posts    int64    // where the postings start in f
	nPosts   int64    // their length
	byPathIndex
}

// indexFile is one file of the indexed tree.
type indexFile struct {
	path    string
	hash    repo.Hash
	stored  uint32 // the compressed content's length; 0: not stored
	off     int64  // where it starts in the contents
	tooDeep bool   // a directory past the depth cap, not read: search reports it as Grep does
}

// IndexPath is where the index of tree root lives under dir (for example
// IndexDir()).
func IndexPath(dir string, root repo.Hash) string {
	return filepath.Join(dir, root.String()+".tri")
}

// OpenIndex opens the index at path and checks that it is the index of
// tree root and that its file list and table are whole (posting lists
// and contents are checked as they are read). A missing file is an
// error satisfying errors.Is(err, fs.ErrNotExist).
func OpenIndex(path string, root repo.Hash) (*Index, error) {
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

func readIndex(f *os.File, root repo.Hash) (idx *Index, err error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	hdr := make([]byte, headerSize)
	if _, err := f.ReadAt(hdr, 0); err != nil || string(hdr[:len(indexMagic)]) != indexMagic {
		return nil, errors.New("not a sightline index of this version")
	}
	idx = &Index{f: f}
	p := len(indexMagic)
	copy(idx.tree[:], hdr[p:])
	if idx.tree != root {
		return nil, fmt.Errorf("built for tree %s", idx.tree)
	}
	nFiles := binary.LittleEndian.Uint32(hdr[p+20:])
	nTris := uint64(binary.LittleEndian.Uint32(hdr[p+24:]))
	filesLen := binary.LittleEndian.Uint64(hdr[p+28:])
	postsLen := binary.LittleEndian.Uint64(hdr[p+36:])
	contentLen := binary.LittleEndian.Uint64(hdr[p+44:])
	sum := hdr[p+52:]
	size := uint64(fi.Size())
	metaLen := filesLen + nTris*tableEntrySize
	// Each length is bounded first, so that their sum cannot wrap.
	if filesLen > size || postsLen > size || contentLen > size ||
		uint64(headerSize)+contentLen+postsLen+metaLen != size {
		return nil, errors.New("wrong size")
	}
	idx.content, idx.nContent = int64(headerSize), int64(contentLen)
	idx.posts, idx.nPosts = idx.content+idx.nContent, int64(postsLen)
	if metaLen > uint64(math.MaxInt) {
		return nil, errors.New("too large to map")
	}
	meta, release, err := mapSection(f, idx.posts+idx.nPosts, int(metaLen))
	if err != nil {
		return nil, err
	}
	// The mapping is released when the Index is collected, not at Close:
	// a search still running on a closed index must not read unmapped
	// memory. A file cut short under the mapping faults instead of
	// reading; every read of the mapping goes through readMapped, which
	// turns the fault into ErrIndexInvalid.
	defer func() {
		if err != nil {
			release()
		} else {
			runtime.AddCleanup(idx, func(release func()) { release() }, release)
		}
	}()
	// The checksum is taken on another core while the list is parsed
	// (each was a tenth of a refs on a large tree); the parser bounds
	// every length itself, so parsing a damaged list first is safe, and
	// nothing parsed is used unless the checksum holds.
	summed := make(chan bool, 1)
	go func() {
		ok := false
		_ = readMapped(func() {
			h := sha256.New()
			h.Write(hdr[:headerSize-sha256.Size])
			h.Write(meta)
			ok = bytes.Equal(h.Sum(nil), sum)
		})
		summed <- ok
	}()
	var files []indexFile
	if ferr := readMapped(func() { files, err = parseFileList(meta[:filesLen], nFiles, idx.nContent) }); ferr != nil {
		err = ferr
	}
	if !<-summed {
		return nil, errors.New("checksum mismatch")
	}
	if err != nil {
		return nil, err
	}
	idx.files = files
	for i, e := range idx.files {
		if e.tooDeep {
			idx.tooDeep = append(idx.tooDeep, uint32(i))
		}
	}
	idx.table = meta[filesLen:]
	return idx, nil
}

// parseFileList decodes the file list; stored contents must lie within
// the contents section, of nContent bytes.
func parseFileList(list []byte, nFiles uint32, nContent int64) ([]indexFile, error) {
	bad := errors.New("damaged file list")
	files := make([]indexFile, 0, min(nFiles, uint32(len(list)/23)))
	// The paths outlive the mapping list is read from: they are copied,
	// all into one allocation that nothing writes after, and cut from it.
	names := make([]byte, 0, len(list))
	ends := make([]int, 0, cap(files))
	for range nFiles {
		n, k := binary.Uvarint(list)
		if k <= 0 || n > uint64(len(list)-k) || uint64(len(list)-k)-n < 20 {
			return nil, bad
		}
		names = append(names, list[k:k+int(n)]...)
		ends = append(ends, len(names))
		var e indexFile
		copy(e.hash[:], list[k+int(n):])
		list = list[k+int(n)+20:]
		if len(list) == 0 || list[0] > 1 {
			return nil, bad
		}
		e.tooDeep, list = list[0] == 1, list[1:]
		stored, k := binary.Uvarint(list)
		if k <= 0 || stored > uint64(nContent) || stored > uint64(maxEncoded) || e.tooDeep && stored > 0 {
			return nil, bad
		}
		list = list[k:]
		if stored > 0 {
			off, k := binary.Uvarint(list)
			if k <= 0 || off > uint64(nContent)-stored {
				return nil, bad
			}
			e.stored, e.off, list = uint32(stored), int64(off), list[k:]
		}
		files = append(files, e)
	}
	if len(list) != 0 {
		return nil, bad
	}
	all := unsafe.String(unsafe.SliceData(names), len(names))
	start := 0
	for i, end := range ends {
		files[i].path, start = all[start:end], end
	}
	return files, nil
}

// tableEntry looks trigram t up in the table: where its posting list
// starts and ends, how many files it lists and its checksum.
func (x *Index) tableEntry(t uint32) (found bool, off, end int64, count, sum uint32) {
	n := len(x.table) / tableEntrySize
	i := sort.Search(n, func(i int) bool {
		return binary.LittleEndian.Uint32(x.table[i*tableEntrySize:]) >= t
	})
	if i == n || binary.LittleEndian.Uint32(x.table[i*tableEntrySize:]) != t {
		return false, 0, 0, 0, 0
	}
	e := x.table[i*tableEntrySize:]
	off, count, sum = int64(binary.LittleEndian.Uint64(e[4:])), binary.LittleEndian.Uint32(e[12:]), binary.LittleEndian.Uint32(e[16:])
	end = x.nPosts
	if i+1 < n {
		end = int64(binary.LittleEndian.Uint64(x.table[(i+1)*tableEntrySize+4:]))
	}
	return true, off, end, count, sum
}

// readMapped runs read, which reads the mapped metadata, with a fault
// turned into an error: a file cut short under the mapping faults where
// a read would fail.
func readMapped(read func()) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w (the index file changed while it was read: %v)", ErrIndexInvalid, p)
		}
	}()
	read()
	return nil
}

// Close releases the index file.
func (x *Index) Close() error { return x.f.Close() }

// postings returns the file numbers (0-based, ascending) holding trigram
// t and, when need is not zero, followed somewhere in the file by a byte
// of one of need's classes (nextBits).
func (x *Index) postings(t uint32, need uint8) ([]uint32, error) {
	var found bool
	var off, end int64
	var count, sum uint32
	if err := readMapped(func() { found, off, end, count, sum = x.tableEntry(t) }); err != nil || !found {
		return nil, err
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
	return decodePostings(buf, count, len(x.files), need)
}

// decodePostings reads a posting list of count files (each a uvarint
// delta of its number + 1, then its mask) from buf, keeping those whose
// mask has one of need's bits (all when need is 0). The count is the
// table's: the allocation is bounded by buf, which was read, not by it.
func decodePostings(buf []byte, count uint32, files int, need uint8) ([]uint32, error) {
	if uint64(count) > uint64(len(buf)/2) { // two bytes at least each
		return nil, fmt.Errorf("%w (posting list shorter than its count)", ErrIndexInvalid)
	}
	out := make([]uint32, 0, count)
	var last uint64
	for range count {
		d, k := binary.Uvarint(buf)
		if k <= 0 || d == 0 || k == len(buf) {
			return nil, fmt.Errorf("%w (bad posting list)", ErrIndexInvalid)
		}
		mask := buf[k]
		buf = buf[k+1:]
		last += d
		if last > uint64(files) {
			return nil, fmt.Errorf("%w (posting past the file list)", ErrIndexInvalid)
		}
		if need == 0 || mask&need != 0 {
			out = append(out, uint32(last-1))
		}
	}
	return out, nil
}
