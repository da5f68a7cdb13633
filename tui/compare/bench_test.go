package compare

import (
	"fmt"
	"os"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/internal/drive"
)

// BenchmarkChangesListed measures the time from a Changes request to the
// list of changed files on screen (the tree diff with rename detection,
// then the first View); line counts follow in the background. By default
// it builds a pair in the test; point SIGHTLINE_BENCH_REPO at a bigger
// repository (cmd/mkrepo makes one) to compare SIGHTLINE_BENCH_BASE
// (default mkrepo-base) with SIGHTLINE_BENCH_HEAD (default HEAD), and time
// "git diff --numstat -M BASE HEAD" on the same pair for comparison.
func BenchmarkChangesListed(b *testing.B) {
	r, base, head := benchPair(b)
	st := asciiStyles()
	b.ResetTimer()
	for b.Loop() {
		m := New(r, st)
		m.SetSize(160, 50)
		m, _ = m.Update(m.Compare(base, head, "base", "head")())
		if _, _, ok := m.Comparison(); !ok || len(m.View()) == 0 {
			b.Fatalf("changes not listed:\n%s", m.View())
		}
		m.stop() // the counting load was never run; release its context
	}
}

// BenchmarkChangesCounted measures the time until the list has every
// file's +added -removed counts and the first file's diff is shown: the
// whole work "git diff --numstat -M" does, plus one file diff.
func BenchmarkChangesCounted(b *testing.B) {
	r, base, head := benchPair(b)
	st := asciiStyles()
	b.ResetTimer()
	for b.Loop() {
		m := New(r, st)
		m.SetSize(160, 50)
		m, _ = drive.Run(m, update, m.Compare(base, head, "base", "head"))
		if !m.List().Counted() || len(m.View()) == 0 {
			b.Fatalf("changes not counted:\n%s", m.View())
		}
	}
}

func benchPair(b *testing.B) (*repo.Repo, repo.Hash, repo.Hash) {
	if dir := os.Getenv("SIGHTLINE_BENCH_REPO"); dir != "" {
		r := pintest.Open(b, dir)
		resolve := func(env, def string) repo.Hash {
			rev := os.Getenv(env)
			if rev == "" {
				rev = def
			}
			return pintest.Resolve(b, r, rev).Commit
		}
		return r, resolve("SIGHTLINE_BENCH_BASE", "mkrepo-base"), resolve("SIGHTLINE_BENCH_HEAD", "HEAD")
	}
	// 2,000 files in 40 directories; the head edits every tenth file in
	// two places and renames every fiftieth.
	rt := repotest.New(b)
	tree := repotest.Tree{}
	for i := range 2000 {
		tree[fmt.Sprintf("dir%02d/file%04d.go", i%40, i)] = repotest.File{Content: lines(200, map[int]string{1: fmt.Sprintf("// file %d", i)})}
	}
	base := rt.Commit("base", tree)
	edits := repotest.Tree{}
	for i := 0; i < 2000; i += 10 {
		p := fmt.Sprintf("dir%02d/file%04d.go", i%40, i)
		edits[p] = repotest.File{Content: lines(200, map[int]string{1: fmt.Sprintf("// file %d", i), 50: "changed", 150: "changed too"})}
	}
	for i := 5; i < 2000; i += 50 {
		p := fmt.Sprintf("dir%02d/file%04d.go", i%40, i)
		edits[p] = repotest.Delete
		edits[fmt.Sprintf("moved/file%04d.go", i)] = tree[p]
	}
	head := rt.Commit("head", rt.Edit(base, edits))
	r := pintest.Open(b, rt.Dir)
	return r, repo.Hash(base), repo.Hash(head)
}
