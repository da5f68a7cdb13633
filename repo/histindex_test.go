package repo

import (
	"context"
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/internal/commitgraph"
)

// buildIndex writes r's history index for pin into a temporary directory.
func buildIndex(t *testing.T, r *Repo, pin Hash) string {
	t.Helper()
	path := HistoryIndexPath(t.TempDir(), pin)
	st, err := r.BuildHistoryIndex(context.Background(), pin, path)
	if err != nil {
		t.Fatalf("BuildHistoryIndex: %v", err)
	}
	if st.Commits == 0 || st.Bytes == 0 {
		t.Fatalf("index of %d commits, %d bytes", st.Commits, st.Bytes)
	}
	return path
}

func useIndex(t *testing.T, r *Repo, path string, pin Hash) {
	t.Helper()
	used, err := r.UseHistoryIndex(path, pin)
	if err != nil || !used {
		t.Fatalf("UseHistoryIndex: %v, %v", used, err)
	}
}

// TestCorpusHistoryIndexMatchesGit: on the corpus repositories (no
// commit-graph of their own), the index sightline builds holds, for every
// commit git's own "commit-graph write --changed-paths" also holds, the
// same tree, parents, generation and time and the same filter bytes; and
// PathLog and Blame reading it give git's answers while taking every
// commit from it, skipping most by its filters and showing commits from
// its changed paths (every sampled path with SIGHTLINE_CORPUS_FULL set).
func TestCorpusHistoryIndexMatchesGit(t *testing.T) {
	for _, name := range []string{"tmux", "fzf"} {
		t.Run(name, func(t *testing.T) {
			r, pin, dir := corpusRepo(t, name)
			if r.HasOwnCommitGraph() {
				t.Fatal("the corpus clone has a commit-graph")
			}
			path := buildIndex(t, r, pin.Commit)
			ours, err := commitgraph.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			theirs := gitGraphOf(t, name)
			compared := 0
			for pos := uint32(0); pos < ours.Count(); pos++ {
				id, _ := ours.ID(pos)
				gpos, ok := theirs.Lookup(id)
				if !ok {
					continue // reachable from HEAD, not from git's refs
				}
				compared++
				a, errA := ours.Commit(pos)
				b, errB := theirs.Commit(gpos)
				if errA != nil || errB != nil || a.Tree != b.Tree || a.Generation != b.Generation || a.When != b.When || len(a.Parents) != len(b.Parents) {
					t.Fatalf("commit %x: ours %+v (%v), git's %+v (%v)", id, a, errA, b, errB)
				}
				if fa, fb := ours.FilterAt(pos), theirs.FilterAt(gpos); string(fa) != string(fb) {
					t.Fatalf("commit %x: filter %x, git's %x", id, fa, fb)
				}
			}
			if compared < int(ours.Count())/2 {
				t.Fatalf("only %d of %d commits compared with git's graph", compared, ours.Count())
			}
			useIndex(t, r, path, pin.Commit)
			var stats walkStats
			walkStatsHook = func(s walkStats) { stats = s }
			defer func() { walkStatsHook = nil }()
			paths := fastCorpusLogPaths[name]
			if os.Getenv("SIGHTLINE_CORPUS_FULL") != "" {
				paths = corpusLogPaths(t, dir)
			}
			exact := 0
			for _, p := range paths {
				want := gitLines(t, dir, "log", "--format=%H", "HEAD", "--", p)
				got, err := pathLogHashes(t, r, pin, p)
				if err != nil {
					t.Fatalf("PathLog %s: %v", p, err)
				}
				if i := firstDiff(got, want); i >= 0 {
					t.Errorf("log -- %s with the history index: %d commits, git %d; first difference at %d", p, len(got), len(want), i)
				}
				if stats.fromObject != 0 || stats.bloomSkips < stats.fromGraph/2 {
					t.Errorf("log -- %s: %+v; want every commit from the index, most skipped by its filters", p, stats)
				}
				exact += stats.exactShown
			}
			if exact == 0 {
				t.Error("no commit was shown from the index's changed paths")
			}
			for _, p := range fastCorpusFiles[name][:2] {
				if n, rep := blameDiff(t, r, pin, dir, p); n > 0 {
					t.Errorf("blame %s with the history index: %d lines differ from git blame:\n%s", p, n, rep)
				}
			}
		})
	}
}

// gitGraphOf writes git's own commit-graph for a fresh clone of corpus
// bundle name and reads it.
func gitGraphOf(t *testing.T, name string) *commitgraph.Graph {
	t.Helper()
	g, err := commitgraph.Open(filepath.Join(corpusGraphClone(t, name), "objects"))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// historyRepo is a generated history with merges, and PathLog's answer
// for path without any index.
func historyRepo(t *testing.T, path string) (*Repo, Pin, []string) {
	t.Helper()
	g := newHistoryGen(t, 7)
	g.build(120)
	r, pin := openAt(t, g.tr)
	want, err := pathLogHashes(t, r, pin, path)
	if err != nil || len(want) < 3 {
		t.Fatalf("PathLog without an index: %d commits, %v", len(want), err)
	}
	return r, pin, want
}

// TestHistoryIndexUsedAndRefused: a built index is used and gives the
// same answer; a damaged index, one forged with a valid checksum, and
// one built for another pin are each refused with an error naming the
// file and what was wrong, and history then reads the commit objects
// and still gives the same answer.
func TestHistoryIndexUsedAndRefused(t *testing.T) {
	const path = "src/main.c"
	r, pin, want := historyRepo(t, path)
	good := buildIndex(t, r, pin.Commit)
	t.Run("used", func(t *testing.T) {
		r2, _ := openDir(t, r.GitDir())
		useIndex(t, r2, good, pin.Commit)
		var stats walkStats
		walkStatsHook = func(s walkStats) { stats = s }
		defer func() { walkStatsHook = nil }()
		got, err := pathLogHashes(t, r2, pin, path)
		if err != nil || firstDiff(got, want) >= 0 {
			t.Fatalf("PathLog with the index: %d commits (%v), want %d", len(got), err, len(want))
		}
		if stats.fromGraph == 0 || stats.fromObject != 0 || stats.bloomSkips == 0 {
			t.Errorf("index not used: %+v", stats)
		}
	})
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	parent := gitLines(t, r.GitDir(), "rev-parse", "HEAD~1")[0]
	for _, c := range []struct {
		name, wantErr string
		change        func(d []byte) []byte
		pin           string
	}{
		{"flipped bit", "checksum", func(d []byte) []byte { d[len(d)/2] ^= 4; return d }, ""},
		{"truncated", "truncated", func(d []byte) []byte { return d[:len(d)/3] }, ""},
		{"forged pin", "not built for", func(d []byte) []byte {
			pinData := graphChunk(t, d, pinChunk)
			pinData[0] ^= 1
			return resum(d)
		}, ""},
		{"forged commit id", "does not have", func(d []byte) []byte {
			// The last id that is neither the pin nor a parent of it (whose
			// record the pin's check would find wrong first), one bit
			// flipped at its end: still in order.
			oids := graphChunk(t, d, "OIDL")
			spare := map[string]bool{pin.Commit.String(): true}
			for _, p := range gitLines(t, r.GitDir(), "rev-parse", "HEAD^@") {
				spare[p] = true
			}
			i := len(oids)/20 - 1
			for i > 0 && spare[fmt.Sprintf("%x", oids[i*20:i*20+20])] {
				i--
			}
			oids[i*20+19] ^= 1
			return resum(d)
		}, ""},
		{"another pin", "not built for", func(d []byte) []byte { return d }, parent},
	} {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "history.graph")
			if err := os.WriteFile(file, c.change(append([]byte(nil), data...)), 0o600); err != nil {
				t.Fatal(err)
			}
			r2, pin2 := openDir(t, r.GitDir())
			if c.pin != "" {
				var err error
				if pin2, err = r2.Resolve(c.pin); err != nil {
					t.Fatal(err)
				}
			}
			used, err := r2.UseHistoryIndex(file, pin2.Commit)
			if used || err == nil || !strings.Contains(err.Error(), c.wantErr) || !strings.Contains(err.Error(), file) {
				t.Fatalf("UseHistoryIndex: %v, %v; want refused with %q naming the file", used, err, c.wantErr)
			}
			var stats walkStats
			walkStatsHook = func(s walkStats) { stats = s }
			defer func() { walkStatsHook = nil }()
			if _, err := pathLogHashes(t, r2, pin2, path); err != nil {
				t.Fatal(err)
			}
			if stats.fromGraph != 0 {
				t.Errorf("refused index used: %+v", stats)
			}
		})
	}
	t.Run("forged parents", func(t *testing.T) {
		forged := append([]byte(nil), data...)
		cdat := graphChunk(t, forged, "CDAT")
		pinPos := -1
		oids := graphChunk(t, forged, "OIDL")
		for i := 0; i+36 <= len(cdat); i += 36 {
			if string(oids[i/36*20:i/36*20+20]) == string(pin.Commit[:]) {
				pinPos = i / 36
				continue // the pin's own record is checked at open
			}
			if binary.BigEndian.Uint32(cdat[i+20:]) != 0x70000000 && binary.BigEndian.Uint32(cdat[i+28:])>>2 > 2 {
				binary.BigEndian.PutUint32(cdat[i+20:], 0) // first parent: position 0
			}
		}
		if pinPos < 0 {
			t.Fatal("pin not in the index")
		}
		file := filepath.Join(t.TempDir(), "history.graph")
		if err := os.WriteFile(file, resum(forged), 0o600); err != nil {
			t.Fatal(err)
		}
		r2, _ := openDir(t, r.GitDir())
		useIndex(t, r2, file, pin.Commit)
		// Commits read from the index are checked against their objects
		// when shown: the forged parents are caught, with the file named.
		if _, err := pathLogHashes(t, r2, pin, path); err == nil || !strings.Contains(err.Error(), "damaged or forged") {
			t.Fatalf("PathLog with forged parents: %v; want an error saying so", err)
		} else if !strings.Contains(err.Error(), "history index") {
			t.Errorf("error %q does not name the history index", err)
		}
	})
}

// TestHistoryIndexNotUsedOverOwnGraph: git's own commit-graph wins.
func TestHistoryIndexNotUsedOverOwnGraph(t *testing.T) {
	r, pin, _ := historyRepo(t, "README")
	path := buildIndex(t, r, pin.Commit)
	gitOut(t, r.GitDir(), "commit-graph", "write", "--reachable")
	r2, _ := openDir(t, r.GitDir())
	if used, err := r2.UseHistoryIndex(path, pin.Commit); used || err != nil {
		t.Errorf("UseHistoryIndex over git's own graph: %v, %v", used, err)
	}
	if missing, err := r2.UseHistoryIndex(filepath.Join(t.TempDir(), "none"), pin.Commit); missing || err != nil {
		t.Errorf("UseHistoryIndex of a missing file: %v, %v", missing, err)
	}
}

// resum fixes a commit-graph file's trailing checksum after a change.
func resum(d []byte) []byte {
	sum := sha1.Sum(d[:len(d)-20])
	copy(d[len(d)-20:], sum[:])
	return d
}
