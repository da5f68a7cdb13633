package blame

import (
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/internal/drive"
	"sightline/tui/nav"
)

// history builds f.go over three commits: c1 (the root) writes a, b, c;
// c2, by a hostile author, rewrites b; c3 adds d at the end.
func history(t *testing.T) (Model, [3]repo.Hash) {
	t.Helper()
	rt := repotest.New(t)
	rt.Author.Name = "Alice"
	c1 := rt.Commit("first: a b c", repotest.Tree{"f.go": {Content: "a\nb\nc\n"}})
	rt.Author.Name = "Mallory \x1b]0;owned\x07"
	c2 := rt.Commit("second \x1b[2J rewrites b", rt.Edit(c1, repotest.Tree{"f.go": {Content: "a\nB\nc\n"}}))
	rt.Author.Name = "Carol"
	c3 := rt.Commit("third adds d", rt.Edit(c2, repotest.Tree{"f.go": {Content: "a\nB\nc\nd\n"}}))
	r := pintest.Open(t, rt.Dir)
	m := New(r, repo.Hash(c3))
	m, _ = drive.Run(m, update, m.Toggle("f.go"))
	if !m.Shown("f.go") {
		t.Fatalf("no blame: %v", m.Err())
	}
	return m, [3]repo.Hash{repo.Hash(c1), repo.Hash(c2), repo.Hash(c3)}
}

// Info names the cursor line's commit (short hash, author, date,
// subject), sanitized, and changes with the line's run.
func TestInfoNamesTheLinesCommit(t *testing.T) {
	m, c := history(t)
	one := m.Info("f.go", 1)
	if !strings.HasPrefix(one, c[0].String()[:8]+" Alice 2024-01-") || !strings.HasSuffix(one, "first: a b c") {
		t.Errorf("line 1: %q, want c1, Alice, its date and subject", one)
	}
	two := m.Info("f.go", 2)
	if !strings.HasPrefix(two, c[1].String()[:8]+" Mallory ^[]0;owned^G ") || !strings.HasSuffix(two, "second ^[[2J rewrites b") {
		t.Errorf("line 2: %q, want c2 with its author and subject sanitized", two)
	}
	if strings.ContainsAny(one+two, "\x1b\x07") {
		t.Errorf("raw control characters in %q", two)
	}
	if m.Info("f.go", 3) != one || m.Info("other.go", 1) != "" {
		t.Errorf("line 3 (c1 again): %q; another file: %q", m.Info("f.go", 3), m.Info("other.go", 1))
	}
}

// , on a line of c2 blames c2's lines from c1: line 2 is c1's again,
// the others keep theirs; < goes back; a second , on a c1 line says c1
// is a root; , on c3's added line says there is nothing older.
func TestReblameFromTheParent(t *testing.T) {
	m, c := history(t)
	cmd, why := m.Reblame("f.go", 2)
	if cmd == nil {
		t.Fatalf("no re-blame: %q", why)
	}
	if !strings.Contains(m.Progress(), "re-blaming f.go from the parent of "+c[1].Short()) {
		t.Errorf("progress: %q", m.Progress())
	}
	m, _ = drive.Run(m, update, cmd)
	for n, want := range []repo.Hash{c[0], c[0], c[0], c[2]} {
		if got, _ := m.CommitAt("f.go", n+1); got != want {
			t.Errorf("after ,: line %d blamed on %s, want %s", n+1, got.Short(), want.Short())
		}
	}
	if info := m.Info("f.go", 2); !strings.HasPrefix(info, "(,×1) "+c[0].String()[:8]+" Alice") {
		t.Errorf("status after ,: %q", info)
	}
	if text := m.Text("f.go"); !strings.HasPrefix(text[0], c[0].String()[:8]) || !strings.HasSuffix(text[1], "┆") {
		t.Errorf("the gutter was not redrawn: %q", text)
	}

	cmd, why = m.Reblame("f.go", 1)
	if cmd != nil || why != c[0].Short()+" is a root commit: it has no parent to blame from" {
		t.Errorf(", on the root commit: %q", why)
	}
	if !m.Back() {
		t.Fatal("< did not undo the re-blame")
	}
	if got, _ := m.CommitAt("f.go", 2); got != c[1] || m.Depth() != 0 {
		t.Errorf("after <: line 2 blamed on %s (depth %d), want c2", got.Short(), m.Depth())
	}
	if m.Back() {
		t.Error("< with nothing to undo said it did")
	}

	cmd, _ = m.Reblame("f.go", 4)
	m, out := drive.Run(m, update, cmd, nav.InfoMsg{})
	if len(out) != 1 || !strings.Contains(out[0].(nav.InfoMsg).Text, c[2].Short()+" added its lines") {
		t.Errorf(", on an added line told %v", out)
	}
	if got, _ := m.CommitAt("f.go", 4); got != c[2] || m.Depth() != 0 || m.Busy() {
		t.Errorf("after a , that moved nothing: line 4 on %s, depth %d", got.Short(), m.Depth())
	}
}

// esc during a re-blame stops it and keeps the blame shown.
func TestCancelReblameKeepsTheBlame(t *testing.T) {
	m, c := history(t)
	cmd, _ := m.Reblame("f.go", 2)
	m.Cancel()
	m, _ = drive.Run(m, update, cmd)
	if got, _ := m.CommitAt("f.go", 2); got != c[1] || m.Busy() || m.Depth() != 0 {
		t.Errorf("after a cancelled ,: line 2 on %s, busy %v", got.Short(), m.Busy())
	}
}
