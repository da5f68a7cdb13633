package tui

import (
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// A Trojan Source line added in the Changes tab's diff is flagged ! in the
// diff gutter and counted in the status bar, as in the code view.
func TestChangesStatusCountsHostileCharactersOfTheDiff(t *testing.T) {
	rt := repotest.New(t)
	first := rt.Commit("one", repotest.Tree{"a.go": {Content: "package a\n\nvar x = 1\n"}})
	rt.Commit("two", repotest.Tree{"a.go": {Content: "package a\n\nvar x = 1 /* \u202e } \u2066 */\n"}})
	r, pin := pintest.Head(t, rt)
	base := pintest.Resolve(t, r, first.String())
	m, _ := reviewModel(t, r, pin, base)
	m = press(t, m, "2", "enter")
	s := screen(m)
	if !strings.Contains(s, "  3!+var x = 1 /* <U+202E>") {
		t.Errorf("hostile added line is not flagged ! in the diff gutter:\n%s", s)
	}
	if !strings.Contains(s, "⚠ 2 hostile characters") {
		t.Errorf("status does not count the diff's hostile characters:\n%s", s)
	}
}

// The Changes tab's help lists the diff's ! key.
func TestChangesHelpListsNextHostile(t *testing.T) {
	rt := repotest.New(t)
	first := rt.Commit("one", repotest.Tree{"a.go": {Content: "package a\n"}})
	rt.Commit("two", repotest.Tree{"a.go": {Content: "package a // two\n"}})
	r, pin := pintest.Head(t, rt)
	base := pintest.Resolve(t, r, first.String())
	m, _ := reviewModel(t, r, pin, base)
	m = press(t, m, "2", "?")
	if s := screen(m); !strings.Contains(s, "next hostile character") {
		t.Errorf("Changes help lacks ! (next hostile character):\n%s", s)
	}
}
