package code

import (
	"fmt"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/tui/tuitest"
)

// motionFile is 100 lines; "count" stands alone on lines 10, 50 (twice)
// and 70, and inside longer words on lines 40 and 70.
func motionFile() string {
	var b strings.Builder
	for i := 1; i <= 100; i++ {
		switch i {
		case 10:
			b.WriteString("\tcount := total + 1\n")
		case 40:
			b.WriteString("x := count2\n")
		case 50:
			b.WriteString("count = 0 // count\n")
		case 70:
			b.WriteString("recount(count)\n")
		default:
			fmt.Fprintf(&b, "line %d\n", i)
		}
	}
	return b.String()
}

func press(t *testing.T, m Model, names ...string) Model {
	t.Helper()
	for _, n := range names {
		m = tuitest.Run(t, m, tuitest.Key(n))
	}
	return m
}

// firstRow is the line number drawn on the view's first row.
func firstRow(m Model) string { return strings.Fields(strings.Split(screen(m), "\n")[0])[0] }

// space and ctrl+b page as less does; ctrl+e and ctrl+y move the text a
// line and the cursor only when it would leave the screen.
func TestPageAndLineScrollKeys(t *testing.T) {
	_, r, pin := fixture(t, repotest.Tree{"m.go": {Content: motionFile()}})
	m := opened(t, r, pin, "m.go", 0)
	if m = press(t, m, " "); m.Line() != 20 {
		t.Errorf("space: line %d, want 20 (a page of 20 rows keeps one)", m.Line())
	}
	if m = press(t, m, "ctrl+b"); m.Line() != 1 {
		t.Errorf("ctrl+b: line %d, want 1", m.Line())
	}
	m = press(t, m, "ctrl+e")
	if m.Line() != 2 || firstRow(m) != "2" {
		t.Errorf("ctrl+e at the top: cursor %d, first row %s; want the text up a line and the cursor dragged to 2", m.Line(), firstRow(m))
	}
	m = press(t, m, "j", "j", "j", "j", "j", "ctrl+e", "ctrl+e")
	if m.Line() != 7 || firstRow(m) != "4" {
		t.Errorf("ctrl+e with the cursor on screen: cursor %d, first row %s; want 7 and 4", m.Line(), firstRow(m))
	}
	m = press(t, m, "ctrl+y", "ctrl+y", "ctrl+y", "ctrl+y")
	if m.Line() != 7 || firstRow(m) != "1" {
		t.Errorf("ctrl+y to the top: cursor %d, first row %s; want 7 and 1", m.Line(), firstRow(m))
	}
	m = press(t, m, "G", "ctrl+y")
	if m.Line() != 99 || firstRow(m) != "80" {
		t.Errorf("ctrl+y at the bottom: cursor %d, first row %s; want the cursor dragged to 99, first row 80", m.Line(), firstRow(m))
	}
	if m = press(t, m, "ctrl+e", "ctrl+e"); firstRow(m) != "81" {
		t.Errorf("ctrl+e scrolled past the last screenful: first row %s", firstRow(m))
	}
}

// * searches the cursor line's word as a whole word and goes to its next
// occurrence; n and N go on, wrapping.
func TestStarSearchesTheWordUnderTheCursor(t *testing.T) {
	_, r, pin := fixture(t, repotest.Tree{"m.go": {Content: motionFile()}})
	m := opened(t, r, pin, "m.go", 10)
	m = press(t, m, "*")
	if m.Line() != 50 || !strings.Contains(m.SearchStatus(), `/\bcount\b (regexp): 2/4 matches`) {
		t.Fatalf("* on line 10: line %d, %q; want line 50, match 2 of 4 (count2 and recount are other words)", m.Line(), m.SearchStatus())
	}
	for _, want := range []int{50, 70, 10} {
		if m = press(t, m, "n"); m.Line() != want {
			t.Errorf("n: line %d, want %d", m.Line(), want)
		}
	}
	if m = press(t, m, "N"); m.Line() != 70 {
		t.Errorf("N: line %d, want 70", m.Line())
	}
	m = press(t, m, "g", "g", "*")
	if m.Line() != 2 || !strings.Contains(m.SearchStatus(), `/\bline\b`) {
		t.Errorf("* on line 1 (\"line 1\"): line %d, %q", m.Line(), m.SearchStatus())
	}
}
