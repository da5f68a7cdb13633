package code

import (
	"io"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"sightline/repo/repotest"
	"sightline/tui/nav"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// cursorFile: the first word of the signature is not the function's name;
// a tab and a bidi override sit before a call on line 3; line 4 is short.
const cursorFile = "int crypto_verify_file(const char *path)\n" +
	"{\n" +
	"\t\u202echeck(path_ok);\n" +
	"x;\n" +
	"abcdefghijklmnopqrstuvwxyz\n"

// gdName presses gd and returns the name the code view asks the root to
// look up ("" when it asked nothing).
func gdName(t *testing.T, m Model) (Model, string) {
	t.Helper()
	m, _ = m.Update(tuitest.Key("g"))
	m, cmd := m.Update(tuitest.Key("d"))
	if cmd == nil {
		return m, ""
	}
	if msg, ok := cmd().(nav.SymbolMsg); ok {
		return m, msg.Name
	}
	return m, ""
}

// gd on the second word of a line: W puts the column cursor on the
// function's name, and gd looks that up, not the line's first word.
func TestGdTakesTheWordUnderTheColumnCursor(t *testing.T) {
	_, r, pin := fixture(t, repotest.Tree{"v.c": {Content: cursorFile}})
	m := opened(t, r, pin, "v.c", 1)
	if _, name := gdName(t, m); name != "int" {
		t.Fatalf("gd at the line's start looks up %q, want int", name)
	}
	m = press(t, m, "W")
	m, name := gdName(t, m)
	if name != "crypto_verify_file" {
		t.Fatalf("W then gd looks up %q, want crypto_verify_file", name)
	}
	m = press(t, m, "W", "W", "W")
	if w := m.WordAtCursor(); w != "path" {
		t.Errorf("W×4: the cursor is on %q, want path", w)
	}
	if m = press(t, m, "B"); m.WordAtCursor() != "char" {
		t.Errorf("B: %q, want char", m.WordAtCursor())
	}
	if m = press(t, m, "e", "e"); m.WordAtCursor() != "path" {
		t.Errorf("e e from char: %q, want path", m.WordAtCursor())
	}
	// W past the line's last word goes on to the next line's first (the
	// "{" line has none), as vim's w does; B comes back.
	m = press(t, m, "W")
	if m.Line() != 3 || m.WordAtCursor() != "check" {
		t.Errorf("W past the end: line %d %q, want line 3 check", m.Line(), m.WordAtCursor())
	}
	if m = press(t, m, "B"); m.Line() != 1 || m.WordAtCursor() != "path" {
		t.Errorf("B back: line %d %q, want line 1 path", m.Line(), m.WordAtCursor())
	}
	if m = press(t, m, "0"); m.WordAtCursor() != "int" {
		t.Errorf("0: %q, want int", m.WordAtCursor())
	}
	if m = press(t, m, "$"); m.WordAtCursor() != "" {
		t.Errorf("$ on a line ending in ')': %q, want no word", m.WordAtCursor())
	}
}

// The cursor moves over what is drawn: on line 3 the tab is 4 columns and
// the bidi override its 8-column marker, so "path_ok" is drawn at column
// 18 although it is byte 10. k and j keep the column (clamped on the short
// line 4, as vim does), landing on the letter drawn there.
func TestColumnCursorCountsDisplayColumns(t *testing.T) {
	_, r, pin := fixture(t, repotest.Tree{"v.c": {Content: cursorFile}})
	m := opened(t, r, pin, "v.c", 3)
	m = press(t, m, "W", "W")
	if w := m.WordAtCursor(); w != "path_ok" {
		t.Fatalf("W W on line 3: %q, want path_ok", w)
	}
	if m = press(t, m, "j"); m.Line() != 4 || m.WordAtCursor() != "" {
		t.Errorf("j onto \"x;\": line %d, word %q; want the cursor clamped to ';' (no word)", m.Line(), m.WordAtCursor())
	}
	if m = press(t, m, "j"); m.WordAtCursor() != "abcdefghijklmnopqrstuvwxyz" || m.cursorByte() != 18 {
		t.Errorf("j onto the alphabet: byte %d, want 18 (the column of path_ok, not its byte 10)", m.cursorByte())
	}
	if m = press(t, m, "k", "k"); m.WordAtCursor() != "path_ok" {
		t.Errorf("k k back: %q, want path_ok", m.WordAtCursor())
	}
	m, name := gdName(t, m)
	if name != "path_ok" {
		t.Errorf("gd: %q, want the stored word path_ok", name)
	}
}

var sgr = regexp.MustCompile(`^\x1b\[([0-9;]*)m`)

// reversedText returns the characters of a rendered row drawn in reverse
// video (SGR 7), spaces trimmed.
func reversedText(row string) string {
	var b strings.Builder
	rev := false
	for i := 0; i < len(row); {
		if m := sgr.FindStringSubmatch(row[i:]); m != nil {
			rev = strings.Contains(";"+m[1]+";", ";7;")
			i += len(m[0])
			continue
		}
		r, n := utf8.DecodeRuneInString(row[i:])
		if rev {
			b.WriteRune(r)
		}
		i += n
	}
	return strings.TrimSpace(b.String())
}

// The word under the cursor is drawn in reverse video, in colour and with
// NO_COLOR's attribute-only styles; the rest of the line is not.
func TestCursorWordIsDrawnReversed(t *testing.T) {
	_, r, pin := fixture(t, repotest.Tree{"v.c": {Content: cursorFile}})
	ansiR := lipgloss.NewRenderer(io.Discard)
	ansiR.SetColorProfile(termenv.ANSI)
	for name, st := range map[string]theme.Styles{
		"colour":   theme.NewStyles(theme.Default(), trueColor()),
		"NO_COLOR": theme.NewStyles(theme.NoColorTheme(), ansiR),
	} {
		m := New(r, pin.Tree, st, DefaultKeyMap())
		m.SetSize(80, 10)
		m.Focus()
		m = tuitest.Run(t, m, tuitest.Exec(t, m.Open("v.c", 1))...)
		m = press(t, m, "W")
		v := m.View()
		row := strings.Split(v, "\n")[2] // below the bidi banner
		if got := reversedText(row); got != "crypto_verify_file" {
			t.Errorf("%s: reversed on the cursor row: %q, want the word under the cursor only\n%q", name, got, row)
		}
		if !strings.Contains(stripANSI(v), "int crypto_verify_file(const char *path)") {
			t.Errorf("%s: the line's text changed:\n%s", name, stripANSI(v))
		}
	}
}

// The view scrolls sideways to keep the cursor on screen, and h and l,
// which scroll, keep the cursor in what is shown: after l the word gd
// takes is the first at or right of the left edge, as before the cursor.
func TestColumnCursorScrollsSideways(t *testing.T) {
	long := "a" + strings.Repeat(" ", 100) + "far_call(x);\n"
	_, r, pin := fixture(t, repotest.Tree{"l.c": {Content: long + "short\n"}})
	m := opened(t, r, pin, "l.c", 1)
	m = press(t, m, "W")
	if m.WordAtCursor() != "far_call" || !strings.Contains(screen(m), "far_call(x);") || m.xoff == 0 {
		t.Fatalf("W to a word past the right edge: %q, xoff %d\n%s", m.WordAtCursor(), m.xoff, screen(m))
	}
	m = press(t, m, "0")
	if m.xoff != 0 || m.WordAtCursor() != "a" {
		t.Errorf("0: xoff %d word %q, want 0 and a", m.xoff, m.WordAtCursor())
	}
	m = press(t, m, "l")
	if m.WordAtCursor() != "far_call" {
		t.Errorf("l: the cursor stayed off screen on %q", m.WordAtCursor())
	}
	m = press(t, m, "j")
	if m.xoff != 0 || m.WordAtCursor() != "short" {
		t.Errorf("j onto a short line: xoff %d word %q; want the view back at its start", m.xoff, m.WordAtCursor())
	}
}

// On a line longer than LongLine (drawn a window at a time) the cursor
// still reaches a word past the first screenful, and the view shows it.
func TestColumnCursorOnALongLine(t *testing.T) {
	long := strings.Repeat("x", LongLine+1000) + " target_fn(1);\n"
	_, r, pin := fixture(t, repotest.Tree{"l.c": {Content: long}})
	m := opened(t, r, pin, "l.c", 1)
	m = press(t, m, "W")
	if w := m.WordAtCursor(); w != "target_fn" {
		t.Fatalf("W on a long line: %q, want target_fn", w)
	}
	if s := screen(m); !strings.Contains(s, "target_fn(1);") {
		t.Errorf("the view does not show the cursor's word:\n%s", s)
	}
	if m = press(t, m, "B"); m.cursorByte() != 0 || m.xoff != 0 {
		t.Errorf("B back: byte %d xoff %d, want 0 0", m.cursorByte(), m.xoff)
	}
}

// Back at the line a file was left at (ctrl+o after gd opens it at that
// line again), the cursor is back on its word; at another line it starts
// on the first non-blank.
func TestColumnIsRememberedPerFile(t *testing.T) {
	_, r, pin := fixture(t, repotest.Tree{"v.c": {Content: cursorFile}, "w.c": {Content: "int other;\n"}})
	m := opened(t, r, pin, "v.c", 1)
	m = press(t, m, "W")
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open("w.c", 1))...)
	if w := m.WordAtCursor(); w != "int" {
		t.Fatalf("w.c opened on %q, want int", w)
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open("v.c", 1))...)
	if w := m.WordAtCursor(); w != "crypto_verify_file" {
		t.Errorf("back in v.c at line 1: %q, want crypto_verify_file", w)
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open("w.c", 1))...)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open("v.c", 3))...)
	if w := m.WordAtCursor(); w != "check" {
		t.Errorf("v.c at line 3: %q, want check (the first non-blank)", w)
	}
}
