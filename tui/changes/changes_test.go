package changes

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"sightline/repo"
	"sightline/tui/theme"
)

func asciiStyles() theme.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return theme.NewStyles(theme.Default(), r)
}

func TestRowKeepsFileNameOfLongPath(t *testing.T) {
	c := repo.FileChange{Status: 'M', OldPath: "a/very/long/directory/chain/that/goes/on/handler.go", NewPath: "a/very/long/directory/chain/that/goes/on/handler.go", Added: 3, Removed: 1}
	row := strings.TrimRight(Row(c, 3, 40, false, false, asciiStyles()), " ")
	// Issue 12.5: the middle of the directories gives way, not their start.
	if !strings.HasSuffix(row, "M      +3  -1  a/ve…goes/on/handler.go") {
		t.Errorf("row = %q", row)
	}
}

func TestRowSanitizesAndFlags(t *testing.T) {
	st := asciiStyles()
	c := repo.FileChange{Status: 'R', Similarity: 87, OldPath: "old\x1b[2J.sh", NewPath: "new\u202e.sh", OldMode: 0o100644, NewMode: 0o100755, Added: 1}
	row := Row(c, 3, 100, false, false, st)
	for _, want := range []string{"R87", "old^[[2J.sh → new<U+202E>.sh", "mode 100644→100755"} {
		if !strings.Contains(row, want) {
			t.Errorf("row %q lacks %q", row, want)
		}
	}
	if strings.ContainsAny(row, "\x1b\u202e") {
		t.Errorf("raw control in %q", row)
	}
}

func TestUncountedListShowsNamesOnly(t *testing.T) {
	m := New(DefaultKeyMap(), asciiStyles())
	m.SetSize(60, 6)
	cs := []repo.FileChange{{Status: 'A', NewPath: "x.go"}, {Status: 'D', OldPath: "y.go"}}
	m.SetChanges("base → head", cs, false)
	v := m.View()
	if !strings.Contains(v, "2 files changed (counting lines…)") || !strings.Contains(v, "A         …  x.go") {
		t.Fatalf("uncounted view:\n%s", v)
	}
	cs[0].Added, cs[1].Removed = 4, 2
	m.Select(1)
	m.SetCounted(cs)
	v = m.View()
	if !strings.Contains(v, "2 files changed, +4 -2") || !strings.Contains(v, "D     +0 -2  y.go") || m.Cursor() != 1 {
		t.Fatalf("counted view (cursor %d):\n%s", m.Cursor(), v)
	}
}

func TestReviewedRowsShowACheck(t *testing.T) {
	m := New(DefaultKeyMap(), asciiStyles())
	m.SetSize(44, 6)
	long := "a/very/long/directory/chain/that/goes/on/handler.go"
	cs := []repo.FileChange{
		{Status: 'M', OldPath: "x.go", NewPath: "x.go", Added: 1},
		{Status: 'A', NewPath: "y.go", Added: 2},
		{Status: 'M', OldPath: long, NewPath: long, Added: 3},
		{Status: 'D', OldPath: "gone.go", Removed: 4},
	}
	m.SetChanges("base → head", cs, true)
	// gone.go is deleted at the head: nothing there to have reviewed.
	m.SetReviewed(map[string]bool{"x.go": true, long: true, "gone.go": true})
	lines := strings.Split(m.View(), "\n")
	want := []string{"x.go ✓", "y.go", "/goes/on/handler.go ✓", "gone.go"}
	for i, w := range want {
		got := strings.TrimRight(lines[2+i], " ")
		if !strings.HasSuffix(got, w) || (!strings.HasSuffix(w, "✓") && strings.Contains(got, "✓")) {
			t.Errorf("row %d = %q, want it to end in %q", i, got, w)
		}
	}
	if !strings.Contains(lines[4], "  M     +3 -0  a/ver…at/goes/on/handler.go ✓") {
		t.Errorf("a long reviewed path should lose the middle of its directories: %q", lines[4])
	}
	m.SetReviewed(nil)
	if v := m.View(); strings.Contains(v, "✓") {
		t.Errorf("no reviewed set, yet a ✓:\n%s", v)
	}
}
