package repo

import (
	"context"
	"fmt"
	"testing"

	"sightline/repo/repotest"
)

// bigTree is 100,000 files: 1,000 directories of 100 files under 10 top
// directories, sharing a few blobs so that it builds in seconds.
func bigTree() repotest.Tree {
	t := repotest.Tree{}
	for d := range 1000 {
		for f := range 100 {
			t[fmt.Sprintf("top%d/dir%03d/file%02d.go", d%10, d, f)] = repotest.File{Content: fmt.Sprintf("package p%d\n", f)}
		}
	}
	return t
}

// BenchmarkWalkFiles lists every path of a 100,000-file tree, as the fuzzy
// finder and grep do, on a freshly opened repository each time (so the
// tree cache does not help).
func BenchmarkWalkFiles(b *testing.B) {
	tr := repotest.New(b)
	tr.Commit("big", bigTree())
	for b.Loop() {
		r, pin := openAt(b, tr)
		n := 0
		if err := r.WalkFiles(context.Background(), pin.Tree, func(Entry) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
		if n != 100000 {
			b.Fatalf("walked %d files, want 100000", n)
		}
		_ = r.Close()
	}
}

// BenchmarkReadTreeFlat lists one directory of 100,000 entries, the worst
// case for the tree pane's first expand.
func BenchmarkReadTreeFlat(b *testing.B) {
	tr := repotest.New(b)
	flat := repotest.Tree{}
	for i := range 100000 {
		flat[fmt.Sprintf("f%06d.txt", i)] = repotest.File{Content: "x\n"}
	}
	tr.Commit("flat", flat)
	for b.Loop() {
		r, pin := openAt(b, tr)
		es, err := r.ReadTree(context.Background(), pin.Tree, "")
		if err != nil || len(es) != 100000 {
			b.Fatalf("%d entries, %v", len(es), err)
		}
		_ = r.Close()
	}
}
