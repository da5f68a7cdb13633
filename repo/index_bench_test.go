package repo

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"sightline/repo/repotest"
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
	r, pin := openAt(b, tr)
	dir := b.TempDir()
	for b.Loop() {
		if err := r.BuildIndex(context.Background(), pin.Tree, IndexPath(dir, pin.Tree)); err != nil {
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

func benchSearch(b *testing.B, indexed bool) {
	tr := repotest.New(b)
	tr.Commit("tree", indexBenchTree())
	r, pin := openAt(b, tr)
	dir := b.TempDir()
	if indexed {
		if err := r.BuildIndex(context.Background(), pin.Tree, IndexPath(dir, pin.Tree)); err != nil {
			b.Fatal(err)
		}
	}
	re := regexp.MustCompile(`verify[A-Z]\w+Bypass`)
	for b.Loop() {
		n := 0
		used, err := r.GrepCached(context.Background(), dir, pin.Tree, re, GrepOptions{}, func(GrepMatch) error { n++; return nil })
		if err != nil || n != 1 || used != indexed {
			b.Fatalf("%d matches, index used %v, err %v", n, used, err)
		}
	}
}
