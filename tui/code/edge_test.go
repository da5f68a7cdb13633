package code

import (
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/tui/tuitest"
)

// rowWith returns the first screen row containing want, or "".
func rowWith(s, want string) string {
	for _, row := range strings.Split(s, "\n") {
		if strings.Contains(row, want) {
			return row
		}
	}
	return ""
}

// Code hidden past the right edge behind a run of spaces (a line far under
// LongLine) must be announced on the row, and scrolled-off code on the left
// likewise.
func TestRowsSayTheyGoOnPastEitherEdge(t *testing.T) {
	hidden := "ok := check()" + strings.Repeat(" ", 120) + "exfiltrate()"
	_, r, pin := fixture(t, repotest.Tree{"h.go": {Content: "short\n" + hidden + "\n"}})
	m := opened(t, r, pin, "h.go", 0)
	s := screen(m)
	row := rowWith(s, "ok := check()")
	if !strings.HasSuffix(row, RightEdge) {
		t.Fatalf("row hiding code past the right edge does not end in %q:\n%s", RightEdge, s)
	}
	if short := rowWith(s, "short"); strings.Contains(short, RightEdge) || strings.Contains(short, LeftEdge) {
		t.Errorf("short row has an edge marker: %q", short)
	}
	m = tuitest.Run(t, m, tuitest.Key("j"), tuitest.Key("$"))
	s = screen(m)
	row = rowWith(s, "exfiltrate()")
	if row == "" {
		t.Fatalf("$ did not bring the hidden code into view:\n%s", s)
	}
	if body := row[m.gutterWidth():]; !strings.HasPrefix(body, LeftEdge) || strings.HasSuffix(row, RightEdge) {
		t.Errorf("scrolled row %q: want %q first and no %q last", row, LeftEdge, RightEdge)
	}
	if short := rowWith(s, "  1 "); !strings.HasPrefix(short[m.gutterWidth():], LeftEdge) {
		t.Errorf("short line with its text scrolled off to the left has no %q: %q", LeftEdge, short)
	}
}

func TestWrappedLineCutAtMaxRowsSaysHowToSeeTheRest(t *testing.T) {
	mid := strings.Repeat("y", 1000) + "\n" // under LongLine, over maxWrapRows rows
	long := strings.Repeat("x", 2*LongLine) + "\n"
	_, r, pin := fixture(t, repotest.Tree{"w.txt": {Content: mid + long}})
	m := opened(t, r, pin, "w.txt", 0)
	m.SetSize(80, 30)
	m = tuitest.Run(t, m, tuitest.Key("w"))
	s := screen(m)
	var ys []string
	for _, row := range strings.Split(s, "\n") {
		if strings.Contains(row, "yyyy") {
			ys = append(ys, row)
		}
	}
	if len(ys) != maxWrapRows || !strings.HasSuffix(ys[len(ys)-1], RightEdge) {
		t.Fatalf("cut wrapped line: %d rows, last should end in %q:\n%s", len(ys), RightEdge, s)
	}
	for _, row := range ys[:len(ys)-1] {
		if strings.HasSuffix(row, RightEdge) {
			t.Errorf("continued wrap row has an edge marker: %q", row)
		}
	}
	if !strings.Contains(s, "w: unwrap, then l/h or $") || strings.Contains(s, "scroll with l/h") {
		t.Errorf("wrapped long line's note does not say w unwraps first:\n%s", s)
	}
}
