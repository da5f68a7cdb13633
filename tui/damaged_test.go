package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// A pinned tree with an unreadable subtree: the status line says so for
// the whole session, and the message line at start names the subtree.
func TestUnreadableSubtreesStayOnTheStatusLine(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("c", repotest.Tree{
		"good/a.txt":   {Content: "a\n"},
		"gone/b.txt":   {Content: "b\n"},
		"gone2/c.txt":  {Content: "c\n"},
		"top-file.txt": {Content: "t\n"},
	})
	r, pin := pintest.Head(t, rt)
	for _, dir := range []string{"gone", "gone2"} {
		e, err := r.Lookup(context.Background(), pin.Tree, dir)
		if err != nil {
			t.Fatal(err)
		}
		rt.RemoveObject(plumbing.Hash(e.Hash))
	}
	r, pin = pintest.Head(t, rt) // a fresh Repo: no cached trees
	m := start(t, r, pin)
	if st := statusLine(m); !strings.Contains(st, "⚠ 2 unreadable subtrees") {
		t.Fatalf("status line lacks the unreadable count: %q", st)
	}
	s := screen(m)
	if !strings.Contains(s, "⚠ unreadable subtrees (first: gone): the listing is incomplete; ask for a complete repository") {
		t.Fatalf("the message line does not explain the damage:\n%s", s)
	}
	m = press(t, m, "j")
	if st := statusLine(m); !strings.Contains(st, "⚠ 2 unreadable subtrees") {
		t.Fatalf("the count left the status line after a key: %q", st)
	}
}
