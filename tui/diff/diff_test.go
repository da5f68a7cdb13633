package diff

import (
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"sightline/repo"
	"sightline/tui/internal/drive"
	"sightline/tui/nav"
	"sightline/tui/theme"
)

// asciiStyles draws without colour, so View output is the text a user reads.
func asciiStyles() Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return NewStyles(theme.NewStyles(theme.Default(), r))
}

// numbered returns n lines "line 1\n" … with replacements at given lines.
func numbered(n int, repl map[int]string) []byte {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if s, ok := repl[i]; ok {
			b.WriteString(s)
			continue
		}
		b.WriteString("line " + itoa(i) + "\n")
	}
	return []byte(b.String())
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// twoHunks is a Go file with a changed line near the top and one near the
// bottom, far enough apart to make two hunks.
func twoHunks(t *testing.T) File {
	t.Helper()
	old := numbered(40, map[int]string{5: "x := compute(alpha, 1)\n", 35: "return nil\n"})
	new := numbered(40, map[int]string{5: "x := compute(beta, 1)\n", 35: "return err\n"})
	hunks := repo.DiffLines(repo.SplitLines(old), repo.SplitLines(new), DefaultContext)
	if len(hunks) != 2 {
		t.Fatalf("DiffLines made %d hunks, want 2", len(hunks))
	}
	ch := repo.FileChange{Status: 'M', OldPath: "main.go", NewPath: "main.go", Added: 2, Removed: 2}
	return Prepare(ch, hunks, DefaultContext, asciiStyles())
}

func newPane(t *testing.T, f File) Model {
	m := New(DefaultKeyMap(), asciiStyles())
	m.SetSize(100, 30)
	m.Focus()
	m.SetFile(f, AnchorTop)
	m.SetPosition(0, 3)
	return m
}

func update(m Model, msg tea.Msg) (Model, tea.Cmd) { return m.Update(msg) }

var keep = []any{NavigateMsg{}, nav.OpenFileMsg{}, ContextMsg{}}

func TestWordDiffMarksChangedIdentifier(t *testing.T) {
	a, b := []byte("x := compute(alpha, 1)"), []byte("x := compute(beta, 1)")
	da, db, ok := wordDiff(a, b)
	if !ok || len(da) != 1 || len(db) != 1 {
		t.Fatalf("wordDiff = %v %v %v, want one span each", da, db, ok)
	}
	if got := string(a[da[0].start:da[0].end]); got != "alpha" {
		t.Errorf("old changed word = %q, want alpha", got)
	}
	if got := string(b[db[0].start:db[0].end]); got != "beta" {
		t.Errorf("new changed word = %q, want beta", got)
	}
}

func TestUnifiedViewShowsNumbersSignsAndSeparators(t *testing.T) {
	m := newPane(t, twoHunks(t))
	v := m.View()
	for _, want := range []string{
		"M main.go", "hunk 1/2 · file 1/3", "unified",
		"@@ -2,7 +2,7 @@", "1 unchanged line above",
		"  5     -x := compute(alpha, 1)",
		"      5 +x := compute(beta, 1)",
		"  4   4  line 4",
		"@@ -32,7 +32,7 @@", "23 unchanged lines above",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if strings.ContainsRune(v, '\x1b') {
		t.Errorf("ASCII view holds an escape byte")
	}
}

func TestHunkNavigationCrossesFileEnds(t *testing.T) {
	m := newPane(t, twoHunks(t))
	m, out := drive.Keys(m, update, keep, "]c")
	if len(out) != 0 || !strings.Contains(m.View(), "hunk 1/2") {
		t.Fatalf("first ]c: msgs %v, view:\n%s", out, m.View())
	}
	if got := m.rows[m.cursor]; m.file.Hunks[got.hunk].Lines[got.l].Kind != '-' {
		t.Errorf("]c left the cursor on a %q line, want the first changed line", m.file.Hunks[got.hunk].Lines[got.l].Kind)
	}
	m, _ = drive.Keys(m, update, keep, "]c")
	if !strings.Contains(m.View(), "hunk 2/2") {
		t.Fatalf("second ]c: view:\n%s", m.View())
	}
	m, out = drive.Keys(m, update, keep, "]c")
	if len(out) != 1 || out[0] != (NavigateMsg{Delta: 1, Hunk: true}) {
		t.Fatalf("]c past the last hunk sent %v, want NavigateMsg{+1, hunk}", out)
	}
	m, _ = drive.Keys(m, update, keep, "[c")
	if !strings.Contains(m.View(), "hunk 1/2") {
		t.Fatalf("[c: view:\n%s", m.View())
	}
	_, out = drive.Keys(m, update, keep, "[c")
	if len(out) != 1 || out[0] != (NavigateMsg{Delta: -1, Hunk: true}) {
		t.Fatalf("[c before the first hunk sent %v, want NavigateMsg{-1, hunk}", out)
	}
	_, out = drive.Keys(m, update, keep, "]f", "[f")
	if len(out) != 2 || out[0] != (NavigateMsg{Delta: 1}) || out[1] != (NavigateMsg{Delta: -1}) {
		t.Fatalf("]f [f sent %v", out)
	}
}

func TestSideBySidePairsOldAndNew(t *testing.T) {
	m := newPane(t, twoHunks(t))
	m, _ = drive.Keys(m, update, keep, "]c", "s")
	v := m.View()
	if !strings.Contains(v, "side by side") {
		t.Fatalf("no side-by-side indicator:\n%s", v)
	}
	var row string
	for _, l := range strings.Split(v, "\n") {
		if strings.Contains(l, "compute(alpha") {
			row = l
		}
	}
	if !strings.Contains(row, "│") || !strings.Contains(row, "compute(beta") {
		t.Fatalf("old and new line not side by side: %q\n%s", row, v)
	}
	if i, n := m.Hunk(); i != 0 || n != 2 {
		t.Errorf("toggling moved to hunk %d/%d", i+1, n)
	}
	m, _ = drive.Keys(m, update, keep, "s")
	if strings.Contains(m.View(), "side by side") {
		t.Errorf("s did not toggle back to unified")
	}
}

func TestEnterOpensFileAtNewLine(t *testing.T) {
	m := newPane(t, twoHunks(t))
	m, _ = drive.Keys(m, update, keep, "]c", "]c", "j")
	_, out := drive.Keys(m, update, keep, "enter")
	// Hunk 2's first changed line is the removed line 35; j moves to the
	// added line 35.
	if len(out) != 1 || out[0] != (nav.OpenFileMsg{Path: "main.go", Line: 35}) {
		t.Fatalf("enter sent %v, want OpenFileMsg main.go:35", out)
	}
}

func TestMoreContextAsksForWiderHunks(t *testing.T) {
	m := newPane(t, twoHunks(t))
	m, _ = drive.Keys(m, update, keep, "]c")
	_, out := drive.Keys(m, update, keep, "e")
	want := ContextMsg{Change: m.file.Change, Context: DefaultContext + contextStep, Line: 5}
	if len(out) != 1 || out[0].(ContextMsg).Context != want.Context || out[0].(ContextMsg).Line != want.Line {
		t.Fatalf("e sent %v, want %v", out, want)
	}
}

func TestHostileLineIsShownWithMarkers(t *testing.T) {
	old := []byte("a\n")
	new := []byte("a\nTITLE: \x1b]0;owned\x07 \xff\u202e end\n")
	hunks := repo.DiffLines(repo.SplitLines(old), repo.SplitLines(new), DefaultContext)
	ch := repo.FileChange{Status: 'M', OldPath: "e\x1b[31m.txt", NewPath: "e\x1b[31m.txt", Added: 1}
	m := newPane(t, Prepare(ch, hunks, DefaultContext, asciiStyles()))
	v := m.View()
	for _, want := range []string{`TITLE: ^[]0;owned^G \xFF<U+202E> end`, "M e^[[31m.txt"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if strings.ContainsAny(v, "\x1b\x07\u202e") {
		t.Errorf("raw control reached the view: %q", v)
	}
}

func TestNoteForFilesWithoutHunks(t *testing.T) {
	for _, c := range []struct {
		ch   repo.FileChange
		want string
	}{
		{repo.FileChange{Status: 'M', NewPath: "b.bin", OldPath: "b.bin", Binary: true}, "binary file: contents differ"},
		{repo.FileChange{Status: 'M', NewPath: "x.sh", OldPath: "x.sh", OldMode: 0o100644, NewMode: 0o100755}, "mode changed 100644 → 100755"},
		{repo.FileChange{Status: 'R', OldPath: "a", NewPath: "b", Similarity: 100}, "renamed without changes"},
	} {
		m := newPane(t, Prepare(c.ch, nil, DefaultContext, asciiStyles()))
		if v := m.View(); !strings.Contains(v, c.want) {
			t.Errorf("%v: view lacks %q:\n%s", c.ch, c.want, v)
		}
	}
}

// sgrBefore returns the last escape sequence before the first occurrence
// of word in s.
func sgrBefore(s, word string) string {
	i := strings.Index(s, word)
	if i < 0 {
		return ""
	}
	j := strings.LastIndex(s[:i], "\x1b[")
	if j < 0 {
		return ""
	}
	return s[j:i]
}

func TestChangedWordsGetTheWordBackground(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	r.SetHasDarkBackground(true)
	st := NewStyles(theme.NewStyles(theme.Default(), r))
	old, new := []byte("x := compute(alpha, 1)\n"), []byte("x := compute(beta, 1)\n")
	f := Prepare(repo.FileChange{Status: 'M', NewPath: "m.go", OldPath: "m.go"}, repo.DiffLines(repo.SplitLines(old), repo.SplitLines(new), 3), 3, st)
	added, removed := f.cells[0][1].text, f.cells[0][0].text
	const addedWord, removedWord = "48;2;31;111;59", "48;2;142;47;47" // addedWordBg, removedWordBg (dark)
	if !strings.Contains(sgrBefore(added, "beta"), addedWord) {
		t.Errorf("beta not on the changed-word background: %q", added)
	}
	if strings.Contains(sgrBefore(added, "compute"), addedWord) {
		t.Errorf("unchanged compute on the changed-word background: %q", added)
	}
	if !strings.Contains(sgrBefore(removed, "alpha"), removedWord) {
		t.Errorf("alpha not on the changed-word background: %q", removed)
	}
}
