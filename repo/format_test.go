package repo

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzCheckFormat feeds hostile .git/config files to the format check: it
// may refuse them, never panic.
func FuzzCheckFormat(f *testing.F) {
	f.Add("[core]\n\trepositoryformatversion = 1\n[extensions]\n\tobjectformat = sha256\n")
	f.Add("[]\n[extensions]\npartialclone\n")
	f.Add("[extensions \"x\"]\n=\n[")
	f.Fuzz(func(t *testing.T, config string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "config"), []byte(config), 0o644); err != nil {
			t.Fatal(err)
		}
		_ = checkFormat(dir)
	})
}
