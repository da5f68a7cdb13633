//go:build unix

package artifact_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"sightline/repo/artifact"
)

// TestDirectoryNeverOpensFIFOsOrFollowsLinks: a FIFO in an unpacked
// release would block whoever opens it, and a symlink out of it would
// make the comparison read the reviewer's files.
func TestDirectoryNeverOpensFIFOsOrFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	writeDir(t, dir, []entry{{name: "README", content: "hello\n"}})
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	secret := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(secret, []byte("secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "out")); err != nil {
		t.Fatal(err)
	}
	a, err := artifact.Read(context.Background(), dir, artifact.DefaultLimits())
	if err != nil || a.Err != nil {
		t.Fatalf("%v %v", err, a.Err)
	}
	got := findings(a)
	if !got["device file pipe"] || !got["symlink outside out"] {
		t.Errorf("findings %v", got)
	}
	for _, m := range a.Members {
		if m.Path == "out" && (m.Type != artifact.TypeSymlink || m.Blob != artifact.BlobID([]byte(secret))) {
			t.Errorf("the link was followed: %+v", m)
		}
	}
}
