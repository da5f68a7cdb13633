package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/search"
)

// The workbench's background build asks for only what is missing
// (--missing-only), so that when another build of the tree runs it
// waits for it and then keeps what it wrote; so does the build that
// starts when only the history index is missing.
func TestBackgroundBuildAsksForOnlyWhatIsMissing(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	rt := repotest.New(t)
	rt.Commit("c0", navTree)
	rt.Commit("c1", navTree)
	r, pin := pintest.Head(t, rt)
	argsFile := filepath.Join(t.TempDir(), "args")
	wrapper, _ := countingChild(t, "printf '%s\\n' \"$@\" > "+shellQuote(argsFile))
	childArgs := func() []string {
		t.Helper()
		if err := os.Remove(argsFile); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		c, note := newIndexChild(r, pin)
		if c == nil {
			t.Fatalf("no background build: %s", note)
		}
		c.exe = wrapper
		defer c.stop()
		if !c.start() {
			t.Fatal("no background build started")
		}
		select {
		case <-c.run.done:
		case <-time.After(20 * time.Second):
			t.Fatal("the child did not end")
		}
		b, err := os.ReadFile(argsFile)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	}
	if args := childArgs(); len(args) == 0 || args[0] != "index" || !slices.Contains(args, "--missing-only") || slices.Contains(args, "--history-only") {
		t.Errorf("the background build with no index runs %q; want index --missing-only", args)
	}

	// Only the history index missing.
	if code, out, errOut := runCmd("index", "--repo", rt.Dir); code != 0 {
		t.Fatalf("index: exit %d, %q %q", code, out, errOut)
	}
	dir, err := search.IndexDir()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(repo.HistoryIndexPath(dir, pin.Commit)); err != nil {
		t.Fatal(err)
	}
	if args := childArgs(); !slices.Contains(args, "--missing-only") || !slices.Contains(args, "--history-only") {
		t.Errorf("the background build of the history index runs %q; want --history-only --missing-only", args)
	}
}
