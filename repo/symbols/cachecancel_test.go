package symbols

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// cancelAfter is data that ends ctx once it has served n bytes (n goes
// below 0 by what it serves after): a quit arriving while the cache file
// is written.
type cancelAfter struct {
	n      int
	cancel context.CancelFunc
}

func (r *cancelAfter) Read(p []byte) (int, error) {
	if r.n <= 0 {
		r.cancel()
	}
	for i := range p {
		p[i] = byte(i)
	}
	r.n -= len(p)
	return len(p), nil
}

// TestWriteCacheFileStopsWhenCancelled: a context ended while the data
// is written stops the write with context.Canceled well before its end,
// and leaves neither the file nor its temporary file.
func TestWriteCacheFileStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.sym")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const total = 4096 * cacheBlock // 32 MB
	h := header{dataLen: total}
	data := &cancelAfter{n: 10 * cacheBlock, cancel: cancel}
	err := writeCacheFile(ctx, path, &h, io.LimitReader(data, total))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("writeCacheFile after the context ended: %v, want context.Canceled", err)
	}
	if after := -data.n; after > 2*writeCheckEvery*cacheBlock {
		t.Errorf("it read %d bytes of the data after the context ended", after)
	}
	left, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("left behind: %s", e.Name())
	}
}

// TestMergeRunsStopsWhenCancelled: the merge of the sorted runs (millions
// of pairs on a large tree) looks at its context before its first pair,
// and stops there once the context has ended.
func TestMergeRunsStopsWhenCancelled(t *testing.T) {
	defer func(n int) { chunkPairs = n }(chunkPairs)
	chunkPairs = 1000 // several runs to merge
	dir := t.TempDir()
	w, err := newCacheWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.cleanup()
	for f := range 100 {
		file := File{Path: fmt.Sprintf("f%03d.c", f), Lang: "c"}
		for i := range 100 {
			file.Defs = append(file.Defs, Def{Name: fmt.Sprintf("n%05d", (f*37+i*101)%5000), Kind: Func, Path: file.Path, Line: i + 1, Col: 1, Lang: "c"})
		}
		if err := w.addFile(file); err != nil {
			t.Fatal(err)
		}
	}
	names, err := newSpill(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer names.remove()
	postings, err := newSpill(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer postings.remove()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := w.mergeRuns(ctx, names, postings); !errors.Is(err, context.Canceled) {
		t.Fatalf("mergeRuns with an ended context: %v, want context.Canceled", err)
	}
	if postings.n != 0 {
		t.Errorf("it wrote %d bytes of postings after the context had ended", postings.n)
	}
	if len(w.runs) < 2 {
		t.Fatalf("%d runs: the test merges nothing", len(w.runs))
	}
}
