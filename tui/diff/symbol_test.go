package diff

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/tui/nav"
	"sightline/tui/tuitest"
)

// gd and gr in a diff take the cursor line's words, since the pane has
// no column cursor: one word is asked for at once, several are offered
// for the reviewer to pick, in the order the line has them, each once,
// numbers left out, the first that is not a keyword suggested; a hunk row or a line without a word says so.
func TestDiffLookUpTakesTheLinesWords(t *testing.T) {
	old := "int main(void) {\n\treturn 0;\n}\n"
	new := "int main(void) {\n\tif (auth_check(req, req->token) != 0x1f)\n\t\treturn 0;\n\t;\n}\n"
	hunks := repo.DiffLines(repo.SplitLines([]byte(old)), repo.SplitLines([]byte(new)), 3)
	f := Prepare(repo.FileChange{Status: 'M', OldPath: "src/a.c", NewPath: "src/b.c", Added: 2}, hunks, 3, asciiStyles())
	m := New(DefaultKeyMap(), asciiStyles())
	m.SetSize(100, 20)
	m.Focus()
	m.SetFile(f, AnchorTop)
	rowOf := func(text string) int {
		for i, r := range m.rows {
			if strings.Contains(m.rowText(r), text) {
				return i
			}
		}
		t.Fatalf("no row holds %q", text)
		return 0
	}
	ask := func(row int, keys ...string) (nav.SymbolMsg, bool) {
		t.Helper()
		m.cursor = row
		var cmd tea.Cmd
		for _, k := range keys {
			m, cmd = m.Update(tuitest.Key(k))
		}
		if cmd == nil {
			return nav.SymbolMsg{}, false
		}
		msg, ok := cmd().(nav.SymbolMsg)
		if !ok {
			t.Fatalf("%q asked for %T, not a lookup", keys, cmd())
		}
		return msg, true
	}

	msg, ok := ask(rowOf("auth_check"), "g", "d")
	want := []string{"if", "auth_check", "req", "token"}
	if !ok || msg.Name != "" || !slices.Equal(msg.Words, want) || msg.Suggest != 1 || msg.Refs || msg.Path != "src/b.c" || msg.Line != 2 {
		t.Fatalf("gd on the added line: %+v (asked %v); want words %q of src/b.c line 2", msg, ok, want)
	}
	if msg, ok := ask(rowOf("\t\treturn"), "g", "r"); !ok || msg.Name != "return" || msg.Words != nil || !msg.Refs || msg.Line != 3 {
		t.Fatalf("gr on a line of one word: %+v (asked %v); want return itself, line 3", msg, ok)
	}
	if msg, ok := ask(rowOf("return"), "ctrl+]"); !ok || msg.Name != "return" || msg.Refs {
		t.Fatalf("ctrl+] on a line of one word: %+v (asked %v)", msg, ok)
	}
	if _, ok := ask(rowOf("\t;"), "g", "d"); ok || !strings.Contains(m.note, "no word") {
		t.Fatalf("gd on a line without a word asked anyway, or said %q", m.note)
	}
	m, _ = m.Update(tuitest.Key("s")) // side by side: both halves' words
	if msg, ok := ask(rowOf("auth_check"), "g", "d"); !ok || !slices.Equal(msg.Words, []string{"return", "if", "auth_check", "req", "token"}) || msg.Suggest != 2 {
		t.Fatalf("gd on a side-by-side row: %+v (asked %v); want the old half's words, then the new half's", msg, ok)
	}
	if _, ok := ask(0, "g", "r"); ok || !strings.Contains(m.note, "diff line") {
		t.Fatalf("gr on the hunk row asked anyway, or said %q", m.note)
	}
}
