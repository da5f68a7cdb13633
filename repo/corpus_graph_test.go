package repo

import (
	"context"
	"crypto/sha1"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// corpusGraphClone clones corpus bundle name into a temporary directory
// and writes git's commit-graph with changed-path Bloom filters into it.
func corpusGraphClone(t *testing.T, name string) string {
	t.Helper()
	hasGit(t)
	src := corpusDir(t)
	bundle := filepath.Join(src, name+".bundle")
	if src == "" || !fileExists(bundle) {
		t.Skipf("corpus bundle %s.bundle not found (put the corpus in ../shared/corpus or set SIGHTLINE_CORPUS): commit-graph parity skipped", name)
	}
	dir := filepath.Join(t.TempDir(), name+".git")
	for _, args := range [][]string{
		{"clone", "-q", "--bare", bundle, dir},
		{"-C", dir, "commit-graph", "write", "--reachable", "--changed-paths"},
	} {
		if out, err := exec.Command("git", args...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	if !fileExists(filepath.Join(dir, "objects", "info", "commit-graph")) {
		t.Fatal("git commit-graph write left no objects/info/commit-graph")
	}
	return dir
}

// TestCorpusPathLogWithCommitGraph checks that PathLog still gives git's
// answer when it reads parents from git's commit-graph and skips the
// commits its Bloom filters prove unchanged, and that it did use them.
func TestCorpusPathLogWithCommitGraph(t *testing.T) {
	for _, name := range []string{"tmux", "fzf"} {
		t.Run(name, func(t *testing.T) {
			dir := corpusGraphClone(t, name)
			r, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			pin, err := r.Resolve("HEAD")
			if err != nil {
				t.Fatal(err)
			}
			paths := fastCorpusLogPaths[name]
			if os.Getenv("SIGHTLINE_CORPUS_FULL") != "" {
				paths = corpusLogPaths(t, dir)
			}
			var stats walkStats
			walkStatsHook = func(s walkStats) { stats = s }
			defer func() { walkStatsHook = nil }()
			for _, p := range paths {
				want := gitLines(t, dir, "log", "--format=%H", "HEAD", "--", p)
				var got []string
				if err := r.PathLog(context.Background(), pin.Commit, p, func(c Commit) error {
					got = append(got, c.Hash.String())
					return nil
				}); err != nil {
					t.Errorf("PathLog %s: %v", p, err)
					continue
				}
				if i := firstDiff(got, want); i >= 0 {
					t.Errorf("log -- %s with a commit-graph: %d commits, git %d; first difference at %d: got %s, git %s",
						p, len(got), len(want), i, at(got, i), at(want, i))
				}
				// The graph holds the commits reachable from refs: in fzf
				// all of them; tmux's HEAD is detached, 773 commits ahead
				// of its refs, and those are read as objects (as git does).
				if stats.fromGraph <= stats.fromObject || (name == "fzf" && stats.fromObject != 0) {
					t.Errorf("log -- %s: %d commits read from the commit-graph, %d as objects; want (nearly) all from the graph", p, stats.fromGraph, stats.fromObject)
				}
				if stats.bloomSkips < stats.fromGraph/2 {
					t.Errorf("log -- %s: Bloom filters skipped %d of %d commits; want most", p, stats.bloomSkips, stats.fromGraph)
				}
			}
		})
	}
}

// rewriteGraph changes the commit-graph file of dir and fixes its
// checksum when fixSum is set.
func rewriteGraph(t *testing.T, dir string, fixSum bool, change func(data []byte)) {
	t.Helper()
	p := filepath.Join(dir, "objects", "info", "commit-graph")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	change(data)
	if fixSum {
		sum := sha1.Sum(data[:len(data)-20])
		copy(data[len(data)-20:], sum[:])
	}
	_ = os.Chmod(p, 0o644)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// graphChunk finds chunk id in a commit-graph file's table of contents.
func graphChunk(t *testing.T, data []byte, id string) []byte {
	t.Helper()
	for i := 0; i < int(data[6]); i++ {
		e := data[8+12*i:]
		if string(e[:4]) == id {
			return data[binary.BigEndian.Uint64(e[4:12]):binary.BigEndian.Uint64(e[16:24])]
		}
	}
	t.Fatalf("no %s chunk", id)
	return nil
}

func pathLogHashes(t *testing.T, r *Repo, pin Pin, path string) ([]string, error) {
	t.Helper()
	var got []string
	err := r.PathLog(context.Background(), pin.Commit, path, func(c Commit) error {
		got = append(got, c.Hash.String())
		return nil
	})
	return got, err
}

// TestPathLogDamagedCommitGraph: a graph whose checksum fails is not
// used, and the answer is still git's; a graph with a valid checksum that
// lies about parents is caught at the first commit shown, with an error
// naming the file, rather than giving a false history.
func TestPathLogDamagedCommitGraph(t *testing.T) {
	const path = "src"
	t.Run("checksum", func(t *testing.T) {
		dir := corpusGraphClone(t, "fzf")
		want := gitLines(t, dir, "log", "--format=%H", "HEAD", "--", path)
		rewriteGraph(t, dir, false, func(d []byte) { d[len(d)/2] ^= 0x40 }) // git would trust it
		r, pin := openDir(t, dir)
		var stats walkStats
		walkStatsHook = func(s walkStats) { stats = s }
		defer func() { walkStatsHook = nil }()
		got, err := pathLogHashes(t, r, pin, path)
		if err != nil {
			t.Fatal(err)
		}
		if firstDiff(got, want) >= 0 {
			t.Errorf("with a damaged graph: %d commits, git %d", len(got), len(want))
		}
		if stats.fromGraph != 0 || stats.bloomSkips != 0 {
			t.Errorf("damaged graph used: %+v", stats)
		}
	})
	t.Run("forged parents", func(t *testing.T) {
		dir := corpusGraphClone(t, "fzf")
		rewriteGraph(t, dir, true, func(d []byte) {
			cdat := graphChunk(t, d, "CDAT")
			for i := 0; i+36 <= len(cdat); i += 36 {
				binary.BigEndian.PutUint32(cdat[i+20:], 0) // every first parent: position 0
			}
		})
		r, pin := openDir(t, dir)
		_, err := pathLogHashes(t, r, pin, path)
		if err == nil || !strings.Contains(err.Error(), "commit-graph") || !strings.Contains(err.Error(), "damaged or forged") {
			t.Errorf("PathLog with forged parents: %v; want an error naming the commit-graph", err)
		}
	})
}

func openDir(t *testing.T, dir string) (*Repo, Pin) {
	t.Helper()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	pin, err := r.Resolve("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	return r, pin
}

// TestCorpusBlameWithCommitGraph: Blame, taking commits from the graph,
// still gives git blame's answer.
func TestCorpusBlameWithCommitGraph(t *testing.T) {
	for _, name := range []string{"tmux", "fzf"} {
		t.Run(name, func(t *testing.T) {
			dir := corpusGraphClone(t, name)
			r, pin := openDir(t, dir)
			if r.commitGraph() == nil {
				t.Fatal("the commit-graph was not read")
			}
			for _, p := range fastCorpusFiles[name][:2] {
				if n, rep := blameDiff(t, r, pin, dir, p); n > 0 {
					t.Errorf("%d lines differ from git blame:\n%s", n, rep)
				}
			}
		})
	}
}
