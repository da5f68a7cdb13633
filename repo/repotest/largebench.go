package repotest

import (
	"os"
	"path/filepath"
	"testing"
)

// LargeBenchRepo is the generated benchmark repository (100,000 files,
// 20,000 commits) that scripts/bench.sh --large caches, or the one
// $SIGHTLINE_BENCH_LARGE names (a repository made by mkrepo -shape real,
// say); tb is skipped without it. The cache's directory is named after
// a hash of the generator, so it is looked up by its size, not its name.
func LargeBenchRepo(tb testing.TB) string {
	tb.Helper()
	if dir := os.Getenv("SIGHTLINE_BENCH_LARGE"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err != nil {
			tb.Fatalf("SIGHTLINE_BENCH_LARGE=%s: %v", dir, err)
		}
		return dir
	}
	cache := os.Getenv("SIGHTLINE_BENCH_CACHE")
	if cache == "" {
		base := os.Getenv("XDG_CACHE_HOME")
		if base == "" {
			home, _ := os.UserHomeDir()
			base = filepath.Join(home, ".cache")
		}
		cache = filepath.Join(base, "sightline-bench")
	}
	found, _ := filepath.Glob(filepath.Join(cache, "large-*-packed", ".git", "mkrepo.json"))
	if len(found) == 0 {
		tb.Skipf("no cached large repository in %s (scripts/bench.sh --large makes it)", cache)
	}
	return filepath.Dir(filepath.Dir(found[0]))
}
