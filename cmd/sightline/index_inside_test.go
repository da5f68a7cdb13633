package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/search"
)

// Issue 17.6: the search index follows the one rule for every path
// sightline writes. "sightline index" refuses a --dir, or a cache
// directory, inside the repository under review (its work tree or its git
// directory), names the path and says what to do, and writes nothing.
func TestIndexRefusesADirectoryInsideTheRepository(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("c", repotest.Tree{"a.txt": {Content: "needle\n"}})
	before := repotest.SnapshotFiles(t, tr.Dir)
	for _, dir := range []string{
		filepath.Join(tr.Dir, "idx"),
		filepath.Join(tr.Dir, ".git", "sightline-index"),
		tr.Dir,
	} {
		t.Setenv("XDG_CACHE_HOME", t.TempDir())
		code, out, errOut := runCmd("index", "--repo", tr.Dir, "--dir", dir)
		if code == 0 || out != "" {
			t.Fatalf("index --dir %s: exit %d, stdout %q; want refused", dir, code, out)
		}
		for _, want := range []string{dir, "inside the repository under review", "pass --dir"} {
			if !strings.Contains(errOut, want) {
				t.Errorf("index --dir %s: stderr %q does not say %q", dir, errOut, want)
			}
		}
	}
	// The default directory, under $XDG_CACHE_HOME, is refused the same way.
	cache := filepath.Join(tr.Dir, ".cache")
	t.Setenv("XDG_CACHE_HOME", cache)
	code, _, errOut := runCmd("index", "--repo", tr.Dir)
	if code == 0 || !strings.Contains(errOut, filepath.Join(cache, "sightline", "index")) || !strings.Contains(errOut, "XDG_CACHE_HOME") {
		t.Fatalf("index with XDG_CACHE_HOME in the repository: exit %d, stderr %q", code, errOut)
	}
	if after := repotest.SnapshotFiles(t, tr.Dir); !reflect.DeepEqual(after, before) {
		t.Fatal("the repository changed: an index was written into it")
	}
	if _, err := os.Stat(cache); err == nil {
		t.Fatal("the cache directory was created inside the repository")
	}
	// Outside the repository, the same command works.
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	if code, out, errOut := runCmd("index", "--repo", tr.Dir); code != 0 || !strings.HasPrefix(out, "indexed tree ") {
		t.Fatalf("index outside the repository: exit %d %q %q", code, out, errOut)
	}
}

// The workbench's background build follows the same rule: with the cache
// directory inside the repository it starts nothing, writes nothing, and
// its notice (shown on the message line at start) names the path.
func TestBackgroundIndexRefusesACacheInsideTheRepository(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("c", repotest.Tree{"a.txt": {Content: "needle\n"}})
	cache := filepath.Join(tr.Dir, ".git", "cache")
	t.Setenv("XDG_CACHE_HOME", cache)
	before := repotest.SnapshotFiles(t, tr.Dir)
	r, err := repo.Open(tr.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	pin, err := r.Resolve("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	stop, note := startIndexing(r, pin)
	time.Sleep(500 * time.Millisecond) // a started child would have written by now
	stop()
	dir := filepath.Join(cache, "sightline", "index")
	if !strings.Contains(note, dir) || !strings.Contains(note, "no search index built") || !strings.Contains(note, "XDG_CACHE_HOME") {
		t.Errorf("notice %q does not name %s and what to do", note, dir)
	}
	if _, err := os.Stat(search.IndexPath(dir, pin.Tree)); err == nil {
		t.Fatal("the background build wrote an index inside the repository")
	}
	if after := repotest.SnapshotFiles(t, tr.Dir); !reflect.DeepEqual(after, before) {
		t.Fatal("the repository changed")
	}
}

// A review workspace's journal head lives under $XDG_STATE_HOME, outside
// the workspace; pointed into the repository, it is refused like the
// workspace itself, before anything is written.
func TestJournalHeadDirectoryInsideTheRepositoryIsRefused(t *testing.T) {
	tr, at := findingsFixture(t)
	state := filepath.Join(tr.Dir, "state")
	t.Setenv("XDG_STATE_HOME", state)
	before := repotest.SnapshotFiles(t, tr.Dir)
	code, _, errOut := runCmd(append([]string{"findings", "add", "--path", "src/main.c", "--lines", "1", "--title", "t", "--severity", "low"}, at...)...)
	if code == 0 || !strings.Contains(errOut, filepath.Join(state, "sightline", "heads")) || !strings.Contains(errOut, "XDG_STATE_HOME") {
		t.Fatalf("findings add with XDG_STATE_HOME in the repository: exit %d, stderr %q", code, errOut)
	}
	if after := repotest.SnapshotFiles(t, tr.Dir); !reflect.DeepEqual(after, before) {
		t.Fatal("the repository changed")
	}
}

// Issue 17: a directory nested 5,000 deep does not stop "sightline index".
// It indexes the rest, names the directory it skipped at the depth cap,
// and grep then says the same with the index as without it.
func TestIndexSkipsPastTheDepthCapAndSaysSo(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	tr := repotest.HostileVeryDeep(t)
	_, wantOut, wantErr := runCmd("grep", "--repo", tr.Dir, "needle")
	code, out, errOut := runCmd("index", "--repo", tr.Dir)
	if code != 0 || !strings.HasPrefix(out, "indexed tree ") {
		t.Fatalf("index: exit %d, %q %q", code, out, errOut)
	}
	if !strings.Contains(errOut, "sightline index: note: directory d/d/d/") || !strings.Contains(errOut, "not indexed: tree deeper than 1024 levels: not expanded") ||
		strings.Count(errOut, "\n") != 1 || len(errOut) > 300 {
		t.Fatalf("index does not say, in one short line, which directory it skipped: %q", errOut)
	}
	_, gotOut, gotErr := runCmd("grep", "--repo", tr.Dir, "needle")
	if gotOut != wantOut || gotErr != wantErr || !strings.Contains(gotOut, "a.txt:1:") || !strings.Contains(gotOut, "z.txt:1:") {
		t.Fatalf("grep with the index:\n%q %q\nwithout:\n%q %q", gotOut, gotErr, wantOut, wantErr)
	}
}

// An index file that does not open (damaged, or from an older format) is
// rebuilt by the workbench in the background, not left in place with
// every search reading every file; a good one is kept.
func TestBackgroundBuildReplacesAnUnusableIndex(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("c", repotest.Tree{"a.txt": {Content: "alpha needle\n"}})
	r, err := repo.Open(tr.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	pin, err := r.Resolve("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := search.IndexPath(dir, pin.Tree)
	if !needsIndex(path, pin.Tree) {
		t.Fatal("no index file, and no build wanted")
	}
	if err := os.WriteFile(path, []byte("SLTRIDX3 an index of an older format"), 0o600); err != nil {
		t.Fatal(err)
	}
	if !needsIndex(path, pin.Tree) {
		t.Fatal("an unusable index file is kept: searches would read every file for good")
	}
	if err := search.BuildIndex(context.Background(), r, pin.Tree, path); err != nil {
		t.Fatal(err)
	}
	if needsIndex(path, pin.Tree) {
		t.Fatal("a good index is rebuilt")
	}
}
