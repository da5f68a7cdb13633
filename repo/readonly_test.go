package repo

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
)

// Every call that could change the reviewed repository is refused, and
// nothing appears on disk.
func TestReadOnlyFSRefusesWrites(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "HEAD"), []byte("ref: refs/heads/main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fs := readOnly(osfs.New(dir, osfs.WithBoundOS()))
	sub, err := fs.Chroot(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []billy.Filesystem{fs, sub} {
		attempts := map[string]error{}
		_, attempts["Create"] = f.Create("new")
		_, attempts["OpenFile O_WRONLY"] = f.OpenFile("HEAD", os.O_WRONLY, 0)
		_, attempts["OpenFile O_RDWR"] = f.OpenFile("HEAD", os.O_RDWR, 0)
		_, attempts["OpenFile O_CREATE"] = f.OpenFile("x", os.O_RDONLY|os.O_CREATE, 0o644)
		_, attempts["OpenFile O_APPEND"] = f.OpenFile("HEAD", os.O_RDONLY|os.O_APPEND, 0)
		_, attempts["OpenFile O_TRUNC"] = f.OpenFile("HEAD", os.O_RDONLY|os.O_TRUNC, 0)
		attempts["Rename"] = f.Rename("HEAD", "moved")
		attempts["Remove"] = f.Remove("HEAD")
		_, attempts["TempFile"] = f.TempFile("", "tmp")
		attempts["MkdirAll"] = f.MkdirAll("d/e", 0o755)
		attempts["Symlink"] = f.Symlink("HEAD", "link")
		for name, err := range attempts {
			if !errors.Is(err, errReadOnly) {
				t.Errorf("%s: %v, want the read-only refusal", name, err)
			}
		}
		if _, ok := f.(billy.Change); ok {
			t.Error("the read-only filesystem offers Chmod/Chtimes (billy.Change)")
		}
		rd, err := f.Open("HEAD")
		if err != nil {
			t.Fatalf("reading is allowed: %v", err)
		}
		_ = rd.Close()
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("files appeared: %v", entries)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "HEAD")); string(b) != "ref: refs/heads/main\n" {
		t.Fatalf("HEAD changed: %q", b)
	}
}
