package compare

import (
	"strings"
	"testing"

	"sightline/tui/internal/drive"
	"sightline/tui/nav"
)

// Issue 12.15: the header's count and the status line's "changed r/n"
// differ by the deleted files; the header says so.
func TestSummaryNamesTheDeletedFiles(t *testing.T) {
	m := loaded(t)
	if v := m.View(); !strings.Contains(v, "6 files changed, +3 -5 (1 binary, 1 deleted)") {
		t.Fatalf("header does not account for the deleted file:\n%s", v)
	}
}

// Issue 12.15: a base named by its hash (B in History) is not followed
// by the same hash again.
func TestBaseNamedByHashIsNotRepeated(t *testing.T) {
	r, base, head := pair(t)
	m := New(r, asciiStyles())
	m.SetSize(140, 30)
	m, _ = drive.Run(m, update, m.Compare(base, head, base.Short(), "v2"))
	v := m.View()
	if strings.Contains(v, base.Short()+" ("+base.Short()+")") || !strings.Contains(v, base.Short()+" → v2 ("+head.Short()+")") {
		t.Fatalf("title repeats the base hash, or lost it:\n%s", v)
	}
}

// Issue 12.15: ]c and [c at either end name the end they hit.
func TestHunkWalkEndsSayLastAndFirstHunk(t *testing.T) {
	m := loaded(t)
	keep := []any{nav.OpenFileMsg{}}
	m, _ = drive.Keys(m, update, keep, "enter", "[c")
	if v := m.View(); !strings.Contains(v, "first hunk") {
		t.Errorf("[c before the first hunk:\n%s", v)
	}
	m, _ = drive.Keys(m, update, keep, "]c", "]c", "]c", "]c", "]c")
	if v := m.View(); !strings.Contains(v, "last hunk") {
		t.Errorf("]c after the last hunk:\n%s", v)
	}
}
