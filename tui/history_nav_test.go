package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/nav"
	"sightline/tui/tuitest"
)

// blameFixture is three commits: Makefile and src/u.c made; both edited,
// line 15 of src/u.c becoming "evil();"; three lines put on top of
// src/u.c (so that line is 18 at the pin) and Makefile edited again.
func blameFixture(t *testing.T) (*repotest.Repo, *repo.Repo) {
	t.Helper()
	rt := repotest.New(t)
	body := func(top int, evil bool) string {
		var b strings.Builder
		for i := 0; i < top; i++ {
			fmt.Fprintf(&b, "// header %d\n", i)
		}
		for i := 1; i <= 30; i++ {
			if i == 15 && evil {
				b.WriteString("evil();\n")
				continue
			}
			fmt.Fprintf(&b, "line %d;\n", i)
		}
		return b.String()
	}
	c1 := rt.Commit("import", repotest.Tree{"Makefile": {Content: "all:\n"}, "src/u.c": {Content: body(0, false)}})
	c2 := rt.Commit("tidy build", rt.Edit(c1, repotest.Tree{"Makefile": {Content: "all: u\n"}, "src/u.c": {Content: body(0, true)}}))
	rt.Commit("headers", rt.Edit(c2, repotest.Tree{"Makefile": {Content: "all: u\n\t@true\n"}, "src/u.c": {Content: body(3, true)}}))
	r := pintest.Open(t, rt.Dir)
	return rt, r
}

// openAt opens path at line in the Files view, as the finder does.
func openAt(t *testing.T, m tea.Model, path string, line int) tea.Model {
	t.Helper()
	m = tuitest.RunModel(t, m, nav.OpenFileMsg{Path: path, Line: line})
	if s := screen(m); !strings.Contains(s, fmt.Sprintf("%s │ %d/", path, line)) {
		t.Fatalf("%s did not open at line %d:\n%s", path, line, s)
	}
	return m
}

// cursorRow returns the screen line holding the diff's cursor mark.
func cursorRow(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if _, right, ok := strings.Cut(l, "│▌"); ok {
			return right
		}
	}
	return ""
}

func TestBlameEnterOpensTheBlamedFileAtItsLine(t *testing.T) {
	rt, r := blameFixture(t)
	m := openAt(t, startAt(t, r, ""), "src/u.c", 18)
	m = press(t, m, "b", "enter")
	s := screen(m)
	if !strings.Contains(s, "→ tidy buil") || !strings.Contains(s, rt.Commits[1].String()[:8]) {
		t.Fatalf("enter on the blamed line did not open the commit that made it:\n%s", s)
	}
	if !strings.Contains(s, "M src/u.c") || !strings.Contains(s, "file 2/2") {
		t.Errorf("the diff is not at src/u.c (file 2 of Makefile, src/u.c):\n%s", s)
	}
	// Line 18 at the pin was line 15 when "tidy build" made it.
	if c := cursorRow(s); !strings.Contains(c, " 15 ") {
		t.Errorf("cursor row %q is not at the blamed line's original number 15:\n%s", c, s)
	}
}

func TestPathHistoryEnterOpensThatFile(t *testing.T) {
	rt, r := blameFixture(t)
	m := openAt(t, startAt(t, r, ""), "src/u.c", 18)
	m = press(t, m, "L")
	if s := screen(m); !strings.Contains(s, "3 commits touching src/u.c") {
		t.Fatalf("L did not list src/u.c's history:\n%s", s)
	}
	m = press(t, m, "j", "enter") // "tidy build", which changed Makefile too
	s := screen(m)
	if !strings.Contains(s, rt.Commits[1].String()[:8]) || !strings.Contains(s, "M src/u.c") || !strings.Contains(s, "file 2/2") {
		t.Errorf("enter in src/u.c's history did not open the commit at src/u.c:\n%s", s)
	}
}

// filesAt checks that the Files tab is active with path open at line.
func filesAt(t *testing.T, m tea.Model, path string, line int, after string) {
	t.Helper()
	s := screen(m)
	tabs := strings.Split(s, "\n")[0]
	if !strings.Contains(s, fmt.Sprintf("%s │ %d/", path, line)) || strings.Index(tabs, "1 Files") < 0 {
		t.Fatalf("%s did not go back to %s at line %d in Files:\n%s", after, path, line, s)
	}
	if m.(Model).tabs[m.(Model).active].id != nav.ViewFiles {
		t.Fatalf("%s left the %v tab active, want Files:\n%s", after, m.(Model).tabs[m.(Model).active].id, s)
	}
}

func TestEscFromPathHistoryReturnsToTheFile(t *testing.T) {
	_, r := blameFixture(t)
	m := openAt(t, startAt(t, r, ""), "src/u.c", 18)
	m = press(t, m, "L", "j", "enter", "esc", "esc") // the diff, its list, the path history
	if s := screen(m); !strings.Contains(s, "3 commits touching src/u.c") {
		t.Fatalf("esc from the diff did not return to src/u.c's history:\n%s", s)
	}
	m = press(t, m, "esc")
	filesAt(t, m, "src/u.c", 18, "esc on src/u.c's history")
	if s := screen(press(t, m, "3")); !strings.Contains(s, "3 commits reachable from") {
		t.Errorf("after going back, 3 does not list every commit:\n%s", s)
	}
}

func TestEscFromBlamedCommitReturnsToTheFile(t *testing.T) {
	_, r := blameFixture(t)
	m := openAt(t, startAt(t, r, ""), "src/u.c", 18)
	m = press(t, m, "b", "enter", "esc") // one esc (issue 12.9; it took two)
	filesAt(t, m, "src/u.c", 18, "esc from the blamed commit's diff")
	m = press(t, m, "enter", "backspace")
	filesAt(t, m, "src/u.c", 18, "backspace from the blamed commit's diff")
}

func TestEscInChangesLeavesHistoryDiffOpen(t *testing.T) {
	_, r := blameFixture(t)
	m := press(t, startAt(t, r, "HEAD~2"), "3", "enter")
	m = press(t, m, "2", "esc", "3") // esc on the Changes list: nothing to go back to
	if s := screen(m); !strings.Contains(s, "hunk 1/1 · file 1/2") {
		t.Errorf("esc in Changes closed the History tab's diff:\n%s", s)
	}
}

func TestHistoryHelpListsMessageScroll(t *testing.T) {
	_, r := blameFixture(t)
	s := screen(press(t, startAt(t, r, ""), "3", "?"))
	if !strings.Contains(s, "scroll the message down") {
		t.Errorf("help in History does not list J:\n%s", s)
	}
}
