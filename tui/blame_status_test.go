package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// messageLine is the screen's last line.
func messageLine(m tea.Model) string {
	lines := strings.Split(screen(m), "\n")
	return lines[len(lines)-1]
}

// Issue 12.8: with blame shown, the status line names the cursor line's
// commit (short hash, author, date, subject), not only the first line of
// a run; , re-blames from the parent of that commit and < undoes it; at
// a root commit, and at lines a commit added, , says why it cannot.
func TestBlameStatusLineAndReblame(t *testing.T) {
	rt, r := blameFixture(t)
	c1, c2, c3 := rt.Commits[0].String()[:8], rt.Commits[1].String()[:8], rt.Commits[2].String()[:8]
	m := openAt(t, startAt(t, r, ""), "src/u.c", 1)
	m = press(t, m, "b")
	if s := statusLine(m); !strings.Contains(s, c3+" Test Author 2024-") || !strings.Contains(s, "headers") {
		t.Fatalf("line 1 (headers): status line %q", s)
	}
	m = press(t, m, "j", "j", "j") // line 4, a continuation row of c1's run
	if s := statusLine(m); !strings.Contains(s, c1+" Test Author") || !strings.Contains(s, "import") {
		t.Fatalf("line 4 (import): status line %q", s)
	}
	m = typeText(t, m, "/evil")
	m = press(t, m, "enter")
	if s := statusLine(m); !strings.Contains(s, "18/33") || !strings.Contains(s, c2+" Test Author") || !strings.Contains(s, "tidy build") {
		t.Fatalf("/evil in the blame view: status line %q", s)
	}
	m = press(t, m, ",")
	if s := statusLine(m); !strings.Contains(s, "18/33") || !strings.Contains(s, c1+" Test Author") || !strings.Contains(s, "(,×1) ") {
		t.Fatalf("after , on line 18: status line %q", s)
	}
	m = press(t, m, "<")
	if s := statusLine(m); !strings.Contains(s, c2+" Test Author") || strings.Contains(s, "(,×") {
		t.Fatalf("after <: status line %q", s)
	}
	m = press(t, m, "g", "g", ",")
	if s := messageLine(m); !strings.Contains(s, rt.Commits[2].String()[:12]+" added its lines") {
		t.Errorf(", on a line the headers commit added: message line %q", s)
	}
	m = press(t, m, "j", "j", "j", ",")
	if s := messageLine(m); !strings.Contains(s, rt.Commits[0].String()[:12]+" is a root commit: it has no parent to blame from") {
		t.Errorf(", on a line of the root commit: message line %q", s)
	}
	if s := statusLine(m); !strings.Contains(s, c1) {
		t.Errorf("after , at the root: status line %q", s)
	}
}

// Issue 12.8: / in the blame view finds the code and also the lines of a
// commit, by hash prefix or subject; without blame, the hash is not text.
func TestSlashInBlameFindsACommitsLines(t *testing.T) {
	rt, r := blameFixture(t)
	c2 := rt.Commits[1].String()[:10]
	m := openAt(t, startAt(t, r, ""), "src/u.c", 1)
	m = typeText(t, m, "/"+c2)
	m = press(t, m, "enter")
	if s := statusLine(m); !strings.Contains(s, "no match") {
		t.Fatalf("/hash without blame: status line %q", s)
	}
	m = press(t, m, "esc", "b")
	m = typeText(t, m, "/"+c2)
	m = press(t, m, "enter")
	if s := statusLine(m); !strings.Contains(s, "18/33") || !strings.Contains(s, "/"+c2+": 1/1") {
		t.Fatalf("/hash in the blame view: status line %q", s)
	}
	m = press(t, m, "g", "g")
	m = typeText(t, m, "/headers")
	m = press(t, m, "enter", "n")
	if s := statusLine(m); !strings.Contains(s, "2/33") || !strings.Contains(s, "/headers: 2/3") {
		t.Fatalf("/headers then n in the blame view: status line %q", s)
	}
}

// At 100 columns the status line has no room left for the blamed line's
// commit after the path and counts; the message line then shows it whole.
func TestBlamedCommitOnTheMessageLineWhenNarrow(t *testing.T) {
	rt, r := blameFixture(t)
	m := openAt(t, startAt(t, r, ""), "src/u.c", 1)
	m = press(t, m, "b")
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m = next.(Model)
	if s := messageLine(m); !strings.Contains(s, rt.Commits[2].String()[:8]+" Test Author 2024-") || !strings.Contains(s, "headers") {
		t.Errorf("message line at 100 columns %q: want the cursor line's commit", s)
	}
	m = press(t, m, "b") // blame off: nothing is left there
	if s := messageLine(m); strings.Contains(s, "Test Author") {
		t.Errorf("message line after b hid the blame: %q", s)
	}
}
