package repo

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/repotest"
)

// The history benchmarks share one generated repository: 2,000 commits of
// small edits to 400 code-like files (50-400 lines), a 2,500-line file
// edited in about one commit in four, some renames, additions and merges.
// It is built once per machine (about a minute) into the temporary
// directory and reused. Each BenchmarkXxx has a BenchmarkXxxGit twin that
// runs the git command giving the same answer on the same repository, so
// one "go test -bench History -run ^$ ./repo" run compares them.

const (
	benchCommits = 2000
	benchFiles   = 400
	benchHotFile = "src/core/engine.c"
	benchVersion = "v1"
)

// benchRepoInfo describes the benchmark repository.
type benchRepoInfo struct {
	Dir     string
	Head    string
	Base    string // benchCommits/2 commits before Head
	Renamed string // a file renamed once, with history before the rename
}

var (
	benchOnce sync.Once
	benchInfo benchRepoInfo
	benchErr  error
)

// dirTB makes repotest build in a chosen directory instead of a
// per-test temporary one, so the repository outlives one benchmark.
type dirTB struct {
	testing.TB
	dir string
}

func (d dirTB) TempDir() string { return d.dir }

func benchRepo(b *testing.B) benchRepoInfo {
	b.Helper()
	benchOnce.Do(func() {
		dir := filepath.Join(os.TempDir(), "sightline-history-bench-"+benchVersion)
		marker := filepath.Join(dir, "bench.json")
		if data, err := os.ReadFile(marker); err == nil && json.Unmarshal(data, &benchInfo) == nil {
			return
		}
		_ = os.RemoveAll(dir)
		if benchErr = os.MkdirAll(dir, 0o755); benchErr != nil {
			return
		}
		benchInfo = buildBenchHistory(dirTB{TB: b, dir: dir})
		data, _ := json.Marshal(benchInfo)
		benchErr = os.WriteFile(marker, data, 0o644)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchInfo
}

func buildBenchHistory(tb testing.TB) benchRepoInfo {
	g := newHistoryGen(tb, 99)
	g.window = 10
	tree := repotest.Tree{benchHotFile: {Content: codeLike(g.rnd, 2500)}}
	var paths []string
	for i := 0; i < benchFiles; i++ {
		p := fmt.Sprintf("src/mod%02d/file%03d.c", i%40, i)
		tree[p] = repotest.File{Content: codeLike(g.rnd, 50+g.rnd.Intn(350))}
		paths = append(paths, p)
	}
	head := g.commit("import", tree)
	info := benchRepoInfo{Dir: g.tr.Dir}
	var heads []plumbing.Hash
	for i := 1; i < benchCommits; i++ {
		next := g.treeOf(head)
		for n := 1 + g.rnd.Intn(3); n > 0; n-- {
			p := paths[g.rnd.Intn(len(paths))]
			next[p] = repotest.File{Content: g.edit(next[p].Content)}
		}
		if g.rnd.Intn(4) == 0 {
			next[benchHotFile] = repotest.File{Content: g.edit(next[benchHotFile].Content)}
		}
		if g.rnd.Intn(100) == 0 { // a rename, with an edit
			k := g.rnd.Intn(len(paths))
			np := fmt.Sprintf("src/moved/r%d-%s", i, filepath.Base(paths[k]))
			next[np] = repotest.File{Content: g.edit(next[paths[k]].Content)}
			delete(next, paths[k])
			paths[k] = np
			info.Renamed = np
		}
		if g.rnd.Intn(50) == 0 { // a side commit merged straight back
			side := g.treeOf(head)
			p := paths[g.rnd.Intn(len(paths))]
			side[p] = repotest.File{Content: g.edit(side[p].Content)}
			s := g.commit("side", side, head)
			next[p] = side[p]
			head = g.commit(fmt.Sprintf("merge %d", i), next, head, s)
		} else {
			head = g.commit(fmt.Sprintf("commit %d", i), next, head)
		}
		heads = append(heads, head)
	}
	g.tr.SetHead(head)
	g.pack()
	info.Head = head.String()
	info.Base = heads[len(heads)-benchCommits/2].String()
	return info
}

func openBench(b *testing.B) (*Repo, benchRepoInfo) {
	info := benchRepo(b)
	r, err := Open(info.Dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = r.Close() })
	return r, info
}

func mustHash(b *testing.B, s string) Hash {
	h, err := ParseHash(s)
	if err != nil {
		b.Fatal(err)
	}
	return h
}

// BenchmarkDiffTrees: the Changes view of two commits 1,000 commits
// apart, with rename detection and line counts (all files).
func BenchmarkDiffTrees(b *testing.B) {
	r, info := openBench(b)
	base, head := mustHash(b, info.Base), mustHash(b, info.Head)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		changes, err := r.DiffTrees(context.Background(), base, head, DiffOptions{})
		if err != nil || len(changes) == 0 {
			b.Fatal(err, len(changes))
		}
	}
}

func BenchmarkDiffTreesGit(b *testing.B) {
	info := benchRepo(b)
	benchGit(b, info.Dir, "diff", "--numstat", "-M", info.Base, info.Head)
}

// BenchmarkBlame: the 2,500-line file edited in ~500 of 2,000 commits.
func BenchmarkBlame(b *testing.B) {
	r, info := openBench(b)
	head := mustHash(b, info.Head)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := r.Blame(context.Background(), head, benchHotFile, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBlameGit(b *testing.B) {
	info := benchRepo(b)
	benchGit(b, info.Dir, "blame", "--porcelain", info.Head, "--", benchHotFile)
}

// BenchmarkPathLog: the history of the hot file over all 2,000 commits.
func BenchmarkPathLog(b *testing.B) {
	r, info := openBench(b)
	head := mustHash(b, info.Head)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := 0
		if err := r.PathLog(context.Background(), head, benchHotFile, func(Commit) error { n++; return nil }); err != nil || n == 0 {
			b.Fatal(err, n)
		}
	}
}

func BenchmarkPathLogGit(b *testing.B) {
	info := benchRepo(b)
	benchGit(b, info.Dir, "log", "--format=%H", info.Head, "--", benchHotFile)
}

// BenchmarkLog: all 2,000+ commits, newest first.
func BenchmarkLog(b *testing.B) {
	r, info := openBench(b)
	head := mustHash(b, info.Head)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := r.Log(context.Background(), head, func(Commit) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLogGit(b *testing.B) {
	info := benchRepo(b)
	benchGit(b, info.Dir, "log", "--format=%H", info.Head)
}

// benchGit times one git command per iteration (process start included,
// as a user running git would pay it).
func benchGit(b *testing.B, dir string, args ...string) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git not installed")
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(cmd.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		if out, err := cmd.Output(); err != nil || len(out) == 0 {
			b.Fatal(err)
		}
	}
}
