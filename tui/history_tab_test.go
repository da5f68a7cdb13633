package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/keys"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// historyFixture is three commits: a.go made, a.go edited at line 5, b.go
// added.
func historyFixture(t *testing.T) (*repotest.Repo, *repo.Repo) {
	t.Helper()
	rt := repotest.New(t)
	body := func(five string) string {
		var b strings.Builder
		for i := 1; i <= 10; i++ {
			if i == 5 {
				b.WriteString(five + "\n")
				continue
			}
			fmt.Fprintf(&b, "line %d\n", i)
		}
		return b.String()
	}
	c1 := rt.Commit("make a", repotest.Tree{"a.go": {Content: body("line 5")}})
	c2 := rt.Commit("edit a", rt.Edit(c1, repotest.Tree{"a.go": {Content: body("five")}}))
	rt.Commit("add b", rt.Edit(c2, repotest.Tree{"b.go": {Content: "package b\n"}}))
	r := pintest.Open(t, rt.Dir)
	return rt, r
}

func startAt(t *testing.T, r *repo.Repo, base string) tea.Model {
	t.Helper()
	pin := pintest.Resolve(t, r, "HEAD")
	d := Deps{Repo: r, Pin: pin, Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal()}
	if base != "" {
		d.Base = pintest.Resolve(t, r, base)
	}
	m := New(d)
	return tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 120, Height: 30})...)
}

func TestTabsWithAndWithoutBase(t *testing.T) {
	_, r := historyFixture(t)
	if tabs := strings.Split(screen(startAt(t, r, "")), "\n")[0]; !strings.Contains(tabs, "3 History") || strings.Contains(tabs, "2 Changes") {
		t.Errorf("without --base the tab line is %q", tabs)
	}
	if tabs := strings.Split(screen(startAt(t, r, "HEAD~2")), "\n")[0]; !strings.Contains(tabs, "1 Files  2 Changes  3 History") {
		t.Errorf("with --base the tab line is %q", tabs)
	}
}

func TestDiffLineOpensFileAndBackspaceReturns(t *testing.T) {
	_, r := historyFixture(t)
	m := press(t, startAt(t, r, "HEAD~2"), "2")
	if s := screen(m); !strings.Contains(s, "2 files changed, +2 -1") {
		t.Fatalf("Changes tab:\n%s", s)
	}
	m = press(t, m, "enter", "]", "c", "j", "enter")
	s := screen(m)
	if !strings.Contains(s, "a.go │ 5/10") {
		t.Fatalf("enter on +five did not open a.go at line 5:\n%s", s)
	}
	m = press(t, m, "backspace")
	if s := screen(m); !strings.Contains(s, "hunk 1/1 · file 1/2") || !strings.Contains(s, "+five") {
		t.Fatalf("backspace did not return to the diff:\n%s", s)
	}
}

func TestPathHistoryFromFiles(t *testing.T) {
	rt, r := historyFixture(t)
	m := press(t, startAt(t, r, ""), "L") // the tree's cursor is on a.go
	s := screen(m)
	if !strings.Contains(s, "2 commits touching a.go") || !strings.Contains(s, "edit a") || strings.Contains(s, "add b") {
		t.Fatalf("L did not list a.go's history:\n%s", s)
	}
	if !strings.Contains(s, rt.Commits[1].String()[:8]) {
		t.Errorf("history lacks the editing commit:\n%s", s)
	}
}

func TestSetBaseFromHistoryAddsChanges(t *testing.T) {
	_, r := historyFixture(t)
	m := press(t, startAt(t, r, ""), "3", "j", "j", "B")
	s := screen(m)
	if !strings.Contains(strings.Split(s, "\n")[0], "2 Changes") || !strings.Contains(s, "2 files changed, +2 -1") {
		t.Fatalf("B on the first commit did not open Changes against it:\n%s", s)
	}
}
