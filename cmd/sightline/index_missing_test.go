//go:build unix

package main

import (
	"io"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/search"
	"sightline/repo/symbols"
)

// fileID is what a rewrite of a file changes: the builds rename a new
// file into place, so its inode; and its modification time.
type fileID struct {
	ino   uint64
	mtime time.Time
}

func idOf(t *testing.T, path string) fileID {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fileID{ino: fi.Sys().(*syscall.Stat_t).Ino, mtime: fi.ModTime()}
}

// indexFiles are the three indexes of pin under dir.
func indexFiles(dir string, pin repo.Pin) map[string]string {
	return map[string]string{
		"search":  search.IndexPath(dir, pin.Tree),
		"history": repo.HistoryIndexPath(dir, pin.Commit),
		"symbol":  symbols.CachePath(dir, pin.Tree),
	}
}

func idsOf(t *testing.T, files map[string]string) map[string]fileID {
	t.Helper()
	ids := map[string]fileID{}
	for what, path := range files {
		ids[what] = idOf(t, path)
	}
	return ids
}

func historyTree(t *testing.T) *repotest.Repo {
	t.Helper()
	tr := repotest.New(t)
	tr.Commit("c0", repotest.Tree{"a.go": {Content: "package a\n\nfunc helper() {}\n"}})
	tr.Commit("c1", repotest.Tree{"a.go": {Content: "package a\n\nfunc helper() {}\n\nfunc other() {}\n"}})
	return tr
}

// After a build, "index --missing-only" writes nothing and says what it
// kept; with the symbol index gone it builds only that. A plain "index"
// still builds the search and symbol indexes anew, as the reviewer asked.
func TestIndexMissingOnlyBuildsOnlyWhatIsMissing(t *testing.T) {
	tr := historyTree(t)
	_, pin := pintest.Head(t, tr)
	dir := t.TempDir()
	if code, out, errOut := runCmd("index", "--repo", tr.Dir, "--dir", dir); code != 0 {
		t.Fatalf("index: exit %d, %q %q", code, out, errOut)
	}
	files := indexFiles(dir, pin)
	before := idsOf(t, files)

	code, out, errOut := runCmd("index", "--missing-only", "--repo", tr.Dir, "--dir", dir)
	if code != 0 || errOut != "" {
		t.Fatalf("index --missing-only: exit %d, %q %q", code, out, errOut)
	}
	for what := range files {
		if !strings.Contains(out, what+" index of ") || strings.Count(out, "already built, skipped: ") != 3 {
			t.Errorf("index --missing-only does not say it kept the %s index: %q", what, out)
		}
	}
	if strings.Contains(out, "indexed tree") || strings.Contains(out, "tagged") {
		t.Errorf("index --missing-only built something: %q", out)
	}
	for what, id := range idsOf(t, files) {
		if id != before[what] {
			t.Errorf("index --missing-only rewrote the %s index", what)
		}
	}

	if err := os.Remove(files["symbol"]); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCmd("index", "--repo", tr.Dir, "--dir", dir, "--missing-only")
	if code != 0 || !strings.Contains(out, "tagged 1 files") || strings.Count(out, "already built, skipped: ") != 2 {
		t.Fatalf("index --missing-only without the symbol index: exit %d, %q %q", code, out, errOut)
	}
	after := idsOf(t, files)
	for _, what := range []string{"search", "history"} {
		if after[what] != before[what] {
			t.Errorf("index --missing-only rebuilt the %s index beside the missing symbol index", what)
		}
	}

	if code, out, errOut := runCmd("index", "--repo", tr.Dir, "--dir", dir); code != 0 || !strings.Contains(out, "indexed tree") || !strings.Contains(out, "tagged") {
		t.Fatalf("index again: exit %d, %q %q", code, out, errOut)
	}
	again := idsOf(t, files)
	for _, what := range []string{"search", "symbol"} {
		if again[what] == after[what] {
			t.Errorf("a plain index kept the %s index; it builds it anew", what)
		}
	}
}

// The workbench's child that waited for another build of its tree
// builds none of what that build wrote: it checks again once it holds
// the lock, not before.
func TestIndexMissingOnlyKeepsWhatTheBuildItWaitedForWrote(t *testing.T) {
	tr := historyTree(t)
	r, pin := pintest.Head(t, tr)
	dir := t.TempDir()
	release := holdTreeLock(t, dir, pin.Tree)
	ir := startIndexRun("--missing-only", "--repo", tr.Dir, "--dir", dir)
	waitFor(t, "the waiting note", func() bool { return strings.Contains(ir.stderr.String(), waitingNote) })
	// The other build, holding the lock, writes all three.
	files := indexFiles(dir, pin)
	if err := search.BuildIndex(t.Context(), r, pin.Tree, files["search"]); err != nil {
		release()
		t.Fatal(err)
	}
	if err := writeHistoryIndex(t.Context(), r, pin, dir, io.Discard, io.Discard); err != nil {
		release()
		t.Fatal(err)
	}
	if err := writeSymbols(t.Context(), r, pin, dir, io.Discard, io.Discard); err != nil {
		release()
		t.Fatal(err)
	}
	before := idsOf(t, files)
	release()
	select {
	case code := <-ir.code:
		if out := ir.stdout.String(); code != 0 || strings.Count(out, "already built, skipped: ") != 3 {
			t.Fatalf("index --missing-only after the other build: exit %d, %q %q", code, out, ir.stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("index --missing-only did not go on once the lock was released")
	}
	for what, id := range idsOf(t, files) {
		if id != before[what] {
			t.Errorf("the waiting build rewrote the %s index the other build wrote", what)
		}
	}
}
