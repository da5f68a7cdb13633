package repo

import (
	"math/rand/v2"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestLargeRepoParity compares Blame and PathLog with git on the
// repository SIGHTLINE_PARITY_REPO names: meant for the large generated
// benchmark repository (scripts/bench.sh --large), too big to clone into
// every test run. It blames a fixed sample of files at HEAD (the most
// edited ones and a seeded random pick) and logs a sample of paths
// (those files, their directories, files deleted on the way), once
// reading commit objects and once with a history index built for the
// run, and logs each file's and path's result. SIGHTLINE_PARITY_ONLY=regexp
// keeps only the sampled files and paths it matches. Command (BENCHMARKS.md,
// issue 16):
//
//	SIGHTLINE_PARITY_REPO=~/.cache/sightline-bench/large-1-d0cf037e5b-packed \
//	  go test -count=1 -timeout 30m -run TestLargeRepoParity -v ./repo
func TestLargeRepoParity(t *testing.T) {
	dir := os.Getenv("SIGHTLINE_PARITY_REPO")
	if dir == "" {
		t.Skip("SIGHTLINE_PARITY_REPO=DIR not set: parity with git on a large repository skipped (see BENCHMARKS.md, issue 16)")
	}
	hasGit(t)
	r, pin := openDir(t, dir)
	start := time.Now()
	files := paritySampleFiles(t, r, dir)
	paths := parityLogPaths(t, dir, files)
	if re := os.Getenv("SIGHTLINE_PARITY_ONLY"); re != "" { // chasing one divergence
		only := regexp.MustCompile(re)
		files, paths = slices.DeleteFunc(files, func(p string) bool { return !only.MatchString(p) }),
			slices.DeleteFunc(paths, func(p string) bool { return !only.MatchString(p) })
	}
	t.Logf("sample: %d files to blame, %d paths to log (chosen in %v)", len(files), len(paths), time.Since(start).Round(time.Millisecond))
	t.Run("objects", func(t *testing.T) {
		parityCompare(t, r, pin, dir, files, paths, false)
	})
	t.Run("histindex", func(t *testing.T) {
		r, pin := openDir(t, dir)
		if r.HasOwnCommitGraph() {
			t.Skip("the repository has git's commit-graph, which history reads instead of a history index")
		}
		start := time.Now()
		useIndex(t, r, buildIndex(t, r, pin.Commit), pin.Commit)
		t.Logf("history index built in %v", time.Since(start).Round(time.Millisecond))
		parityCompare(t, r, pin, dir, files, paths, true)
	})
}

// Sample sizes: the most edited files carry the long histories where
// blame's diff choices matter; the seeded pick covers the ordinary ones.
const (
	parityMostEdited = 8
	parityRandom     = 17
	paritySeed       = 16
)

// paritySampleFiles picks the files to blame: the most edited text files
// at HEAD (by git log --name-only, ties by name), then a seeded random
// pick of other text files, so every run blames the same files.
func paritySampleFiles(t *testing.T, r *Repo, dir string) []string {
	t.Helper()
	names := corpusTextFiles(t, r, dir) // regular text files at HEAD
	isText := make(map[string]bool, len(names))
	for _, p := range names {
		isText[p] = true
	}
	edits := map[string]int{}
	for _, p := range gitLines(t, dir, "log", "--name-only", "--format=", "HEAD") {
		if isText[p] {
			edits[p]++
		}
	}
	byEdits := make([]string, 0, len(edits))
	for p := range edits {
		byEdits = append(byEdits, p)
	}
	sort.Slice(byEdits, func(i, j int) bool {
		a, b := byEdits[i], byEdits[j]
		return edits[a] > edits[b] || edits[a] == edits[b] && a < b
	})
	var out []string
	chosen := map[string]bool{}
	for _, p := range byEdits {
		if len(out) == parityMostEdited {
			break
		}
		out, chosen[p] = append(out, p), true
	}
	rnd := rand.New(rand.NewPCG(paritySeed, 0))
	for _, i := range rnd.Perm(len(names)) {
		if len(out) == parityMostEdited+parityRandom {
			break
		}
		if p := names[i]; !chosen[p] {
			out, chosen[p] = append(out, p), true
		}
	}
	return out
}

// parityLogPaths are the paths whose log is compared: the blamed files,
// every directory above them, and a few files deleted before HEAD.
func parityLogPaths(t *testing.T, dir string, files []string) []string {
	t.Helper()
	out := append([]string(nil), files...)
	seen := map[string]bool{}
	for _, f := range files {
		for d := path.Dir(f); d != "."; d = path.Dir(d) {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
		}
	}
	deleted := gitLines(t, dir, "log", "--diff-filter=D", "--name-only", "--format=", "-n", "400", "HEAD")
	for i := 0; i < len(deleted) && i < 8*max(1, len(deleted)/8); i += max(1, len(deleted)/8) {
		out = append(out, deleted[i])
	}
	return out
}

// parityCompare blames files and logs paths both ways, logging each
// result, and fails naming every file or path that differs from git.
// indexed says whether r reads a history index: then every commit of a
// log walk must come from it, else none may.
func parityCompare(t *testing.T, r *Repo, pin Pin, dir string, files, paths []string, indexed bool) {
	t.Helper()
	var stats walkStats
	walkStatsHook = func(s walkStats) { stats = s }
	defer func() { walkStatsHook = nil }()
	var nLines, nBad int
	for _, p := range files {
		start := time.Now()
		n, rep := blameDiff(t, r, pin, dir, p)
		lines := parityLineCount(t, dir, p)
		nLines += lines
		nBad += n
		t.Logf("blame %s: %d lines, %d differ (both sides %v)", p, lines, n, time.Since(start).Round(time.Millisecond))
		if n > 0 {
			t.Errorf("blame %s: %d lines differ from git blame:\n%s", p, n, rep)
		}
	}
	t.Logf("blame: %d files, %d lines compared, %d lines differ", len(files), nLines, nBad)
	badPaths := 0
	for _, p := range paths {
		start := time.Now()
		want := gitLines(t, dir, "log", "--format=%H", "HEAD", "--", p)
		got, err := pathLogHashes(t, r, pin, p)
		if err != nil {
			t.Errorf("PathLog %s: %v", p, err)
			badPaths++
			continue
		}
		t.Logf("log -- %s: %d commits, git %d (both sides %v; walk %+v)", p, len(got), len(want), time.Since(start).Round(time.Millisecond), stats)
		if indexed && (stats.fromObject != 0 || stats.fromGraph == 0) || !indexed && stats.fromGraph != 0 {
			t.Errorf("log -- %s: walk %+v, want every commit from the history index: %v", p, stats, indexed)
		}
		if i := firstDiff(got, want); i >= 0 {
			badPaths++
			t.Errorf("log -- %s: %d commits, git %d; first difference at %d: got %s, git %s",
				p, len(got), len(want), i, at(got, i), at(want, i))
		}
	}
	t.Logf("log: %d paths compared, %d differ", len(paths), badPaths)
}

// parityLineCount is how many lines the file has at HEAD, as blame counts
// them (a last line without a newline counts).
func parityLineCount(t *testing.T, dir, p string) int {
	t.Helper()
	b := gitOut(t, dir, "cat-file", "blob", "HEAD:"+p)
	n := strings.Count(b, "\n")
	if b != "" && !strings.HasSuffix(b, "\n") {
		n++
	}
	return n
}
