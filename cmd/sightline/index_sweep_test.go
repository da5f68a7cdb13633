package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sightline/repo/repotest"
)

// "sightline index" removes the temporaries an earlier build left in the
// index directory when it was killed (its cleanups never ran), once they
// are an hour old; a fresh one may be a build running now and is kept, as
// is everything not named like a build's temporary.
func TestIndexSweepsStaleTemporaries(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("c", repotest.Tree{"a.txt": {Content: "needle\n"}})
	dir := t.TempDir()
	old := time.Now().Add(-2 * time.Hour)
	stale := []string{".tri-1234567", ".sym-98765", ".symspill-4242", ".history-777.tmp", ".seg-31337"}
	fresh := []string{".tri-555", ".sym-556", ".symspill-557", ".history-558.tmp", ".seg-559"}
	kept := []string{"0123.tri", "0123.sym", "history-0123.graph", ".history-1.graph", "notes.txt", ".trifle"}
	write := func(name string, at time.Time) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, at, at); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range stale {
		write(n, old)
	}
	for _, n := range fresh {
		write(n, time.Now())
	}
	for _, n := range kept {
		write(n, old)
	}
	// A directory or a link named like a temporary is not one.
	if err := os.Mkdir(filepath.Join(dir, ".tri-dir"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "notes.txt"), filepath.Join(dir, ".tri-link")); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{".tri-dir", ".tri-link"} {
		if err := os.Chtimes(filepath.Join(dir, n), old, old); err != nil {
			t.Fatal(err)
		}
		kept = append(kept, n)
	}

	if code, out, errOut := runCmd("index", "--repo", tr.Dir, "--dir", dir); code != 0 || !strings.HasPrefix(out, "indexed tree ") {
		t.Fatalf("index: exit %d, %q %q", code, out, errOut)
	}
	for _, n := range stale {
		if _, err := os.Lstat(filepath.Join(dir, n)); err == nil {
			t.Errorf("stale temporary %s was left", n)
		}
	}
	for _, n := range append(fresh, kept...) {
		if _, err := os.Lstat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s was removed: %v", n, err)
		}
	}
}
