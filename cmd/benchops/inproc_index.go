package main

import (
	"context"
	"errors"
	"regexp"
	"time"

	"sightline/repo"
	"sightline/repo/search"
)

func init() {
	inprocSteps["buildindex"] = buildIndex
	inprocSteps["grepindexed"] = grepIndexed
}

// buildIndex builds the search index of HEAD's tree in the user's cache
// directory (the harness points XDG_CACHE_HOME at a directory of its own).
func buildIndex(env stepEnv) ([]time.Duration, int, error) {
	start := time.Now()
	r, err := repo.Open(env.dir)
	if err != nil {
		return nil, 0, err
	}
	defer r.Close()
	pin, err := r.Resolve("HEAD")
	if err != nil {
		return nil, 0, err
	}
	idxDir, err := search.IndexDir()
	if err != nil {
		return nil, 0, err
	}
	err = search.BuildIndex(context.Background(), r, pin.Tree, search.IndexPath(idxDir, pin.Tree))
	return []time.Duration{time.Since(start)}, 0, err
}

// grepIndexed is a warm search in a new process: open, load and check the
// index, search the candidate files. It fails rather than report a full
// scan's time if the index was not used.
func grepIndexed(env stepEnv) ([]time.Duration, int, error) {
	start := time.Now()
	r, err := repo.Open(env.dir)
	if err != nil {
		return nil, 0, err
	}
	defer r.Close()
	pin, err := r.Resolve("HEAD")
	if err != nil {
		return nil, 0, err
	}
	re, err := regexp.Compile(env.arg)
	if err != nil {
		return nil, 0, err
	}
	n := 0
	used, err := search.New(r, "").GrepCached(context.Background(), pin.Tree, re, search.Options{}, func(search.Match) error { n++; return nil })
	if err == nil && !used {
		err = errors.New("the search index was not used")
	}
	return []time.Duration{time.Since(start)}, n, err
}
