package search

import (
	"context"
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// Issue 17: a directory nested 5,000 deep no longer keeps the tree from
// being indexed. The build skips past the depth cap and says which
// directory it skipped; a search through the index then gives what Grep
// gives, the skipped directory reported as not searched in its place.
func TestIndexSkipsPastTheDepthCap(t *testing.T) {
	tr := repotest.HostileVeryDeep(t)
	r, pin := pintest.Head(t, tr)
	dir := t.TempDir()
	ctx := context.Background()
	built, err := BuildIndexReport(ctx, r, pin.Tree, IndexPath(dir, pin.Tree))
	if err != nil {
		t.Fatalf("BuildIndexReport: %v", err)
	}
	if built.Files != 2 || len(built.TooDeep) != 1 {
		t.Fatalf("built %d files, %d skipped; want 2 and 1", built.Files, len(built.TooDeep))
	}
	deep := built.TooDeep[0]
	if !errors.Is(deep.Err, repo.ErrTooDeep) || strings.Count(deep.Path, "/")+1 != 1024 || !strings.HasPrefix(repotest.HostileVeryDeepPath, deep.Path+"/") {
		t.Fatalf("skipped %q (%v); want the directory at depth 1024", deep.Path[:20], deep.Err)
	}
	for _, expr := range []string{"needle", "needle (a|z)", "bottom"} {
		re := regexp.MustCompile(expr)
		var want []Match
		if err := Grep(ctx, r, pin.Tree, re, Options{}, func(m Match) error { want = append(want, m); return nil }); err != nil {
			t.Fatal(err)
		}
		var got []Match
		cached, err := New(r, dir).GrepCached(ctx, pin.Tree, re, Options{}, func(m Match) error { got = append(got, m); return nil })
		if err != nil || !cached {
			t.Fatalf("%q: GrepCached = %v, answered by the index %v; want the index to answer", expr, err, cached)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: through the index %d results, Grep %d:\n%+v\n%+v", expr, len(got), len(want), got, want)
		}
		unsearched := 0
		for _, m := range got {
			if m.Err != nil && m.Path == deep.Path {
				unsearched++
			}
		}
		if unsearched != 1 {
			t.Fatalf("%q: %d results report the skipped directory, want 1: %+v", expr, unsearched, got)
		}
	}
}
