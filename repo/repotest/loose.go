package repotest

import (
	"bytes"
	"io"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// WriteLooseBlob writes a blob of size bytes straight into gitDir's
// objects/ as a loose object, streaming, so the test itself never holds
// it in memory. Each MiB of it starts with "line one\nline two\n"; the
// rest is fill.
func WriteLooseBlob(t testing.TB, gitDir string, size int64, fill byte) plumbing.Hash {
	t.Helper()
	return WriteLooseObject(t, gitDir, "blob", size, func(w io.Writer) error {
		chunk := bytes.Repeat([]byte{fill}, 1<<20)
		copy(chunk, "line one\nline two\n")
		for left := size; left > 0; left -= int64(len(chunk)) {
			if _, err := w.Write(chunk[:min(left, int64(len(chunk)))]); err != nil {
				return err
			}
		}
		return nil
	})
}
