package symbols

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"sightline/repo"
)

// The symbol index is cached beside the search index, in the same
// directory and keyed by the same tree id, and built by the same child
// process ("sightline index"), so that parsing vendor code never runs in
// the workbench. Like the search index it is checked before it is
// trusted: every part of the file read must be whole (SHA-256s of its
// header, its block table and each block a lookup reads), for this tree, and each file a result comes from must still have the blob id the
// cache recorded (Verify).
//
// The file's format is in cachefmt.go: tables a lookup reads from a
// mapping, each block checked before it is used (Cache).

// ErrCacheInvalid means a symbol cache is damaged, from another format or
// tree, or disagrees with the repository; rebuild it.
var ErrCacheInvalid = errors.New("symbol index does not match the repository; rebuild it")

// CachePath is where the symbol index of tree lives under dir (the
// search index's directory).
func CachePath(dir string, tree repo.Hash) string {
	return filepath.Join(dir, tree.String()+".sym")
}

// Save writes the definitions, files and skipped files of ix (not its
// occurrences) to path, through a temporary file renamed into place so
// that a killed build leaves nothing half written.
func Save(ix *Index, tree repo.Hash, path string) error {
	w, err := newCacheWriter(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer w.cleanup()
	for _, f := range ix.Files {
		if err := w.addFile(f); err != nil {
			return err
		}
	}
	w.skip = append(w.skip, ix.Skipped...)
	return w.finish(context.Background(), tree, path) // an index in memory: small, written at once
}

// Load reads the whole symbol index of tree from path into memory,
// checking all of it: for tests and small trees; lookups use Open. A
// missing file is an error satisfying errors.Is(err, fs.ErrNotExist);
// any other fault wraps ErrCacheInvalid.
func Load(path string, tree repo.Hash) (*Index, error) {
	c, err := Open(path, tree)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	ix := &Index{cached: true}
	err = c.eachFile("", func(f *cfile) error {
		defs, err := c.fileDefs(nil, f)
		ix.Files = append(ix.Files, File{Path: f.path, Lang: f.lang, Blob: f.blob, Defs: defs})
		return err
	})
	if err == nil {
		ix.Skipped, err = c.Skipped()
	}
	if err != nil {
		return nil, err
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

// Verify checks that each of paths is, in tree, the blob the cache
// recorded for it (found by binary search in the file table): results
// from a cache are shown only after this. A mismatch wraps
// ErrCacheInvalid.
func (c *Cache) Verify(ctx context.Context, r *repo.Repo, tree repo.Hash, paths []string) error {
	for _, p := range paths {
		var f cfile
		var ok bool
		err := c.guard(func() (err error) {
			f, ok, err = c.lookupPath(p)
			return err
		})
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%w (%q is not in its file list)", ErrCacheInvalid, p)
		}
		e, err := r.Lookup(ctx, tree, p)
		if err != nil || e.Hash != f.blob {
			return fmt.Errorf("%w (%q is not the file it recorded)", ErrCacheInvalid, p)
		}
	}
	return nil
}

// VerifyAll checks every file of the cache against tree in one walk of
// it, each file found by binary search: what lists every definition
// (ctrl+t) shows them only after this. A file missing or changed wraps
// ErrCacheInvalid.
func (c *Cache) VerifyAll(ctx context.Context, r *repo.Repo, tree repo.Hash) error {
	seen := 0
	err := r.WalkFiles(ctx, tree, func(e repo.Entry) error {
		var f cfile
		var ok bool
		err := c.guard(func() (err error) {
			f, ok, err = c.lookupPath(e.Path)
			return err
		})
		switch {
		case err != nil:
			return err
		case !ok:
			return nil
		case e.Hash != f.blob:
			return fmt.Errorf("%w (%q is not the file it recorded)", ErrCacheInvalid, e.Path)
		}
		seen++
		return nil
	})
	if err != nil {
		return err
	}
	if n := c.count(secFiles); seen != n {
		return fmt.Errorf("%w (%d of its files are not in the tree)", ErrCacheInvalid, n-seen)
	}
	return nil
}
