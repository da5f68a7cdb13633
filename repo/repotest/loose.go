package repotest

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// WriteLooseBlob writes a blob of size bytes straight into gitDir's
// objects/ as a loose object, streaming, so the test itself never holds
// it in memory. Each MiB of it starts with "line one\nline two\n"; the
// rest is fill.
func WriteLooseBlob(t testing.TB, gitDir string, size int64, fill byte) plumbing.Hash {
	t.Helper()
	tmp, err := os.CreateTemp(gitDir, "big")
	if err != nil {
		t.Fatal(err)
	}
	h := sha1.New()
	zw, _ := zlib.NewWriterLevel(tmp, zlib.BestSpeed)
	w := io.MultiWriter(zw, h)
	fmt.Fprintf(w, "blob %d\x00", size)
	chunk := bytes.Repeat([]byte{fill}, 1<<20)
	copy(chunk, "line one\nline two\n")
	for left := size; left > 0; left -= int64(len(chunk)) {
		if _, err := w.Write(chunk[:min(left, int64(len(chunk)))]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil || tmp.Close() != nil {
		t.Fatal(err)
	}
	var id plumbing.Hash
	copy(id[:], h.Sum(nil))
	p := filepath.Join(gitDir, "objects", id.String()[:2], id.String()[2:])
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		t.Fatal(err)
	}
	return id
}
