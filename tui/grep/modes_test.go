package grep

import (
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/search"
	"sightline/tui/finder"
	"sightline/tui/nav"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

func alt(r rune) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: true} }

func modesModel(t *testing.T) Model {
	t.Helper()
	rt := repotest.New(t)
	rt.Commit("c", repotest.Tree{
		"a.go": {Content: "needle\nNeedle\nNEEDLE"},
		"b.go": {Content: "x := a+b\ny := aab"},
	})
	r, err := repo.Open(rt.Dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	pin, _ := r.Resolve("HEAD")
	m := New(search.New(r, t.TempDir()), pin.Tree, theme.PlainStyles(), DefaultKeyMap())
	m.SetSize(120, 20)
	return tuitest.Run(t, m, tuitest.Exec(t, m.Open())...)
}

// search types q, presses enter and returns the matched lines' text.
func search1(t *testing.T, m Model, q string, keys ...tea.KeyMsg) (Model, []string) {
	t.Helper()
	m.input.SetValue("")
	for _, k := range tuitest.Type(q) {
		m = tuitest.Run(t, m, k)
	}
	for _, k := range keys {
		m = tuitest.Run(t, m, k)
	}
	m = tuitest.Run(t, m, tuitest.Key("enter"))
	var got []string
	for _, r := range m.Results() {
		got = append(got, string(r.Text))
	}
	return m, got
}

func TestSmartCaseLikeSlashAndToggles(t *testing.T) {
	m := modesModel(t)
	m, got := search1(t, m, "needle")
	if want := []string{"needle", "Needle", "NEEDLE"}; !reflect.DeepEqual(got, want) {
		t.Errorf("lower-case query (smart case) matched %q, want %q", got, want)
	}
	m, got = search1(t, m, "Needle")
	if want := []string{"Needle"}; !reflect.DeepEqual(got, want) {
		t.Errorf("query with an upper-case letter matched %q, want %q", got, want)
	}
	// alt+c: match case, re-running the query; then ignore case.
	m = tuitest.Run(t, m, alt('c'))
	if v := tuitest.Screen(m.View()); !strings.Contains(v, "search (Go regexp) [match case]: Needle") {
		t.Errorf("prompt does not say match case:\n%s", v)
	}
	m, got = search1(t, m, "needle")
	if want := []string{"needle"}; !reflect.DeepEqual(got, want) {
		t.Errorf("match case matched %q, want %q", got, want)
	}
	m = tuitest.Run(t, m, alt('c'))
	m, got = search1(t, m, "NEEDLE")
	if len(got) != 3 {
		t.Errorf("ignore case matched %q, want all three", got)
	}
	// alt+r: the text as typed, not a regexp.
	m, got = search1(t, m, "a+b")
	if want := []string{"y := aab"}; !reflect.DeepEqual(got, want) {
		t.Errorf("regexp a+b matched %q, want %q", got, want)
	}
	m = tuitest.Run(t, m, alt('r'))
	if v := tuitest.Screen(m.View()); !strings.Contains(v, "search (text) [ignore case]: a+b") {
		t.Errorf("prompt does not say text:\n%s", v)
	}
	if got := m.Results(); len(got) != 1 || string(got[0].Text) != "x := a+b" {
		t.Errorf("alt+r did not re-run a+b as text: %d results", len(got))
	}
	_, got = search1(t, m, "(unclosed")
	if len(got) != 0 {
		t.Errorf("text (unclosed matched %q", got)
	}
}

func TestInvalidRegexpShowsOnlyTheError(t *testing.T) {
	m := modesModel(t)
	m, _ = search1(t, m, "(unclosed")
	v := tuitest.Screen(m.View())
	if !strings.Contains(v, "not a Go regular expression") || strings.Contains(v, "matches") {
		t.Errorf("want the error alone, no count:\n%s", v)
	}
}

func TestNextHitOpensTheFollowingResult(t *testing.T) {
	m := modesModel(t)
	if msgs := tuitest.Exec(t, m.NextHit()); len(msgs) != 1 || !strings.Contains(msgs[0].(nav.InfoMsg).Text, "no search results") {
		t.Fatalf("NextHit with no search: %v", msgs)
	}
	m, _ = search1(t, m, "needle")
	_, cmd := m.Update(tuitest.Key("enter")) // opens the first
	if msgs := tuitest.Exec(t, cmd); len(msgs) != 1 || msgs[0] != (OpenMsg{Path: "a.go", Line: 1, Col: 1}) {
		t.Fatalf("enter: %v", msgs)
	}
	m, _ = m.Update(tuitest.Key("enter"))
	for _, line := range []int{2, 3} {
		msgs := tuitest.Exec(t, m.NextHit())
		if len(msgs) != 2 || msgs[0] != (OpenMsg{Path: "a.go", Line: line, Col: 1}) {
			t.Fatalf("NextHit: %v, want a.go:%d", msgs, line)
		}
	}
	if msgs := tuitest.Exec(t, m.NextHit()); len(msgs) != 1 || msgs[0] != (nav.InfoMsg{Text: "last search hit (3 of 3)"}) {
		t.Errorf("NextHit at the end: %v", msgs)
	}
	if !hasKey(m.KeyMap().NextHit, "alt+n") {
		t.Error("next hit is not alt+n")
	}
}

func hasKey(b interface{ Keys() []string }, k string) bool {
	for _, x := range b.Keys() {
		if x == k {
			return true
		}
	}
	return false
}

// The finder (ctrl+p) and the search (ctrl+f) lists move by the same keys.
func TestFinderAndSearchListsMoveAlike(t *testing.T) {
	g, f := DefaultKeyMap(), finder.DefaultKeyMap()
	for _, pair := range [][2]interface {
		Keys() []string
	}{{g.Up, f.Up}, {g.Down, f.Down}, {g.PageUp, f.PageUp}, {g.PageDown, f.PageDown}} {
		if !reflect.DeepEqual(pair[0].Keys(), pair[1].Keys()) {
			t.Errorf("search keys %v, finder keys %v", pair[0].Keys(), pair[1].Keys())
		}
	}
	if g.Up.Help() != f.Up.Help() || g.Down.Help() != f.Down.Help() {
		t.Errorf("help differs: %v %v / %v %v", g.Up.Help(), g.Down.Help(), f.Up.Help(), f.Down.Help())
	}
}

// A result opens with the column on its match; a line too long for grep
// to hold (Cut: only an excerpt from byte Col is kept) opens at its start,
// where the code view's own search goes on from.
func TestOpenedResultsCarryTheMatchColumn(t *testing.T) {
	m := modesModel(t)
	m, _ = search1(t, m, "needle")
	if c := m.matchCol(search.Match{Path: "x", Line: 1, Text: []byte("\tx := needle()")}); c != 7 {
		t.Errorf("column of a match after a tab and 5 bytes: %d, want 7", c)
	}
	cut := search.Match{Path: "big.txt", Line: 1, Cut: true, Col: 300 << 20, Text: []byte("aaaaNEEDLE")}
	if c := m.matchCol(cut); c != 0 {
		t.Errorf("column of a match in a cut line: %d, want 0 (the line's start)", c)
	}
}
