package picklist

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// gr's groups: the cursor never rests on a "path (N)" header, the count
// counts places only, and A asks for the place under the cursor as a step.
func TestHeadersAreSkippedAndAAddsTheRowAsAStep(t *testing.T) {
	m := New(theme.PlainStyles(), testKeys())
	m.SetSize(80, 12)
	m.Show("references", []Item{
		{Header: true, Label: "a.c (2)"}, {Label: "3:1 called from f()", Path: "a.c", Line: 3}, {Label: "9:1 code", Path: "a.c", Line: 9},
		{Header: true, Label: "b\x1b[31m.c (1)"}, {Label: "4:2 called from g()", Path: "b\x1b[31m.c", Line: 4},
	})
	view := m.View()
	if !strings.Contains(view, "> 3:1 called from f()") || !strings.Contains(view, "1/3") || strings.ContainsRune(view, '\x1b') {
		t.Fatalf("first view:\n%s", view)
	}
	m, _ = m.Update(tuitest.Key("down"))
	m, _ = m.Update(tuitest.Key("down")) // over the header
	if !strings.Contains(m.View(), "> 4:2 called from g()") || !strings.Contains(m.View(), "3/3") {
		t.Fatalf("after two downs:\n%s", m.View())
	}
	_, cmd := m.Update(tuitest.Key("A"))
	if msgs := tuitest.Exec(t, cmd); len(msgs) != 1 || msgs[0] != (StepMsg{Path: "b\x1b[31m.c", Line: 4}) {
		t.Fatalf("A gave %#v", msgs)
	}
	m, _ = m.Update(tuitest.Key("up"))
	m, _ = m.Update(tuitest.Key("up"))
	m, _ = m.Update(tuitest.Key("up")) // the first row: the header above is never the cursor's
	if _, cmd = m.Update(tuitest.Key("enter")); len(tuitest.Exec(t, cmd)) != 1 || tuitest.Exec(t, cmd)[0] != (ChosenMsg{Path: "a.c", Line: 3}) {
		t.Fatalf("enter on the first row gave %#v\n%s", tuitest.Exec(t, cmd), m.View())
	}
}

// rank runs every Cmd and feeds rankings back, as the root does.
func rank(t *testing.T, m Model, cmd tea.Cmd) Model {
	t.Helper()
	for _, msg := range tuitest.Exec(t, cmd) {
		if r, ok := msg.(RankedMsg); ok {
			m, _ = m.Update(r)
		}
	}
	return m
}

func symbolItems(n int) ([]Item, []string) {
	items, names := make([]Item, n), make([]string, n)
	for i := range n {
		names[i] = fmt.Sprintf("sym_%d_handler", i)
		if i%1000 == 7 {
			names[i] = fmt.Sprintf("parse_config_%d", i)
		}
		p := fmt.Sprintf("src/mod%d/file%d.c", i%97, i)
		items[i] = Item{Label: names[i] + "  function  " + p + ":1", Path: p, Line: 1 + i%50}
	}
	return items, names
}

// ctrl+t: typing ranks the names in a Cmd; enter opens the best; A is
// typed in the query, and after tab adds a step.
func TestQueryRanksNamesAndTabGivesAToTheList(t *testing.T) {
	m := New(theme.PlainStyles(), testKeys())
	m.SetSize(80, 12)
	items, names := symbolItems(5000)
	m = rank(t, m, m.ShowQuery("every symbol", items, names))
	if !strings.Contains(m.View(), "5000/5000 symbols") {
		t.Fatalf("empty query:\n%s", m.View())
	}
	var cmd tea.Cmd
	for _, k := range tuitest.Type("pcfg17") {
		m, cmd = m.Update(k)
		m = rank(t, m, cmd)
	}
	if v := m.View(); !strings.Contains(v, "> parse_config_1007  function") || !strings.Contains(v, "symbol: pcfg17") || !strings.Contains(v, "/5000 symbols") {
		t.Fatalf("after typing:\n%s", v)
	}
	m, cmd = m.Update(tuitest.Key("A"))
	m = rank(t, m, cmd)
	if m.Query() != "pcfg17A" {
		t.Fatalf("A in the query: query %q", m.Query())
	}
	m, cmd = m.Update(tuitest.Key("backspace"))
	m = rank(t, m, cmd)
	m, _ = m.Update(tuitest.Key("tab"))
	_, cmd = m.Update(tuitest.Key("A"))
	if msgs := tuitest.Exec(t, cmd); len(msgs) != 1 || msgs[0] != (StepMsg{Path: items[1007].Path, Line: items[1007].Line}) {
		t.Fatalf("A in the list gave %#v", msgs)
	}
	// A letter in the list types into the query again.
	m, cmd = m.Update(tuitest.Key("x"))
	m = rank(t, m, cmd)
	if m.Query() != "pcfg17x" {
		t.Fatalf("x in the list: query %q", m.Query())
	}
	// Enter before the ranking of what was typed chooses from it.
	m, _ = m.Update(tuitest.Key("backspace"))
	m, _ = m.Update(tuitest.Key("backspace"))
	m, cmd = m.Update(tuitest.Key("7")) // pcfg17 again, not ranked yet
	m, _ = m.Update(tuitest.Key("enter"))
	var chosen []tea.Msg
	for _, msg := range tuitest.Exec(t, cmd) {
		if r, ok := msg.(RankedMsg); ok {
			var c tea.Cmd
			m, c = m.Update(r)
			chosen = append(chosen, tuitest.Exec(t, c)...)
		}
	}
	if len(chosen) != 1 || chosen[0] != (ChosenMsg{Path: items[1007].Path, Line: items[1007].Line}) {
		t.Fatalf("enter before the ranking gave %#v", chosen)
	}
}

// BenchmarkSymbolKeystroke is one ctrl+t keystroke over 100,000 symbols:
// the ranking the Cmd runs (narrowed from the previous query, as typing
// does). Issue 15's target is 50 ms.
func BenchmarkSymbolKeystroke(b *testing.B) {
	_, names := symbolItems(100_000)
	for b.Loop() {
		var prev *Ranking
		for _, q := range []string{"p", "pa", "par", "pars", "parsc"} {
			r := rankNames(names, q, prev)
			prev = &r
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/5/1000, "ms/keystroke")
}

// BenchmarkSymbolFirstKeystroke is the worst keystroke: the first, which
// scans all 100,000 names with nothing to narrow from.
func BenchmarkSymbolFirstKeystroke(b *testing.B) {
	_, names := symbolItems(100_000)
	for b.Loop() {
		rankNames(names, "p", nil)
	}
}
