package code

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/repotest"
	"sightline/tui/nav"
	"sightline/tui/tuitest"
)

// keysCmd presses keys and returns the last one's Cmd.
func keysCmd(t *testing.T, m Model, keys ...string) (Model, tea.Cmd) {
	t.Helper()
	var cmd tea.Cmd
	for _, k := range keys {
		m, cmd = m.Update(tuitest.Key(k))
	}
	return m, cmd
}

// TestNoSymbolsSaysWhyInsteadOfAsking: in a view of bytes that are not
// the pin's (SetNoSymbols), gd, ctrl+], gr and o send no request to the
// root but the reason, named after the key pressed, for its message
// line; on a line with no word too, where the reason comes first. Other
// keys and the view are unchanged.
func TestNoSymbolsSaysWhyInsteadOfAsking(t *testing.T) {
	_, r, pin := fixture(t, repotest.Tree{"v.c": {Content: cursorFile}})
	for _, tc := range []struct {
		keys []string
		line int
	}{
		{[]string{"g", "d"}, 1}, {[]string{"ctrl+]"}, 1}, {[]string{"g", "r"}, 1}, {[]string{"o"}, 1},
		{[]string{"g", "d"}, 2}, // "{": no word, still the reason
	} {
		name := strings.Join(tc.keys, "")
		m := opened(t, r, pin, "v.c", tc.line)
		m.SetNoSymbols("does not look up here: not the pin")
		before := screen(m)
		m, cmd := keysCmd(t, m, tc.keys...)
		if cmd == nil {
			t.Fatalf("%s on line %d: no Cmd, nothing said", name, tc.line)
		}
		msg, ok := cmd().(nav.InfoMsg)
		if !ok || msg.Text != name+" does not look up here: not the pin" {
			t.Errorf("%s on line %d sent %#v, want the reason", name, tc.line, cmd())
		}
		if after := screen(m); after != before {
			t.Errorf("%s on line %d changed the view:\n%s", name, tc.line, after)
		}
		// The g of gd is spent: a j after it moves, not "gj".
		if m, _ = keysCmd(t, m, "j"); m.Line() != tc.line+1 {
			t.Errorf("%s then j: line %d, want %d", name, m.Line(), tc.line+1)
		}
	}
}

// In the hex view, which has no word cursor, gd, ctrl+] and gr look
// nothing up, even where the bytes spell a name, and say how to see the
// file as text; the view does not move.
func TestHexViewSaysWhyGdAndGrLookNothingUp(t *testing.T) {
	m := hexOpened(t, binaryBlob(4096, map[int]string{0: "secret_fn(", 100: "other"}))
	for _, ks := range [][]string{{"g", "d"}, {"ctrl+]"}, {"g", "r"}} {
		before := screen(m)
		m2, cmd := keysCmd(t, m, ks...)
		if cmd != nil {
			t.Errorf("%v in the hex view sent %#v", ks, cmd())
		}
		what := "gd"
		if ks[0] == "g" && ks[1] == "r" {
			what = "gr"
		}
		want := what + " looks up a word of text, and this view shows the file's bytes: x shows it as text"
		if m2.hunt.note != want {
			t.Errorf("%v in the hex view said %q, want %q", ks, m2.hunt.note, want)
		}
		if !strings.Contains(screen(m2), want) {
			t.Errorf("%v: the reason is not on screen:\n%s", ks, screen(m2))
		}
		if m2.hx.row != m.hx.row || strings.Count(before, "00000000") != strings.Count(screen(m2), "00000000") {
			t.Errorf("%v moved the hex view", ks)
		}
	}
}
