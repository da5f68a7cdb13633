package repo

import (
	"bufio"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/internal/commitgraph"
)

// TestHistoryIndexChangedPathsAreExact: for every commit of a history
// with merges, renames and deletions, and every path that ever existed
// (files and directories) plus one that never did, the index's changed
// paths answer exactly what comparing the commit's tree with its first
// parent's at that path answers.
func TestHistoryIndexChangedPathsAreExact(t *testing.T) {
	r, pin, _ := historyRepo(t, "src/main.c")
	g, err := commitgraph.OpenFile(buildIndex(t, r, pin.Commit))
	if err != nil {
		t.Fatal(err)
	}
	x, err := parseChangedChunk(g.Extra(changedChunk), g.Count())
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string]bool{"no/such/path": true}
	for _, line := range gitLines(t, r.GitDir(), "log", "--all", "--format=", "--name-only") {
		for p := line; p != ""; p = filepath.Dir(p) {
			if p == "." {
				break
			}
			paths[p] = true
		}
	}
	if len(paths) < 10 {
		t.Fatalf("only %d paths in the history", len(paths))
	}
	probe := newPathProbe(r)
	checked, changed := 0, 0
	for pos := uint32(0); pos < g.Count(); pos++ {
		c, err := g.Commit(pos)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Parents) == 0 {
			continue
		}
		ppos, _ := g.Lookup(c.Parents[0])
		p, err := g.Commit(ppos)
		if err != nil {
			t.Fatal(err)
		}
		for path := range paths {
			same, err := probe.sameAt(Hash(c.Tree), Hash(p.Tree), splitPath(path))
			if err != nil {
				t.Fatal(err)
			}
			id, in := x.pathID(path)
			got, known := x.changed(pos, id, in)
			if !known {
				t.Fatalf("commit at %d: no list, though its diff is small", pos)
			}
			if got == same {
				t.Fatalf("commit at %d, %s: the index says changed=%v, the trees say TREESAME=%v", pos, path, got, same)
			}
			checked++
			if got {
				changed++
			}
		}
	}
	if changed == 0 || changed == checked {
		t.Fatalf("%d of %d answers 'changed': the history does not exercise both", changed, checked)
	}
}

// TestHistoryIndexChangedPathsSpareTheTrees: a path walk with the index
// shows the commits its changed paths name without reading a tree, and
// still gives the walk's answer without the index.
func TestHistoryIndexChangedPathsSpareTheTrees(t *testing.T) {
	for _, path := range []string{"src/main.c", "src", "README"} {
		r, pin, want := historyRepo(t, path)
		idx := buildIndex(t, r, pin.Commit)
		r2, _ := openDir(t, r.GitDir())
		useIndex(t, r2, idx, pin.Commit)
		var stats walkStats
		walkStatsHook = func(s walkStats) { stats = s }
		got, err := pathLogHashes(t, r2, pin, path)
		walkStatsHook = nil
		if err != nil || firstDiff(got, want) >= 0 {
			t.Fatalf("log -- %s with the index: %d commits (%v), want %d", path, len(got), err, len(want))
		}
		if stats.exactShown == 0 {
			t.Errorf("log -- %s: no commit shown from the changed paths: %+v", path, stats)
		}
	}
}

// TestHistoryIndexWithoutChangedPaths: an index written before it held
// changed paths is still used, with the filters alone, and is reported
// outdated so that the next index build replaces it; a built one is not.
func TestHistoryIndexWithoutChangedPaths(t *testing.T) {
	const path = "src/main.c"
	r, pin, want := historyRepo(t, path)
	commits, _, err := r.historyCommits(context.Background(), pin.Commit)
	if err != nil {
		t.Fatal(err)
	}
	old := HistoryIndexPath(t.TempDir(), pin.Commit)
	if _, err := writeAtomically(old, func(w *bufio.Writer) error {
		return commitgraph.Write(w, commits, map[string][]byte{pinChunk: pin.Commit[:]})
	}); err != nil {
		t.Fatal(err)
	}
	if !HistoryIndexOutdated(old) {
		t.Error("an index without changed paths is not reported outdated")
	}
	if HistoryIndexOutdated(buildIndex(t, r, pin.Commit)) {
		t.Error("a freshly built index is reported outdated")
	}
	if HistoryIndexOutdated(filepath.Join(t.TempDir(), "none")) {
		t.Error("a missing index is reported outdated (it is missing)")
	}
	r2, _ := openDir(t, r.GitDir())
	useIndex(t, r2, old, pin.Commit)
	var stats walkStats
	walkStatsHook = func(s walkStats) { stats = s }
	defer func() { walkStatsHook = nil }()
	got, err := pathLogHashes(t, r2, pin, path)
	if err != nil || firstDiff(got, want) >= 0 {
		t.Fatalf("log with the old index: %d commits (%v), want %d", len(got), err, len(want))
	}
	if stats.fromGraph == 0 || stats.exactShown != 0 {
		t.Errorf("old index: %+v; want its commits used and no changed paths", stats)
	}
}

// TestHistoryIndexDamagedChangedPathsRefused: a changed-paths chunk that
// does not hold together (with the file's checksum made right again) is
// refused with the file named, and history reads the commits instead.
func TestHistoryIndexDamagedChangedPathsRefused(t *testing.T) {
	r, pin, want := historyRepo(t, "src/main.c")
	data, err := os.ReadFile(buildIndex(t, r, pin.Commit))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		damage func(chunk []byte)
	}{
		{"path number out of range", func(b []byte) { binary.BigEndian.PutUint32(b[len(b)-4:], 0xfffffff0) }},
		{"commit count", func(b []byte) { binary.BigEndian.PutUint32(b, binary.BigEndian.Uint32(b)+1) }},
		{"names out of order", func(b []byte) {
			// The first two names' first bytes swapped, when they differ.
			paths := binary.BigEndian.Uint32(b[4:])
			commits := binary.BigEndian.Uint32(b)
			names := 12 + 4*(int(paths)+1) + 4*(int(commits)+1) + (int(commits)+7)/8
			second := names + int(binary.BigEndian.Uint32(b[12+4:]))
			b[names], b[second] = 'z', 'a'
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := append([]byte(nil), data...)
			c.damage(graphChunk(t, d, changedChunk))
			file := filepath.Join(t.TempDir(), "history.graph")
			if err := os.WriteFile(file, resum(d), 0o600); err != nil {
				t.Fatal(err)
			}
			r2, _ := openDir(t, r.GitDir())
			used, err := r2.UseHistoryIndex(file, pin.Commit)
			if used || err == nil || !strings.Contains(err.Error(), "changed-paths chunk") || !strings.Contains(err.Error(), file) {
				t.Fatalf("UseHistoryIndex: %v, %v; want refused, naming the chunk and the file", used, err)
			}
			got, err := pathLogHashes(t, r2, pin, "src/main.c")
			if err != nil || firstDiff(got, want) >= 0 {
				t.Fatalf("log after the refusal: %d commits (%v), want %d", len(got), err, len(want))
			}
		})
	}
}
