package repo

import (
	"context"
	"testing"

	"sightline/repo/repotest"
)

// TestBlameIgnoringPassesOverACommit: with c2 ignored, the line c2
// rewrote is blamed on the line it replaced in c1 (as git blame
// --ignore-rev), the lines c2 added beyond what it replaced stay with c2,
// and the lines of other commits keep their attribution.
func TestBlameIgnoringPassesOverACommit(t *testing.T) {
	tr := repotest.New(t)
	c1 := tr.Commit("one", repotest.Tree{"f": {Content: "a\nb\nc\n"}})
	c2 := tr.Commit("two", tr.Edit(c1, repotest.Tree{"f": {Content: "a\nB\nB2\nc\n"}}))
	c3 := tr.Commit("three", tr.Edit(c2, repotest.Tree{"f": {Content: "a\nB\nB2\nc\nd\n"}}))
	r, _ := openAt(t, tr)
	ctx := context.Background()
	plain, err := r.Blame(ctx, Hash(c3), "f", nil)
	if err != nil {
		t.Fatal(err)
	}
	if plain[1].Commit != Hash(c2) {
		t.Fatalf("line 2 blamed on %s, want c2", plain[1].Commit.Short())
	}
	got, err := r.BlameIgnoring(ctx, Hash(c3), "f", []Hash{Hash(c2)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		c    Hash
		orig int
	}{{Hash(c1), 1}, {Hash(c1), 2}, {Hash(c2), 3}, {Hash(c1), 3}, {Hash(c3), 5}}
	for i, w := range want {
		if got[i].Commit != w.c || got[i].OrigLine != w.orig || got[i].FinalLine != i+1 {
			t.Errorf("line %d: %s line %d, want %s line %d", i+1, got[i].Commit.Short(), got[i].OrigLine, w.c.Short(), w.orig)
		}
	}
	// A root commit has no parent to pass to: its lines stay.
	root, err := r.BlameIgnoring(ctx, Hash(c3), "f", []Hash{Hash(c1)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if root[0].Commit != Hash(c1) {
		t.Errorf("ignoring the root commit moved line 1 to %s", root[0].Commit.Short())
	}
}
