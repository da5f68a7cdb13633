package symbols

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// TestCacheScale writes a synthetic cache the size of the large
// benchmark repository's (SYMBOLS_SCALE_DEFS definitions, 75 a file,
// names drawn from a vocabulary of a twelfth as many, and one name
// defined in 5,000 files) through the streaming writer, then times
// opening it and looking names up as "sightline def" does (a fresh open
// each time). Opt-in: it takes minutes.
//
//	SYMBOLS_SCALE_DEFS=6000000 go test ./repo/symbols -run CacheScale -v
func TestCacheScale(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("SYMBOLS_SCALE_DEFS"))
	if n == 0 {
		t.Skip("set SYMBOLS_SCALE_DEFS to run")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "scale.sym")
	tree := [20]byte{9}
	start := time.Now()
	w, err := newCacheWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.cleanup()
	vocab := n / 12
	var peak uint64
	for f := 0; f*75 < n; f++ {
		file := File{Path: fmt.Sprintf("pkg%03d/sub%02d/file%06d.c", f%997, f%89, f), Lang: "c", Blob: [20]byte{byte(f)}}
		for i := 0; i < 75; i++ {
			name := fmt.Sprintf("Name%07d", (f*7919+i*104729)%vocab)
			if i == 0 && f%16 == 0 {
				name = "HotName"
			}
			file.Defs = append(file.Defs, Def{Name: name, Kind: Func, Path: file.Path, Line: i*3 + 1, Col: 1, Scope: "Scope" + strconv.Itoa(i%5), Lang: "c"})
		}
		if err := w.addFile(file); err != nil {
			t.Fatal(err)
		}
		if f%2000 == 0 {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	if err := w.finish(context.Background(), tree, path); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	t.Logf("wrote %d defs in %d files, %d MB, in %s; live heap at most %d MB while adding", w.ndefs, len(w.files), fi.Size()>>20, time.Since(start).Round(time.Millisecond), peak>>20)
	for _, name := range []string{"HotName", "Name0000001", "Name0123456", "absent"} {
		for i := 0; i < 3; i++ {
			start := time.Now()
			c, err := Open(path, tree)
			if err != nil {
				t.Fatal(err)
			}
			opened := time.Since(start)
			defs, err := c.Defs(name)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("Defs(%s): %d in %s (open %s)", name, len(defs), time.Since(start).Round(time.Microsecond), opened.Round(time.Microsecond))
			c.Close()
		}
	}
	c, err := Open(path, tree)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start = time.Now()
	count := 0
	if err := c.Each("", func(Def) error { count++; return nil }); err != nil {
		t.Fatal(err)
	}
	t.Logf("Each: %d defs in %s", count, time.Since(start).Round(time.Millisecond))
}
