package diff

import (
	"strings"
	"testing"

	"sightline/tui/internal/drive"
)

// u draws every non-ASCII character of the diff as \u{XXXX}, unified and
// side by side; markers stay markers, tabs still line up, the mode stays
// on for the next file, and u again restores the letters.
func TestEscapeNonASCIIModeInUnifiedAndSideBySide(t *testing.T) {
	m := newPane(t, prepared(t,
		"var a = 1\nx\n",
		"var \u0430 = 1 // caf\u00e9\t\u65e5 \u202e z\nx\n"))
	before := m.View()
	if m.EscapeNonASCII() || !strings.Contains(before, "+var а = 1 // café   日 <U+202E> z") {
		t.Fatalf("default view (mode %v):\n%s", m.EscapeNonASCII(), before)
	}
	m, _ = drive.Keys(m, update, keep, "u")
	if !m.EscapeNonASCII() {
		t.Fatal("u did not turn the mode on")
	}
	v := m.View()
	for _, want := range []string{
		`unified · non-ASCII as \u{…}`, // the header says so
		"  1     -var a = 1",           // ASCII untouched
		`      1!+var \u{0430} = 1 // caf\u{00E9} \u{65E5} <U+202E> z`,
		"  2   2  x",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("unified escape mode lacks %q:\n%s", want, v)
		}
	}
	if strings.ContainsAny(v, "аé日") {
		t.Errorf("a non-ASCII character of the diff is still drawn as itself:\n%s", v)
	}
	m, _ = drive.Keys(m, update, keep, "s")
	v = m.View()
	row := viewRow(v, "var a = 1")
	if !strings.Contains(row, "│  1!+var \\u{0430} = 1 // caf\\u{00E9}") || strings.ContainsAny(v, "аé日") {
		t.Errorf("side by side escape mode: row %q\n%s", row, v)
	}
	m.SetFile(prepared(t, "b\n", "\u0432\n"), AnchorTop) // next file: Cyrillic в
	if v := m.View(); !m.EscapeNonASCII() || !strings.Contains(v, `\u{0432}`) {
		t.Errorf("the mode did not stay on for the next file:\n%s", v)
	}
	m, _ = drive.Keys(m, update, keep, "u")
	if v := m.View(); m.EscapeNonASCII() || !strings.Contains(v, "+в") || strings.Contains(v, `\u{`) || strings.Contains(v, "non-ASCII") {
		t.Errorf("u again did not restore the letters:\n%s", v)
	}
}

// The diff pane's help lists u.
func TestDiffKeyMapListsEscapeNonASCII(t *testing.T) {
	var found bool
	for _, col := range DefaultKeyMap().FullHelp() {
		for _, b := range col {
			if b.Help().Key == "u" && strings.Contains(b.Help().Desc, "escape non-ASCII") {
				found = true
			}
		}
	}
	if !found {
		t.Error("FullHelp lacks u (escape non-ASCII)")
	}
}
