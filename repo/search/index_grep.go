package search

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sync"

	"sightline/repo"
)

// indexSpotChecks is how many files, spread over the index, are looked up
// in the tree before an index is trusted, besides every candidate file.
const indexSpotChecks = 2

// IndexDir is the default directory for search indexes: sightline/index
// under the user's cache directory (XDG_CACHE_HOME or ~/.cache on Linux).
func IndexDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "sightline", "index"), nil
}

// GrepIndexed is Grep answered through idx, the index of tree root: it
// reads only the files whose trigrams admit re, and gives the same
// results in the same order as Grep. Before any result it checks the
// index against the repository: each candidate file's blob id, and a few
// others spread over the index, must be what the tree holds at that path,
// and each stored content read must hash to that blob id
// (ErrIndexInvalid otherwise). A pattern the index cannot narrow (no
// literal of three bytes, or case-folded) searches with Grep.
func GrepIndexed(ctx context.Context, r *repo.Repo, idx *Index, root repo.Hash, re *regexp.Regexp, opts Options, fn func(Match) error) error {
	if idx.tree != root {
		return fmt.Errorf("%w (index of tree %s, searching %s)", ErrIndexInvalid, idx.tree.Short(), root.Short())
	}
	ids, all, err := queryFor(re).eval(idx)
	if err != nil {
		return err
	}
	if all {
		return Grep(ctx, r, root, re, opts, fn)
	}
	if err := spotCheck(ctx, r, idx, root); err != nil {
		return err
	}
	ids = mergeIDs(ids, idx.tooDeep)
	entries := make([]repo.Entry, len(ids))
	for i, id := range ids {
		f := idx.files[id]
		e, err := r.Lookup(ctx, root, f.path)
		if err != nil || e.Hash != f.hash || !sameKind(e, f) {
			return fmt.Errorf("%w (%q differs from the tree)", ErrIndexInvalid, f.path)
		}
		entries[i] = e
	}
	results, err := grepCandidates(ctx, r, idx, ids, entries, re, opts.SkipBinary)
	if err != nil {
		return err
	}
	for i, ms := range results {
		for _, m := range ms {
			if err := fn(m); err != nil {
				return err
			}
		}
		if opts.Progress != nil && (i%256 == 255 || i == len(results)-1) {
			opts.Progress(i+1, len(results))
		}
	}
	return nil
}

// parallelCandidates is the number of candidate files above which a
// second worker shares the searching: below it, starting a goroutine
// costs more than it saves. A variable so that tests can use two workers
// on a small tree.
var parallelCandidates = 64

// grepCandidates searches the candidate files (entries[i] is file ids[i]
// of idx), with two workers when there are many, and returns each file's
// results in order. Contents come from the index when it stores them and
// from the repository otherwise; a stored content that is not the
// tree's blob stops the search with ErrIndexInvalid.
func grepCandidates(ctx context.Context, r *repo.Repo, idx *Index, ids []uint32, entries []repo.Entry, re *regexp.Regexp, skipBinary bool) ([][]Match, error) {
	out := make([][]Match, len(entries))
	workers := 1
	if len(entries) > parallelCandidates {
		workers = 2
	}
	m := newLineMatcher(re)
	open := func(h repo.Hash) (io.ReadCloser, int64, error) { return r.OpenBlob(ctx, h) }
	work, stop := context.WithCancel(ctx)
	defer stop()
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newContentReader(idx)
			for i := w; i < len(entries) && work.Err() == nil; i += workers {
				data, ok, err := c.read(ids[i], entries[i].Hash)
				switch {
				case err != nil:
					errs[w] = err
					stop()
				case ok:
					out[i] = grepContent(entries[i].Path, data, m, skipBinary)
				default:
					out[i] = grepFile(ctx, entries[i], open, m, skipBinary)
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, ctx.Err()
}

// spotCheck looks up files spread evenly over the index in the tree.
func spotCheck(ctx context.Context, r *repo.Repo, idx *Index, root repo.Hash) error {
	n := len(idx.files)
	for k := range min(n, indexSpotChecks) {
		f := idx.files[k*n/min(n, indexSpotChecks)]
		e, err := r.Lookup(ctx, root, f.path)
		if err != nil || e.Hash != f.hash {
			return fmt.Errorf("%w (%q differs from the tree)", ErrIndexInvalid, f.path)
		}
	}
	return nil
}

// grepContent searches one whole file as Grep does (the same line
// matcher: the expression is applied to each line without its LF); a
// binary file (git's rule) that matches gives one Binary result.
func grepContent(path string, data []byte, m lineMatcher, skipBinary bool) []Match {
	binary := bytes.IndexByte(data[:min(len(data), repo.BinarySniffLen)], 0) >= 0
	if binary && skipBinary {
		return nil
	}
	var out []Match
	m.match(data, func(line int, text []byte) bool {
		if binary {
			out = []Match{{Path: path, Binary: true}}
			return false
		}
		// A copy: the content's buffer is reused for the next file.
		out = append(out, Match{Path: path, Line: line, Text: bytes.Clone(text)})
		return true
	})
	return out
}

// sameKind reports whether the tree's entry e is what the index recorded
// as f: a file, or a directory past the depth cap.
func sameKind(e repo.Entry, f indexFile) bool {
	if f.tooDeep {
		return e.Kind == repo.KindError && errors.Is(e.Err, repo.ErrTooDeep)
	}
	return e.Kind == repo.KindFile || e.Kind == repo.KindExec
}

// mergeIDs adds the directories past the depth cap to the candidate
// files, in file order, so that a search through the index reports them
// where Grep does.
func mergeIDs(ids, deep []uint32) []uint32 {
	if len(deep) == 0 {
		return ids
	}
	out := make([]uint32, 0, len(ids)+len(deep))
	i, j := 0, 0
	for i < len(ids) || j < len(deep) {
		if j == len(deep) || i < len(ids) && ids[i] < deep[j] {
			out = append(out, ids[i])
			i++
		} else {
			out = append(out, deep[j])
			j++
		}
	}
	return out
}
