//go:build unix

package main

import (
	"bytes"
	"crypto/sha1"
	"os"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest/pintest"
)

// An index written before the history index listed changed paths is
// rebuilt by the workbench's build (index --missing-only --history-only)
// and by a plain index, not skipped as already built.
func TestIndexRebuildsAnOutdatedHistoryIndex(t *testing.T) {
	tr := historyTree(t)
	_, pin := pintest.Head(t, tr)
	dir := t.TempDir()
	path := repo.HistoryIndexPath(dir, pin.Commit)
	for _, args := range [][]string{
		{"index", "--missing-only", "--history-only", "--repo", tr.Dir, "--dir", dir},
		{"index", "--history-only", "--repo", tr.Dir, "--dir", dir},
	} {
		if code, out, errOut := runCmd("index", "--history-only", "--repo", tr.Dir, "--dir", dir); code != 0 {
			t.Fatalf("index: exit %d, %q %q", code, out, errOut)
		}
		outdate(t, path)
		if !repo.HistoryIndexOutdated(path) {
			t.Fatal("the index with its changed-paths chunk renamed is not outdated")
		}
		code, out, errOut := runCmd(args...)
		if code != 0 || !strings.Contains(out, "history index of 2 commits") || strings.Contains(out, "already built") {
			t.Fatalf("%s over an outdated index: exit %d, %q %q; want it rebuilt", strings.Join(args[:3], " "), code, out, errOut)
		}
		if repo.HistoryIndexOutdated(path) {
			t.Errorf("%s left the index outdated", strings.Join(args[:3], " "))
		}
	}
}

// outdate makes the history index at path look like one written before
// the changed-paths chunk: the chunk is renamed in the table of contents
// (git's format: 8-byte header, then 12-byte entries), the checksum made
// right again.
func outdate(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	toc := data[8 : 8+12*int(data[6])]
	i := bytes.Index(toc, []byte("SLCH"))
	if i < 0 || i%12 != 0 {
		t.Fatalf("no changed-paths chunk in the table of contents of %s", path)
	}
	copy(toc[i:], "SLCX")
	sum := sha1.Sum(data[:len(data)-20])
	copy(data[len(data)-20:], sum[:])
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}
