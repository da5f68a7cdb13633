package main

import (
	"context"
	"time"

	"sightline/repo"
)

// stepEnv is what a step is given: the repository, its manifest, the
// iterations wanted and the step's argument (a search pattern).
type stepEnv struct {
	dir   string
	m     manifest
	iters int
	arg   string
}

// stepFunc runs one in-process step and returns the time of each
// iteration and a line count of its result.
type stepFunc func(env stepEnv) ([]time.Duration, int, error)

// inprocSteps are the in-process steps this binary has; files that need
// other packages add theirs from init.
var inprocSteps = map[string]stepFunc{
	"pathlist": pathList,
}

// pathList is the fuzzy finder's input: open the repository and list
// every path at HEAD, in a fresh process like git ls-tree -r.
func pathList(env stepEnv) ([]time.Duration, int, error) {
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
	var paths []string
	err = r.WalkFiles(context.Background(), pin.Tree, func(e repo.Entry) error {
		paths = append(paths, e.Path)
		return nil
	})
	return []time.Duration{time.Since(start)}, len(paths), err
}
