package repo

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
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
