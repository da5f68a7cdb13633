package repo

import (
	"bytes"
	"compress/zlib"
	"context"
	"crypto/rand"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// A blob whose header claims 1 GiB but which holds 1 MiB: reading it
// fails on the missing bytes, and what was allocated follows the bytes
// that exist, not the header's word.
func TestLyingBlobSizeCostsOnlyWhatIsThere(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("c", repotest.Tree{"a.txt": {Content: "a\n"}})
	noise := make([]byte, 1<<20)
	rand.Read(noise) // incompressible: the file is about 1 MiB, enough to "hold" 1 GiB
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write([]byte("blob 1073741824\x00"))
	zw.Write(noise)
	zw.Close()
	var h Hash
	h[0], h[1] = 0x5e, 0x11
	p := filepath.Join(tr.Dir, ".git", "objects", h.String()[:2], h.String()[2:])
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, buf.Bytes(), 0o444); err != nil {
		t.Fatal(err)
	}
	r, _ := openAt(t, tr)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := r.ReadBlob(context.Background(), h, -1)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "does not match the size in its header") {
		t.Fatalf("ReadBlob of a short blob: %v", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 256<<20 {
		t.Fatalf("allocated %d MiB for a blob holding 1 MiB", grew>>20)
	}
}
