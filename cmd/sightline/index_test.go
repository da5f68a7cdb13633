package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/search"
)

// "sightline index" writes the index of the pinned tree into the user's
// cache directory (never into the repository), and grep's results are the
// same with it as without it.
func TestIndexThenGrep(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	tr := repotest.New(t)
	tr.Commit("first", repotest.Tree{
		"a.go":          {Content: "package a\n// needle one\n"},
		"b/c.txt":       {Content: "no match here\nneedle two\n"},
		"bin/data.bin":  {Content: "\x00needle\n"},
		"plain/none.md": {Content: "nothing\n"},
	})
	before := repotest.SnapshotFiles(t, tr.Dir)
	_, want, _ := runCmd("grep", "--repo", tr.Dir, "needle")

	code, out, errOut := runCmd("index", "--repo", tr.Dir)
	if code != 0 || !strings.HasPrefix(out, "indexed tree ") {
		t.Fatalf("index: exit %d, %q %q", code, out, errOut)
	}
	_, pin := pintest.Head(t, tr)
	dir, err := search.IndexDir()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(search.IndexPath(dir, pin.Tree)); err != nil {
		t.Fatalf("no index in the cache directory: %v", err)
	}
	if !strings.HasPrefix(search.IndexPath(dir, pin.Tree), filepath.Clean(os.Getenv("XDG_CACHE_HOME"))) {
		t.Fatalf("index outside the cache directory: %s", search.IndexPath(dir, pin.Tree))
	}
	code, got, errOut := runCmd("grep", "--repo", tr.Dir, "needle")
	if code != 0 || got != want {
		t.Fatalf("grep with the index: exit %d %q\ngot  %q\nwant %q", code, errOut, got, want)
	}
	if after := repotest.SnapshotFiles(t, tr.Dir); !reflect.DeepEqual(after, before) {
		t.Fatal("the repository changed while indexing and searching")
	}
	if code, _, errOut := runCmd("index", "--repo", tr.Dir, "extra"); code != 2 || errOut == "" {
		t.Fatalf("index with an extra argument: exit %d %q", code, errOut)
	}
}
