package symbols

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkTagDir tags every file of $SYMBOLS_BENCH_DIR whose name ends
// in $SYMBOLS_BENCH_EXT: run it with -cpuprofile/-memprofile on a sample
// of a large repository's blobs, one language at a time. "whole" is what
// refs and Tag do, "defs" what the cache build does.
func BenchmarkTagDir(b *testing.B) {
	b.Run("whole", func(b *testing.B) { benchTagDir(b, Tag) })
	b.Run("defs", func(b *testing.B) { benchTagDir(b, tagDefs) })
}

func benchTagDir(b *testing.B, tag func(string, []byte, Limits) (File, error)) {
	dir := os.Getenv("SYMBOLS_BENCH_DIR")
	if dir == "" {
		b.Skip("SYMBOLS_BENCH_DIR not set")
	}
	ext := os.Getenv("SYMBOLS_BENCH_EXT")
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	type file struct {
		name string
		src  []byte
	}
	var files []file
	var n int64
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ext) {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, file{e.Name(), src})
		n += int64(len(src))
	}
	b.SetBytes(n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			if _, err := tag(f.name, f.src, Limits{}); err != nil {
				b.Fatalf("%s: %v", f.name, err)
			}
		}
	}
}
