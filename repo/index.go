package repo

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// A trigram index of one tree answers most searches without reading every
// blob (Russ Cox, "Regular Expression Matching with a Trigram Index"): for
// each three-byte sequence it lists the files that contain it, and a
// regular expression's required literals narrow the files to read to a
// few. The pinned tree never changes, so an index built once stays valid;
// it lives in the user's cache directory, keyed by the tree id.
//
// File format (little-endian): magic, tree id, file count, trigram count;
// per file its path (uvarint length + bytes) and blob id; a table of
// {trigram uint32, offset uint64, count uint32} sorted by trigram; the
// posting lists (uvarint deltas of file numbers, each stored as number+1
// minus the previous); then the SHA-256 of everything before it.

// ErrIndexInvalid means an index file is damaged, from another format, or
// for another tree, or disagrees with the repository's objects; rebuild it.
var ErrIndexInvalid = errors.New("search index does not match the repository; rebuild it")

const indexMagic = "SLTRIDX1"

const tableEntrySize = 16

// Index is a loaded trigram index of one tree.
type Index struct {
	tree  Hash
	files []indexFile
	table []byte // the trigram table section
	posts []byte // the postings section
}

type indexFile struct {
	path string
	hash Hash
}

// IndexPath is where the index of tree root lives under dir (for example
// os.UserCacheDir()/sightline/index).
func IndexPath(dir string, root Hash) string {
	return filepath.Join(dir, root.String()+".tri")
}

// postingList accumulates one trigram's files while building.
type postingList struct {
	last uint32 // previous file number + 1
	n    uint32
	buf  []byte
}

// BuildIndex reads every regular file of tree root and writes its
// trigram index to path, atomically (a temporary file renamed into
// place). A tree with an unreadable entry gets no index: search then
// falls back to Grep, which reports the damage file by file.
func (r *Repo) BuildIndex(ctx context.Context, root Hash, path string) error {
	var files []indexFile
	lists := map[uint32]*postingList{}
	seen := make([]uint64, 1<<24/64) // trigrams of the current file
	var touched []uint32
	err := r.WalkFiles(ctx, root, func(e Entry) error {
		switch e.Kind {
		case KindError:
			return fmt.Errorf("index %s: %q: %w", root.Short(), e.Path, e.Err)
		case KindFile, KindExec:
		default:
			return nil
		}
		b, err := r.ReadBlob(ctx, e.Hash, -1)
		if err != nil {
			return fmt.Errorf("index %s: %q: %w", root.Short(), e.Path, err)
		}
		id := uint32(len(files)) + 1
		files = append(files, indexFile{path: e.Path, hash: e.Hash})
		d := b.Data
		for i := 0; i+2 < len(d); i++ {
			t := uint32(d[i])<<16 | uint32(d[i+1])<<8 | uint32(d[i+2])
			if seen[t/64]&(1<<(t%64)) != 0 {
				continue
			}
			seen[t/64] |= 1 << (t % 64)
			touched = append(touched, t)
			pl := lists[t]
			if pl == nil {
				pl = &postingList{}
				lists[t] = pl
			}
			pl.buf = binary.AppendUvarint(pl.buf, uint64(id-pl.last))
			pl.last = id
			pl.n++
		}
		for _, t := range touched {
			seen[t/64] = 0
		}
		touched = touched[:0]
		return nil
	})
	if err != nil {
		return err
	}
	return writeIndex(path, root, files, lists)
}

func writeIndex(path string, root Hash, files []indexFile, lists map[uint32]*postingList) error {
	tris := make([]uint32, 0, len(lists))
	for t := range lists {
		tris = append(tris, t)
	}
	sort.Slice(tris, func(i, j int) bool { return tris[i] < tris[j] })
	var b bytes.Buffer
	b.WriteString(indexMagic)
	b.Write(root[:])
	b.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(files))))
	b.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(tris))))
	for _, f := range files {
		b.Write(binary.AppendUvarint(nil, uint64(len(f.path))))
		b.WriteString(f.path)
		b.Write(f.hash[:])
	}
	var off uint64
	entry := make([]byte, tableEntrySize)
	for _, t := range tris {
		pl := lists[t]
		binary.LittleEndian.PutUint32(entry[0:], t)
		binary.LittleEndian.PutUint64(entry[4:], off)
		binary.LittleEndian.PutUint32(entry[12:], pl.n)
		b.Write(entry)
		off += uint64(len(pl.buf))
	}
	for _, t := range tris {
		b.Write(lists[t].buf)
	}
	sum := sha256.Sum256(b.Bytes())
	b.Write(sum[:])
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tri-*")
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("index %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("index %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}

// OpenIndex loads the index at path and checks that it is whole (its
// checksum) and that it is the index of tree root. A missing file is an
// error satisfying errors.Is(err, fs.ErrNotExist).
func OpenIndex(path string, root Hash) (*Index, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	bad := func(why string) (*Index, error) {
		return nil, fmt.Errorf("%s: %w (%s)", path, ErrIndexInvalid, why)
	}
	head := len(indexMagic) + 20 + 8
	if len(data) < head+sha256.Size || string(data[:len(indexMagic)]) != indexMagic {
		return bad("not a sightline index")
	}
	body := data[:len(data)-sha256.Size]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], data[len(body):]) {
		return bad("checksum mismatch")
	}
	idx := &Index{}
	copy(idx.tree[:], data[len(indexMagic):])
	if idx.tree != root {
		return bad("built for tree " + idx.tree.String())
	}
	nFiles := binary.LittleEndian.Uint32(data[head-8:])
	nTris := binary.LittleEndian.Uint32(data[head-4:])
	p := head
	idx.files = make([]indexFile, 0, nFiles)
	for range nFiles {
		n, k := binary.Uvarint(body[p:])
		if k <= 0 || uint64(len(body)-p-k) < n+20 {
			return bad("truncated file list")
		}
		p += k
		f := indexFile{path: string(body[p : p+int(n)])}
		p += int(n)
		copy(f.hash[:], body[p:])
		p += 20
		idx.files = append(idx.files, f)
	}
	if uint64(len(body)-p) < uint64(nTris)*tableEntrySize {
		return bad("truncated trigram table")
	}
	idx.table = body[p : p+int(nTris)*tableEntrySize]
	idx.posts = body[p+int(nTris)*tableEntrySize:]
	return idx, nil
}

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
	off, count := binary.LittleEndian.Uint64(e[4:]), binary.LittleEndian.Uint32(e[12:])
	if off > uint64(len(x.posts)) {
		return nil, fmt.Errorf("%w (posting offset out of range)", ErrIndexInvalid)
	}
	buf := x.posts[off:]
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
