package history

import (
	"testing"

	"sightline/repo"

	"sightline/tui/internal/drive"
	"sightline/tui/tuitest"
)

// A commit a blame enter asked for (ShowCommit) is read in a Cmd; if the
// reviewer opens another commit's diff, or closes the view, before it is
// read, its late answer must not replace what they chose.
func TestLateShowCommitDoesNotReplaceTheReviewersChoice(t *testing.T) {
	m, rt := newView(t)
	late := tuitest.Exec(t, m.ShowCommit(repo.Hash(rt.Commits[1]), "a.go", 1))
	m, _ = drive.Keys(m, update, nil, "G", "enter") // the root commit's diff
	m = tuitest.Run(t, m, late...)
	if h, open := m.ShowingDiff(); !open || h != repo.Hash(rt.Commits[0]) {
		t.Fatalf("the diff shown is of %s (open %v); the reviewer opened %s", h.Short(), open, repo.Hash(rt.Commits[0]).Short())
	}

	m, rt = newView(t)
	late = tuitest.Exec(t, m.ShowCommit(repo.Hash(rt.Commits[1]), "a.go", 1))
	m, _ = drive.Keys(m, update, nil, "enter", "esc") // opened and closed
	m = tuitest.Run(t, m, late...)
	if h, open := m.ShowingDiff(); open {
		t.Fatalf("a late commit answer reopened a diff (of %s) the reviewer had closed", h.Short())
	}
}
