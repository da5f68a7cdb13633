package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"sightline/repo"
)

// quitAfter is a context that reports Canceled from its n-th look on: a
// quit arriving while the postings are merged.
type quitAfter struct {
	context.Context
	n, looks int
}

func (c *quitAfter) Err() error {
	if c.looks++; c.looks >= c.n {
		return context.Canceled
	}
	return nil
}

// TestMergePostingsStopsWhenCancelled: a quit during the merge of the
// postings stops it at the next look at its context (not at the end),
// with context.Canceled, and the build's abort leaves neither the index
// nor its temporary file.
func TestMergePostingsStopsWhenCancelled(t *testing.T) {
	defer func(n int) { segmentPostings = n }(segmentPostings)
	segmentPostings = 6000 // several segments
	dir := t.TempDir()
	b := newBuilder(dir)
	defer b.close()
	var files []indexFile
	for i := range 4 { // 4×5000 trigrams, 3000 apart: 14000 distinct
		tris := make([]uint32, 5000)
		for k := range tris {
			tris[k] = uint32(3000*i + k)
		}
		if err := b.add(uint32(i), tris); err != nil {
			t.Fatal(err)
		}
		files = append(files, indexFile{path: string(rune('a' + i))})
	}
	if err := b.flush(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "index", "x.tri")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	out, err := newIndexWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := &quitAfter{Context: context.Background(), n: 2}
	err = out.finish(ctx, repo.Hash{}, files, b.segs)
	out.abort()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("finish with a quit during the merge: %v, want context.Canceled", err)
	}
	if ctx.looks != 2 {
		t.Errorf("the merge looked at its context %d times, want it to stop at the 2nd look", ctx.looks)
	}
	left, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("left behind: %s", e.Name())
	}
}
