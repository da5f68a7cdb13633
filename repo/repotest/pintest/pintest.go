// Package pintest opens test repositories through package repo and pins
// revisions in them, failing the test on any error: the one copy of the
// fixture that tests outside package repo share. It is for tests only.
// Package repo's own internal tests cannot import it (it imports repo);
// they keep a local helper.
package pintest

import (
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
)

// Open opens the repository at dir (a work tree, a .git directory, a bare
// repository) and closes it when the test ends.
func Open(t testing.TB, dir string) *repo.Repo {
	t.Helper()
	r, err := repo.Open(dir)
	if err != nil {
		t.Fatalf("pintest: open %s: %v", dir, err)
	}
	t.Cleanup(func() { _ = r.Close() })
	return r
}

// Resolve pins rev in r.
func Resolve(t testing.TB, r *repo.Repo, rev string) repo.Pin {
	t.Helper()
	pin, err := r.Resolve(rev)
	if err != nil {
		t.Fatalf("pintest: resolve %q: %v", rev, err)
	}
	return pin
}

// Head opens rt's repository, closed when the test ends, and pins its
// HEAD: what most tests start from.
func Head(t testing.TB, rt *repotest.Repo) (*repo.Repo, repo.Pin) {
	t.Helper()
	r := Open(t, rt.Dir)
	return r, Resolve(t, r, "HEAD")
}
