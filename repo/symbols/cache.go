package symbols

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"sightline/repo"
)

// The symbol index is cached beside the search index, in the same
// directory and keyed by the same tree id, and built by the same child
// process ("sightline index"), so that parsing vendor code never runs in
// the workbench. Like the search index it is checked before it is
// trusted: the file must be whole (a SHA-256 over all of it), for this
// tree, and each file a result comes from must still have the blob id the
// cache recorded (Verify).
//
// File format: magic, tree id (20 bytes), payload length (uint64 LE),
// SHA-256 of the bytes before it and of the payload, then the payload: a
// gob of cacheDoc.

// ErrCacheInvalid means a symbol cache is damaged, from another format or
// tree, or disagrees with the repository; rebuild it.
var ErrCacheInvalid = errors.New("symbol index does not match the repository; rebuild it")

const (
	cacheMagic  = "SLSYMIX1"
	cacheHeader = len(cacheMagic) + 20 + 8
	maxCache    = 2 << 30 // refuse to read more than this
)

type cacheDoc struct {
	Files   []cacheFile
	Skipped []Skipped
}

type cacheFile struct {
	Path string
	Lang string
	Blob repo.Hash
	Defs []cacheDef
}

type cacheDef struct {
	Name, Scope string
	Kind        Kind
	Line, Col   int
	Precise     bool
}

// CachePath is where the symbol index of tree lives under dir (the
// search index's directory).
func CachePath(dir string, tree repo.Hash) string {
	return filepath.Join(dir, tree.String()+".sym")
}

// Save writes the definitions, files and skipped files of ix (not its
// occurrences) to path, through a temporary file renamed into place so
// that a killed build leaves nothing half written.
func Save(ix *Index, tree repo.Hash, path string) error {
	doc := cacheDoc{Skipped: ix.Skipped}
	for _, f := range ix.Files {
		cf := cacheFile{Path: f.Path, Lang: f.Lang, Blob: f.Blob}
		for _, d := range f.Defs {
			cf.Defs = append(cf.Defs, cacheDef{d.Name, d.Scope, d.Kind, d.Line, d.Col, d.Precise})
		}
		doc.Files = append(doc.Files, cf)
	}
	var payload bytes.Buffer
	if err := gob.NewEncoder(&payload).Encode(doc); err != nil {
		return err
	}
	hdr := make([]byte, cacheHeader, cacheHeader+sha256.Size)
	copy(hdr, cacheMagic)
	copy(hdr[len(cacheMagic):], tree[:])
	binary.LittleEndian.PutUint64(hdr[len(cacheMagic)+20:], uint64(payload.Len()))
	h := sha256.New()
	h.Write(hdr)
	h.Write(payload.Bytes())
	hdr = h.Sum(hdr)
	tmp, err := os.CreateTemp(filepath.Dir(path), ".sym-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(hdr); err == nil {
		_, err = tmp.Write(payload.Bytes())
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Load reads the symbol index of tree from path and checks that it is
// whole and for that tree. A missing file is an error satisfying
// errors.Is(err, fs.ErrNotExist); any other fault wraps ErrCacheInvalid.
func Load(path string, tree repo.Hash) (*Index, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ix, err := readCache(f, tree)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (%v)", path, ErrCacheInvalid, err)
	}
	return ix, nil
}

// Peek checks only the header of the cache at path: its format, tree and
// size, without reading the rest. It is the cheap test of whether a cache
// must be built; Load checks everything.
func Peek(path string, tree repo.Hash) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, _, err := readHeader(f, tree); err != nil {
		return fmt.Errorf("%s: %w (%v)", path, ErrCacheInvalid, err)
	}
	return nil
}

func readHeader(f *os.File, tree repo.Hash) ([]byte, uint64, error) {
	hdr := make([]byte, cacheHeader+sha256.Size)
	if _, err := io.ReadFull(f, hdr); err != nil || string(hdr[:len(cacheMagic)]) != cacheMagic {
		return nil, 0, errors.New("not a sightline symbol index of this version")
	}
	if !bytes.Equal(hdr[len(cacheMagic):len(cacheMagic)+20], tree[:]) {
		return nil, 0, errors.New("built for another tree")
	}
	n := binary.LittleEndian.Uint64(hdr[len(cacheMagic)+20:])
	if fi, err := f.Stat(); err != nil || n > maxCache || uint64(fi.Size()) != uint64(len(hdr))+n {
		return nil, 0, errors.New("wrong size")
	}
	return hdr, n, nil
}

func readCache(f *os.File, tree repo.Hash) (*Index, error) {
	hdr, n, err := readHeader(f, tree)
	if err != nil {
		return nil, err
	}
	payload := make([]byte, n)
	if _, err := io.ReadFull(f, payload); err != nil {
		return nil, err
	}
	h := sha256.New()
	h.Write(hdr[:cacheHeader])
	h.Write(payload)
	if !bytes.Equal(h.Sum(nil), hdr[cacheHeader:]) {
		return nil, errors.New("checksum mismatch")
	}
	var doc cacheDoc
	if err := gob.NewDecoder(bytes.NewReader(payload)).Decode(&doc); err != nil {
		return nil, err
	}
	ix := &Index{Skipped: doc.Skipped, cached: true}
	for _, cf := range doc.Files {
		f := File{Path: cf.Path, Lang: cf.Lang, Blob: cf.Blob}
		for _, d := range cf.Defs {
			f.Defs = append(f.Defs, Def{Name: d.Name, Kind: d.Kind, Path: cf.Path, Line: d.Line, Col: d.Col, Scope: d.Scope, Lang: cf.Lang, Precise: d.Precise})
		}
		ix.Files = append(ix.Files, f)
	}
	ix.index()
	return ix, nil
}

// DefPaths lists the files defs come from, each once, in order: what
// Verify must check before they are shown.
func DefPaths(defs []Def) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range defs {
		if !seen[d.Path] {
			seen[d.Path] = true
			out = append(out, d.Path)
		}
	}
	return out
}

// Verify checks that each of paths is, in tree, the blob the index
// recorded for it: results from a cache are shown only after this. A
// mismatch wraps ErrCacheInvalid.
func (ix *Index) Verify(ctx context.Context, r *repo.Repo, tree repo.Hash, paths []string) error {
	blobs := make(map[string]repo.Hash, len(ix.Files))
	for _, f := range ix.Files {
		blobs[f.Path] = f.Blob
	}
	for _, p := range paths {
		want, ok := blobs[p]
		if !ok {
			return fmt.Errorf("%w (%q is not in its file list)", ErrCacheInvalid, p)
		}
		e, err := r.Lookup(ctx, tree, p)
		if err != nil || e.Hash != want {
			return fmt.Errorf("%w (%q is not the file it recorded)", ErrCacheInvalid, p)
		}
	}
	return nil
}

// VerifyAll checks every file of the index against tree in one walk of
// it, as Verify checks a few: what lists every definition (ctrl+t) shows
// them only after this. A file missing or changed wraps ErrCacheInvalid.
func (ix *Index) VerifyAll(ctx context.Context, r *repo.Repo, tree repo.Hash) error {
	want := make(map[string]repo.Hash, len(ix.Files))
	for _, f := range ix.Files {
		want[f.Path] = f.Blob
	}
	seen := 0
	err := r.WalkFiles(ctx, tree, func(e repo.Entry) error {
		h, ok := want[e.Path]
		if !ok {
			return nil
		}
		if e.Hash != h {
			return fmt.Errorf("%w (%q is not the file it recorded)", ErrCacheInvalid, e.Path)
		}
		seen++
		return nil
	})
	if err != nil {
		return err
	}
	if seen != len(want) {
		return fmt.Errorf("%w (%d of its files are not in the tree)", ErrCacheInvalid, len(want)-seen)
	}
	return nil
}
