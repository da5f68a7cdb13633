package compare

import (
	"strings"
	"testing"

	"sightline/tui/internal/drive"
	"sightline/tui/nav"
)

// Issue 12.3: enter on a binary file's diff said nothing. Since 12.4 it
// opens the hex diff, which says what it compared.
func TestEnterOnBinaryDiffSaysWhy(t *testing.T) {
	m := loaded(t)
	keep := []any{nav.OpenFileMsg{}}
	m, _ = drive.Keys(m, update, keep, "j", "enter")
	if !strings.Contains(m.View(), "binary file: contents differ") {
		t.Fatalf("bin.dat's diff not shown:\n%s", m.View())
	}
	m, out := drive.Keys(m, update, keep, "enter")
	if len(out) != 0 {
		t.Fatalf("enter on a binary diff sent %v", out)
	}
	if v := m.View(); !strings.Contains(v, "hex diff of bin.dat (binary), base → pin") || !strings.Contains(v, "range 1/1: 0x1–0x1 (1 bytes)") {
		t.Fatalf("enter on a binary diff says nothing:\n%s", v)
	}
	m, _ = drive.Keys(m, update, keep, "esc")
	if v := m.View(); !strings.Contains(v, "binary file: contents differ") {
		t.Fatalf("esc did not go back from the hex diff to the diff:\n%s", v)
	}
	m, _ = drive.Keys(m, update, keep, "e")
	if v := m.View(); !strings.Contains(v, "no hunks in this file") {
		t.Fatalf("e on a binary diff says nothing:\n%s", v)
	}
}

// Issue 12.3: the cursor lands on the first hunk header, where enter did
// nothing; it opens the file at the hunk's first new-side line.
func TestEnterOnHunkHeaderOpensAtHunk(t *testing.T) {
	m := loaded(t)
	keep := []any{nav.OpenFileMsg{}}
	m, _ = drive.Keys(m, update, keep, "enter")
	if i, _ := m.Diff().Hunk(); i != 0 {
		t.Fatalf("cursor not in hunk 1: %s", m.Diff().Indicator())
	}
	_, out := drive.Keys(m, update, keep, "enter")
	if len(out) != 1 || out[0] != (nav.OpenFileMsg{Path: "a.go", Line: 2}) {
		t.Fatalf("enter on the hunk header sent %v, want a.go:2", out)
	}
}
