package history

import (
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/tui/internal/drive"
)

// Issue 17: a merge of 10,000 parents no longer pushes its message out of
// the detail pane. The pane gives the number of parents with the message
// in view at once; p lists the parents, J/K scroll them, p goes back.
func TestWideMergeShowsItsMessageAndListsParentsOnDemand(t *testing.T) {
	rt, parents := repotest.HostileWideMerge(t)
	r, err := repo.Open(rt.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	m := New(r, repo.Hash(rt.Head()), DefaultKeyMap(), asciiStyles())
	m.SetSize(100, 30)
	m.Focus()
	m, _ = drive.Run(m, update, m.Load())
	v := m.View()
	if !strings.Contains(v, "parents   10,000 (p lists them)") || !strings.Contains(v, "    the line the reviewer must read") || strings.Contains(v, parents[0].String()) {
		t.Fatalf("the detail pane does not give the parent count with the message in view:\n%s", v)
	}
	if !strings.Contains(v, "p parents") {
		t.Errorf("the status line does not mention p:\n%s", v)
	}

	m, _ = drive.Keys(m, update, nil, "p")
	v = m.View()
	if !strings.Contains(v, "10,000 parents of "+rt.Head().String()[:12]) || !strings.Contains(v, "      1  "+parents[0].String()) ||
		!strings.Contains(v, "more · J/K scroll") || strings.Contains(v, "the line the reviewer must read") {
		t.Fatalf("p does not list the parents from the first:\n%s", v)
	}
	m, _ = drive.Keys(m, update, nil, strings.Repeat("J", 100))
	if v = m.View(); !strings.Contains(v, "    101  "+parents[100].String()) || strings.Contains(v, parents[99].String()) {
		t.Fatalf("J does not scroll the parent list a line at a time:\n%s", v)
	}
	m, _ = drive.Keys(m, update, nil, strings.Repeat("J", len(parents)))
	v = m.View()
	if !strings.Contains(v, " 10000  "+parents[len(parents)-1].String()) || strings.Contains(v, "more · J/K") {
		t.Fatalf("J does not reach the last parent:\n%s", v)
	}
	if n := len(strings.Split(v, "\n")); n != 30 {
		t.Errorf("view has %d lines, want 30", n)
	}
	m, _ = drive.Keys(m, update, nil, "p")
	if v = m.View(); !strings.Contains(v, "the line the reviewer must read") || !strings.Contains(v, "parents   10,000") || strings.Contains(v, parents[len(parents)-1].String()) {
		t.Fatalf("p does not go back to the message:\n%s", v)
	}
}

// A commit with a few parents still lists them above its message.
func TestFewParentsAreListedInline(t *testing.T) {
	rt := repotest.New(t)
	a := rt.Commit("a", repotest.Tree{"a": {Content: "a\n"}})
	b := rt.Commit("b", repotest.Tree{"b": {Content: "b\n"}})
	h := rt.CommitWithParents("merge two", repotest.Tree{"a": {Content: "a\n"}, "b": {Content: "b\n"}}, b, a)
	r, err := repo.Open(rt.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	m := New(r, repo.Hash(h), DefaultKeyMap(), asciiStyles())
	m.SetSize(100, 30)
	m.Focus()
	m, _ = drive.Run(m, update, m.Load())
	v := m.View()
	if !strings.Contains(v, "parent    "+b.String()) || !strings.Contains(v, "parent    "+a.String()) || strings.Contains(v, "parents   ") {
		t.Fatalf("a two-parent merge does not list its parents inline:\n%s", v)
	}
}
