package main

import (
	"os"
	"strings"
	"testing"

	"sightline/repo/repotest/pintest"
	"sightline/repo/search"
	"sightline/repo/symbols"
)

// "sightline index" writes the symbol index beside the search index; def
// and symbols answer from it once it checks out against the repository,
// and a cache that names a file the tree does not hold is not trusted.
func TestDefReadsTheCheckedSymbolCache(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	tr := navFixture(t)
	_, pin := pintest.Head(t, tr)
	code, out, errOut := runCmd("index", "--repo", tr.Dir)
	if code != 0 || !strings.Contains(out, "tagged 6 files (6 definitions)") {
		t.Fatalf("index: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	dir, err := search.IndexDir()
	if err != nil {
		t.Fatal(err)
	}
	path := symbols.CachePath(dir, pin.Tree)
	ix, err := symbols.Load(path, pin.Tree)
	if err != nil {
		t.Fatalf("the symbol index written by index does not load: %v", err)
	}
	if needsSymbols(dir, pin.Tree) {
		t.Error("a good symbol index would be rebuilt by the workbench")
	}
	code, out, _ = runCmd("def", "run_cmd", "--repo", tr.Dir)
	if code != 0 || out != "lib/run.c:1:12: function run_cmd (candidate)\nsrc/exec.c:4:1: function run_cmd (candidate)\n" {
		t.Errorf("def from the cache: exit %d, output %q", code, out)
	}

	// A definition only the cache knows shows that the cache is read...
	for i := range ix.Files {
		if ix.Files[i].Path == "src/exec.c" {
			ix.Files[i].Defs = append(ix.Files[i].Defs, symbols.Def{Name: "phantom", Kind: symbols.Func, Path: "src/exec.c", Line: 6, Col: 2, Lang: "c"})
		}
	}
	if err := symbols.Save(ix, pin.Tree, path); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := runCmd("def", "phantom", "--repo", tr.Dir); code != 0 || out != "src/exec.c:6:2: function phantom (candidate)\n" {
		t.Errorf("def phantom from the cache: exit %d, output %q, stderr %q", code, out, errOut)
	}
	// ...and a cache whose file is not the blob at the pin is refused.
	for i := range ix.Files {
		if ix.Files[i].Path == "src/exec.c" {
			ix.Files[i].Blob = ix.Files[0].Blob
			if ix.Files[0].Path == "src/exec.c" {
				ix.Files[i].Blob[0] ^= 1
			}
		}
	}
	if err := symbols.Save(ix, pin.Tree, path); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCmd("def", "phantom", "--repo", tr.Dir)
	if code != 1 || out != "" || !strings.Contains(errOut, "is not the file it recorded); tagging the files here instead") {
		t.Errorf("def phantom from a cache that does not match: exit %d, output %q, stderr %q", code, out, errOut)
	}
	// A damaged file is refused with a note, and the workbench rebuilds it.
	if err := os.WriteFile(path, []byte("SLSYMIX1 cut"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCmd("symbols", "src/exec.h", "--repo", tr.Dir)
	if code != 0 || out != "src/exec.h:2:9: macro MAX_CMD (candidate)\n" || !strings.Contains(errOut, "symbol index does not match the repository") {
		t.Errorf("symbols with a damaged cache: exit %d, output %q, stderr %q", code, out, errOut)
	}
	if !needsSymbols(dir, pin.Tree) {
		t.Error("a damaged symbol index is kept by the workbench")
	}
}
