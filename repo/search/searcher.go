package search

import (
	"context"
	"errors"
	"io/fs"
	"regexp"

	"sightline/repo"
)

// Searcher is the policy of when to use the index: it answers a search of
// a tree through the trigram index of that tree when one was built in its
// directory and passes its checks, and by reading every file (Grep)
// otherwise. The workbench's repo-wide search (ctrl+f) and "sightline
// grep" both search through one. It never builds an index: BuildIndex
// does that ("sightline index", which the workbench starts in the
// background).
type Searcher struct {
	r   *repo.Repo
	dir string // where the indexes live; "": nowhere known, every search reads every file
}

// New returns the Searcher of r whose indexes live in dir, or in
// IndexDir() when dir is "".
func New(r *repo.Repo, dir string) *Searcher {
	if dir == "" {
		// Without a cache directory there is no index to use: every
		// search then reads every file.
		dir, _ = IndexDir()
	}
	return &Searcher{r: r, dir: dir}
}

// Grep searches root as the package's Grep does (same results, same
// order), through the index of root when there is a valid one.
func (s *Searcher) Grep(ctx context.Context, root repo.Hash, re *regexp.Regexp, opts Options, fn func(Match) error) error {
	_, err := s.GrepCached(ctx, root, re, opts, fn)
	return err
}

// GrepCached is Grep, and reports whether the index answered. An index
// that is missing or fails its checks means a full search instead.
func (s *Searcher) GrepCached(ctx context.Context, root repo.Hash, re *regexp.Regexp, opts Options, fn func(Match) error) (bool, error) {
	if s.dir == "" {
		return false, Grep(ctx, s.r, root, re, opts, fn)
	}
	idx, err := OpenIndex(IndexPath(s.dir, root), root)
	if err == nil {
		defer idx.Close()
		// Results go to fn only after the checks, so a failed check can
		// still fall back to Grep without repeating output.
		var got []Match
		err = GrepIndexed(ctx, s.r, idx, root, re, opts, func(m Match) error { got = append(got, m); return nil })
		if err == nil {
			for _, m := range got {
				if err := fn(m); err != nil {
					return true, err
				}
			}
			return true, nil
		}
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, ErrIndexInvalid) {
		return false, err
	}
	return false, Grep(ctx, s.r, root, re, opts, fn)
}
