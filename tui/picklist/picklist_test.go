package picklist

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"

	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

func testKeys() KeyMap {
	b := func(k string) key.Binding { return key.NewBinding(key.WithKeys(k), key.WithHelp(k, k)) }
	return KeyMap{Up: b("up"), Down: b("down"), PageUp: b("pgup"), PageDown: b("pgdown"), Choose: b("enter"), Close: b("esc"),
		AddStep: b("A"), Focus: b("tab")}
}

// Rows come from the vendor's files: a name or line holding an escape
// sequence is drawn with visible markers, never raw, and enter still
// opens the raw path.
func TestRowsAreSanitizedAndEnterOpensTheRawPlace(t *testing.T) {
	m := New(theme.PlainStyles(), testKeys())
	m.SetSize(80, 10)
	evil := "a\x1b]0;owned\x07.c"
	m.Show("definitions of x\x1b[2J", []Item{{Label: "ok.c:1 function x", Path: "ok.c", Line: 1}, {Label: evil + ":7 function x", Path: evil, Line: 7}})
	view := m.View()
	if strings.ContainsRune(view, '\x1b') || strings.ContainsRune(view, '\x07') {
		t.Fatalf("raw control characters reached the view: %q", view)
	}
	if !strings.Contains(view, "ok.c:1 function x") || !strings.Contains(view, "1/2") {
		t.Fatalf("view:\n%s", view)
	}
	m, _ = m.Update(tuitest.Key("down"))
	_, cmd := m.Update(tuitest.Key("enter"))
	msgs := tuitest.Exec(t, cmd)
	if len(msgs) != 1 || msgs[0] != (ChosenMsg{Path: evil, Line: 7}) {
		t.Fatalf("enter on the second row gave %#v", msgs)
	}
	_, cmd = m.Update(tuitest.Key("esc"))
	if msgs := tuitest.Exec(t, cmd); len(msgs) != 1 || msgs[0] != (ClosedMsg{}) {
		t.Fatalf("esc gave %#v", msgs)
	}
}

// A list of words says what enter does with one and offers no A: a word
// is no place to add as a step. Show afterwards is a list of places again.
func TestWordListHintSaysWhatEnterDoes(t *testing.T) {
	m := New(theme.PlainStyles(), testKeys())
	m.SetSize(80, 10)
	words := []Item{{Label: "auth", Name: "auth"}, {Label: "src", Name: "src"}}
	m.ShowWords("*: which word of line 6?", words, "search")
	view := m.View()
	if !strings.Contains(view, "enter search") || strings.Contains(view, "A A") {
		t.Errorf("word list's hint:\n%s", view)
	}
	m.Show("definitions of auth", []Item{{Label: "a.c:1 function auth", Path: "a.c", Line: 1}})
	if view := m.View(); !strings.Contains(view, "enter enter") || !strings.Contains(view, "A A") {
		t.Errorf("a list of places after a word list:\n%s", view)
	}
}

// A list without a query moves with j and k as every other list does,
// and its hint says so; in ctrl+t's list they are letters of the query.
func TestPlainListMovesWithJAndK(t *testing.T) {
	keys := testKeys()
	keys.ListUp = key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "up"))
	keys.ListDown = key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "down"))
	items := []Item{
		{Label: "a.c (2)", Header: true},
		{Label: "1:1 x", Path: "a.c", Line: 1}, {Label: "5:1 x", Path: "a.c", Line: 5},
		{Label: "b.c (1)", Header: true},
		{Label: "9:1 x", Path: "b.c", Line: 9},
	}
	m := New(theme.PlainStyles(), keys)
	m.SetSize(80, 10)
	m.Show("references to x", items)
	if view := m.View(); !strings.Contains(view, "k/↑ up  j/↓ down") {
		t.Errorf("the list's hint does not name j and k:\n%s", view)
	}
	for _, step := range []struct {
		key  string
		line int
	}{{"j", 5}, {"j", 9}, {"j", 9}, {"k", 5}, {"k", 1}, {"k", 1}} {
		m, _ = m.Update(tuitest.Key(step.key))
		if it, ok := m.Cursor(); !ok || it.Line != step.line {
			t.Fatalf("after %s the cursor is on %+v; want line %d", step.key, it, step.line)
		}
	}
	m.ShowQuery("symbols", items[1:3], []string{"x", "x"})
	m, _ = m.Update(tuitest.Key("j"))
	if m.Query() != "j" {
		t.Errorf("j in ctrl+t's list typed %q into the query; want \"j\"", m.Query())
	}
}
