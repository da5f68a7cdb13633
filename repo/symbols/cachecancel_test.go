package symbols

import (
	"context"
	"errors"
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
