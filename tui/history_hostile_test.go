package tui

import (
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// A commit's diff in the History tab counts its hostile characters in the
// status bar, as the Changes tab's diff does.
func TestHistoryDiffStatusCountsHostileCharacters(t *testing.T) {
	rt := repotest.New(t)
	first := rt.Commit("one", repotest.Tree{"a.go": {Content: "package a\n\nvar x = 1\n"}})
	rt.Commit("two", repotest.Tree{"a.go": {Content: "package a\n\nvar x = 1 /* \u202e } \u2066 */\n"}})
	r, pin := pintest.Head(t, rt)
	base := pintest.Resolve(t, r, first.String())
	m, _ := reviewModel(t, r, pin, base)
	m = press(t, m, "3", "enter") // History, the newest commit's diff
	s := screen(m)
	if !strings.Contains(s, "  3!+var x = 1 /* <U+202E>") {
		t.Fatalf("the History diff does not show the hostile line:\n%s", s)
	}
	if !strings.Contains(s, "⚠ 2 hostile characters") {
		t.Errorf("History's status does not count the diff's hostile characters:\n%s", s)
	}
}
