package main

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/search"
)

// "sightline index" writes the history index of a repository without a
// commit-graph beside the search index; log and blame then read it and
// print what they printed without it. A damaged index is named on
// stderr, not used, and the answers stay the same.
func TestHistoryIndexCommand(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	tr := repotest.New(t)
	for i, body := range []string{"a\n", "a\nb\n", "a\nb\nc\n"} {
		tr.Commit("c"+string(rune('0'+i)), repotest.Tree{"f.txt": {Content: body}, "g.txt": {Content: strings.Repeat("x", i+1)}})
	}
	before := repotest.SnapshotFiles(t, tr.Dir)
	_, wantLog, _ := runCmd("log", "--repo", tr.Dir, "--", "f.txt")
	_, wantBlame, _ := runCmd("blame", "f.txt", "--repo", tr.Dir)

	code, out, errOut := runCmd("index", "--repo", tr.Dir, "--history-only")
	if code != 0 || !strings.HasPrefix(out, "history index of 3 commits") {
		t.Fatalf("index --history-only: exit %d, %q %q", code, out, errOut)
	}
	_, pin := pintest.Head(t, tr)
	dir, err := search.IndexDir()
	if err != nil {
		t.Fatal(err)
	}
	file := repo.HistoryIndexPath(dir, pin.Commit)
	if _, err := os.Stat(file); err != nil {
		t.Fatalf("no history index in the cache directory: %v", err)
	}
	for _, args := range [][]string{{"log", "--repo", tr.Dir, "--", "f.txt"}, {"blame", "f.txt", "--repo", tr.Dir}} {
		code, got, errOut := runCmd(args...)
		want := map[bool]string{true: wantLog, false: wantBlame}[args[0] == "log"]
		if code != 0 || got != want || errOut != "" {
			t.Errorf("%s with the index: exit %d %q\ngot  %q\nwant %q", args[0], code, errOut, got, want)
		}
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 1
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	code, got, errOut := runCmd("log", "--repo", tr.Dir, "--", "f.txt")
	if code != 0 || got != wantLog || !strings.Contains(errOut, "history index") || !strings.Contains(errOut, "not used") || !strings.Contains(errOut, "checksum") {
		t.Errorf("log with a damaged index: exit %d, stderr %q, output same: %v", code, errOut, got == wantLog)
	}
	// Built before, even if damaged: not rebuilt behind the reviewer's back.
	if code, out, _ := runCmd("index", "--repo", tr.Dir, "--history-only"); code != 0 || out != "" {
		t.Errorf("second index --history-only: exit %d, %q", code, out)
	}
	if after := repotest.SnapshotFiles(t, tr.Dir); !reflect.DeepEqual(after, before) {
		t.Fatal("the repository changed while indexing")
	}
}
