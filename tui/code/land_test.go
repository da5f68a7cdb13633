package code

import (
	"fmt"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/tui/tuitest"
)

// OpenAt lands the column cursor on a byte column from 1, as the symbol
// index gives a definition's: through a tab and a bidi override (drawn
// wider than their bytes) to the word, at the last character when past
// the line's end, and at once in a file already open. Column gives the
// same form back.
func TestOpenAtLandsOnTheByteColumn(t *testing.T) {
	_, r, pin := fixture(t, repotest.Tree{"v.c": {Content: cursorFile}, "w.c": {Content: "int other;\n"},
		"z.c": {Content: "/* 日本語 */ wide_fn(1);\n"}})
	m := opened(t, r, pin, "w.c", 1)
	col := strings.Index(cursorFile[strings.Index(cursorFile, "\t"):], "path_ok") + 1 // line 3's byte column
	m = tuitest.Run(t, m, tuitest.Exec(t, m.OpenAt("v.c", 3, col))...)
	if m.Line() != 3 || m.WordAtCursor() != "path_ok" || m.Column() != col {
		t.Fatalf("OpenAt v.c:3:%d: line %d word %q column %d", col, m.Line(), m.WordAtCursor(), m.Column())
	}
	// Already open: at once, no load.
	if cmd := m.OpenAt("v.c", 1, 5); m.WordAtCursor() != "crypto_verify_file" {
		t.Errorf("OpenAt in the open file: %q, want crypto_verify_file", m.WordAtCursor())
	} else {
		m = tuitest.Run(t, m, tuitest.Exec(t, cmd)...)
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, m.OpenAt("v.c", 4, 99))...)
	if m.cursorByte() != 1 || m.Column() != 2 {
		t.Errorf("a column past the end of \"x;\": byte %d column %d, want the last character (1, 2)", m.cursorByte(), m.Column())
	}
	// Wide characters (two columns, three bytes each) before the name.
	wide := "/* 日本語 */ wide_fn(1);\n"
	m = tuitest.Run(t, m, tuitest.Exec(t, m.OpenAt("z.c", 1, strings.Index(wide, "wide_fn")+1))...)
	if m.WordAtCursor() != "wide_fn" {
		t.Errorf("past wide characters: %q, want wide_fn", m.WordAtCursor())
	}
	// Col 0 is the first non-blank, as before.
	m = tuitest.Run(t, m, tuitest.Exec(t, m.OpenAt("v.c", 3, 0))...)
	if m.WordAtCursor() != "check" {
		t.Errorf("OpenAt with no column: %q, want check", m.WordAtCursor())
	}
}

// On a line over LongLine (a byte a column) the landing is still on the
// name, and the view scrolls to show it.
func TestOpenAtOnALongLine(t *testing.T) {
	long := strings.Repeat("x", LongLine+1000) + " target_fn(1);\n"
	_, r, pin := fixture(t, repotest.Tree{"l.c": {Content: long}})
	m := opened(t, r, pin, "l.c", 0)
	col := strings.Index(long, "target_fn") + 1
	m = tuitest.Run(t, m, tuitest.Exec(t, m.OpenAt("l.c", 1, col))...)
	if m.WordAtCursor() != "target_fn" || m.Column() != col || !strings.Contains(screen(m), "target_fn(1);") {
		t.Errorf("long line: word %q column %d, want target_fn at %d\n%s", m.WordAtCursor(), m.Column(), col, screen(m))
	}
}

// A line outside the loaded window of a large file: the window is loaded
// and the cursor lands on the column there.
func TestOpenAtPastTheWindow(t *testing.T) {
	content, n := pagedFile()
	m := pagedView(t, content)
	line := n - 5
	for (line % 97) < 20 {
		line--
	}
	col := len(fmt.Sprintf("L%d ", line)) + 10
	m = tuitest.Run(t, m, tuitest.Exec(t, m.OpenAt("gen/big.txt", line, col))...)
	if m.Line() != line || m.Column() != col || m.Doc().Base == 0 {
		t.Errorf("OpenAt line %d col %d of a paged file: line %d column %d (window base %d)", line, col, m.Line(), m.Column(), m.Doc().Base)
	}
}
