package repo

import (
	"context"
	"os"
	"testing"
)

// BenchmarkCorpusPathLog and BenchmarkCorpusBlame time the whole cold-ish
// walk (Open + Resolve + the walk) on a repository named by
// SIGHTLINE_BENCH_REPO (a corpus clone, with or without a commit-graph)
// and the path in SIGHTLINE_BENCH_PATH, for profiling against git on
// real histories; skipped when they are unset.
func benchCorpus(b *testing.B) (string, string) {
	dir, path := os.Getenv("SIGHTLINE_BENCH_REPO"), os.Getenv("SIGHTLINE_BENCH_PATH")
	if dir == "" || path == "" {
		b.Skip("set SIGHTLINE_BENCH_REPO and SIGHTLINE_BENCH_PATH")
	}
	return dir, path
}

func openResolve(b *testing.B, dir string) (*Repo, Pin) {
	r, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	pin, err := r.Resolve("HEAD")
	if err != nil {
		b.Fatal(err)
	}
	return r, pin
}

func BenchmarkCorpusPathLog(b *testing.B) {
	dir, path := benchCorpus(b)
	for i := 0; i < b.N; i++ {
		r, pin := openResolve(b, dir)
		n := 0
		if err := r.PathLog(context.Background(), pin.Commit, path, func(Commit) error { n++; return nil }); err != nil || n == 0 {
			b.Fatal(err, n)
		}
		_ = r.Close()
	}
}

func BenchmarkCorpusBlame(b *testing.B) {
	dir, path := benchCorpus(b)
	for i := 0; i < b.N; i++ {
		r, pin := openResolve(b, dir)
		if _, err := r.Blame(context.Background(), pin.Commit, path, nil); err != nil {
			b.Fatal(err)
		}
		_ = r.Close()
	}
}
