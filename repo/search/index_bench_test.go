package search

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// indexBenchTree is 5,000 source-like files, one of which holds the
// searched identifier.
func indexBenchTree() repotest.Tree {
	t := repotest.Tree{}
	for i := range 5000 {
		body := ""
		for j := range 40 {
			body += fmt.Sprintf("\tresult%d := handle%d(ctx, req, %d)\n", j, (i*j)%97, i)
		}
		t[fmt.Sprintf("pkg%02d/file%04d.go", i%50, i)] = repotest.File{Content: "package p\n" + body}
	}
	t["pkg07/target.go"] = repotest.File{Content: "package p\nfunc verifySignatureBypass() {}\n"}
	return t
}

// BenchmarkBuildIndex builds the trigram index of a 5,000-file tree.
func BenchmarkBuildIndex(b *testing.B) {
	tr := repotest.New(b)
	tr.Commit("tree", indexBenchTree())
	r, pin := pintest.Head(b, tr)
	dir := b.TempDir()
	for b.Loop() {
		if err := BuildIndex(context.Background(), r, pin.Tree, IndexPath(dir, pin.Tree)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGrepCached is a warm selective search: open the index, check
// it, read the one candidate. Compare BenchmarkGrepFull, the same search
// without the index.
func BenchmarkGrepCached(b *testing.B) {
	benchSearch(b, true)
}

// BenchmarkGrepFull is the same search as BenchmarkGrepCached by a full
// scan (repo.Grep).
func BenchmarkGrepFull(b *testing.B) {
	benchSearch(b, false)
}

// BenchmarkGrepCachedBroad is a warm search that most files match: the
// index narrows nothing, so its cost is reading the candidates' stored
// contents (decoding and checking each against its blob id). Compare
// BenchmarkGrepFullBroad.
func BenchmarkGrepCachedBroad(b *testing.B) {
	benchSearchFor(b, true, `result7 := handle\d+\(ctx`, 5000)
}

// BenchmarkGrepFullBroad is BenchmarkGrepCachedBroad's search by a full
// scan (repo.Grep).
func BenchmarkGrepFullBroad(b *testing.B) {
	benchSearchFor(b, false, `result7 := handle\d+\(ctx`, 5000)
}

func benchSearch(b *testing.B, indexed bool) {
	benchSearchFor(b, indexed, `verify[A-Z]\w+Bypass`, 1)
}

func benchSearchFor(b *testing.B, indexed bool, pattern string, want int) {
	tr := repotest.New(b)
	tr.Commit("tree", indexBenchTree())
	r, pin := pintest.Head(b, tr)
	dir := b.TempDir()
	if indexed {
		if err := BuildIndex(context.Background(), r, pin.Tree, IndexPath(dir, pin.Tree)); err != nil {
			b.Fatal(err)
		}
	}
	re := regexp.MustCompile(pattern)
	for b.Loop() {
		n := 0
		used, err := New(r, dir).GrepCached(context.Background(), pin.Tree, re, Options{}, func(Match) error { n++; return nil })
		if err != nil || n != want || used != indexed {
			b.Fatalf("%d matches, index used %v, err %v", n, used, err)
		}
	}
}
