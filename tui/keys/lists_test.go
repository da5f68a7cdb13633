package keys_test

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/changes"
	"sightline/tui/history"
	"sightline/tui/theme"
	"sightline/tui/tree"
	"sightline/tui/tuitest"
)

// rows items in every list, visible of them on screen at once.
const rows, visible = 40, 10

// pane is one list pane under test: a key goes in, the cursor's index and
// the view come out.
type pane struct {
	name   string
	press  func(tea.KeyMsg)
	cursor func() int
	view   func() string
	above  int // the view's lines above the list
}

// marked returns the list row of the view that carries the cursor mark
// (› in the tree, ▌ elsewhere) and the item named on it.
func (p pane) marked() (row int, item string) {
	lines := strings.Split(p.view(), "\n")
	for i := p.above; i < len(lines) && i < p.above+visible; i++ {
		if strings.HasPrefix(lines[i], "›") || strings.HasPrefix(lines[i], "▌") {
			f := strings.Fields(lines[i])
			return i - p.above, f[len(f)-1]
		}
	}
	return -1, ""
}

// listPanes builds the tree, the Changes list and the History list over
// the same rows items (f00 … f39; in History the commit that added each,
// newest first), each showing visible rows.
func listPanes(t *testing.T) []pane {
	t.Helper()
	rt := repotest.New(t)
	h := rt.Commit("add f00", repotest.Tree{"f00": {Content: "0\n"}})
	for i := 1; i < rows; i++ {
		name := fmt.Sprintf("f%02d", i)
		h = rt.Commit("add "+name, rt.Edit(h, repotest.Tree{name: {Content: name + "\n"}}))
	}
	r, pin := pintest.Head(t, rt)
	st := theme.PlainStyles()

	tr := tree.New(r, pin.Tree, st, tree.DefaultKeyMap())
	tr.SetSize(40, visible)
	tr.Focus()
	tr = tuitest.Run(t, tr, tuitest.Exec(t, tr.Init())...)

	ch := changes.New(changes.DefaultKeyMap(), st)
	ch.SetSize(40, visible+2) // the totals and the title lines above the list
	ch.Focus()
	var cs []repo.FileChange
	for i := range rows {
		cs = append(cs, repo.FileChange{Status: 'A', NewPath: fmt.Sprintf("f%02d", i), Added: 1})
	}
	ch.SetChanges("base → head", cs, true)

	hi := history.New(r, pin.Commit, history.DefaultKeyMap(), st)
	hi.SetSize(100, 20) // the list gets (20-1)*3/5-1 = 10 rows, the message the rest
	hi.Focus()
	load := hi.Load()
	hi = tuitest.Run(t, hi, tuitest.Exec(t, load)...)
	if tr.Len() != rows || len(hi.Commits()) != rows {
		t.Fatalf("the tree has %d rows and History %d commits, want %d each", tr.Len(), len(hi.Commits()), rows)
	}
	return []pane{
		{
			name:  "tree",
			press: func(k tea.KeyMsg) { tr = tuitest.Run(t, tr, k) },
			cursor: func() int {
				e, _ := tr.Selected()
				return index(e.Path)
			},
			view: func() string { return tr.View() },
		},
		{
			name:   "changes",
			press:  func(k tea.KeyMsg) { ch = tuitest.Run(t, ch, k) },
			cursor: func() int { return ch.Cursor() },
			view:   func() string { return ch.View() },
			above:  2,
		},
		{
			name:  "history",
			press: func(k tea.KeyMsg) { hi = tuitest.Run(t, hi, k) },
			cursor: func() int {
				c, _ := hi.Selected()
				return index(strings.TrimPrefix(c.Subject(), "add "))
			},
			view:  func() string { return hi.View() },
			above: 1,
		},
	}
}

// index is the number NN of item fNN.
func index(name string) int {
	var n int
	if _, err := fmt.Sscanf(name, "f%02d", &n); err != nil {
		return -1
	}
	return n
}

// The movement keys the README promises move the Changes list and the
// History list exactly as they move the tree: the same key from the same
// row lands on the same row, drawn on the same screen row.
func TestListPanesMoveAsTheTreeDoes(t *testing.T) {
	panes := listPanes(t)
	// want is the cursor after each key, as the README's key table reads
	// with 10 rows in view: half a page is 5 rows, a page 9 (one stays).
	steps := []struct {
		key  string
		want int
	}{
		{"ctrl+d", 5}, {"ctrl+d", 10}, {"j", 11}, {"down", 12}, {"pgdown", 21}, {"k", 20},
		{"up", 19}, {"ctrl+u", 14}, {"pgdown", 23}, {"pgdown", 32}, {"pgdown", 39},
		{"pgup", 30}, {"g", 30}, {"g", 0}, {"k", 0}, {"ctrl+u", 0}, {"pgup", 0},
		{"G", 39}, {"j", 39}, {"g", 39}, {"j", 39}, {"g", 39}, {"k", 38}, {"g", 38},
		{"g", 0}, {"end", 39}, {"home", 0}, {"G", 39},
	}
	screen := make([]int, len(steps)) // the tree's screen row of the cursor, step by step
	for _, p := range panes {
		t.Run(p.name, func(t *testing.T) {
			if got := p.cursor(); got != historyOrder(p.name, 0) {
				t.Fatalf("starts on %d", got)
			}
			for i, s := range steps {
				p.press(tuitest.Key(s.key))
				want := historyOrder(p.name, s.want)
				if got := p.cursor(); got != want {
					t.Fatalf("step %d (%q): on row %d, want %d", i, s.key, got, want)
				}
				row, item := p.marked()
				if item != fmt.Sprintf("f%02d", want) {
					t.Fatalf("step %d (%q): the marked row names %q, want f%02d:\n%s", i, s.key, item, want, p.view())
				}
				if p.name == "tree" {
					screen[i] = row
				} else if row != screen[i] {
					t.Fatalf("step %d (%q): the cursor is on screen row %d, the tree's on %d:\n%s", i, s.key, row, screen[i], p.view())
				}
			}
		})
	}
}

// historyOrder maps a row to the item on it: History lists f39 first.
func historyOrder(pane string, row int) int {
	if pane == "history" {
		return rows - 1 - row
	}
	return row
}
