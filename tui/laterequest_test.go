package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/keys"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// lateRequestModel is the workbench on main.c (Files, line 2) with a
// base to diff against and a Symbols that records what it is asked.
func lateRequestModel(t *testing.T) (*askedSource, tea.Model) {
	t.Helper()
	rt := repotest.New(t)
	c1 := rt.Commit("one", repotest.Tree{
		"lib.c":  {Content: "int check(int v) { return v; }\n"},
		"main.c": {Content: "int main(int argc) {\n\treturn 0;\n}\n"},
	})
	rt.Commit("two", rt.Edit(c1, repotest.Tree{"main.c": {Content: "int main(int argc) {\n\treturn check(argc, 1);\n\tcleanup;\n}\n"}}))
	r, pin := pintest.Head(t, rt)
	src := &askedSource{}
	m := New(Deps{Repo: r, Pin: pin, Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal(), Symbols: src,
		Base: pintest.Resolve(t, r, c1.String()), Start: Position{Path: "main.c", Line: 2}})
	return src, tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 120, Height: 30})...)
}

// pressHeld presses keys, the last one's Cmd run but its messages held
// back: they are what reaches the root after the reviewer's next keys.
func pressHeld(t *testing.T, m tea.Model, keys ...string) (tea.Model, []tea.Msg) {
	t.Helper()
	m = press(t, m, keys[:len(keys)-1]...)
	m, cmd := m.Update(tuitest.Key(keys[len(keys)-1]))
	held := tuitest.Exec(t, cmd)
	if len(held) == 0 {
		t.Fatalf("%q sent no request", keys)
	}
	return m, held
}

// TestLateSymbolRequestDoesNotMoveTheReviewer: gd, gr, o or a diff's *
// is pressed, and before its request reaches the root the reviewer
// switches tab, opens the finder or help, or jumps back. The request then
// starts no lookup, opens no list, and the reviewer stays where they
// went. One not overtaken still looks up.
func TestLateSymbolRequestDoesNotMoveTheReviewer(t *testing.T) {
	src, m := lateRequestModel(t)
	m, held := pressHeld(t, m, "g", "d")
	m = tuitest.RunModel(t, m, held...)
	if defs, _, _ := src.asked(); len(defs) != 1 {
		t.Fatalf("gd with nothing in between asked for %q", defs)
	}

	for _, tc := range []struct {
		name   string
		before []string // to set the place up
		ask    []string // the request's keys
		moveOn []string
		row    string // the diff row to put the cursor on first, if any
	}{
		{"gd, another tab", nil, []string{"g", "d"}, []string{"3"}, ""},
		{"gr, another tab", nil, []string{"g", "r"}, []string{"2"}, ""},
		{"ctrl+], the finder", nil, []string{"ctrl+]"}, []string{"ctrl+p"}, ""},
		{"o, another tab", nil, []string{"o"}, []string{"3"}, ""},
		{"gd, help over the view", nil, []string{"g", "d"}, []string{"?"}, ""},
		{"gd, ctrl+o", []string{":", "3", "enter"}, []string{"g", "d"}, []string{"ctrl+o"}, ""},
		{"diff gd, back to Files", []string{"2", "enter"}, []string{"g", "d"}, []string{"1"}, "cleanup"},
		{"diff * of several words, back to Files", []string{"2", "enter"}, []string{"*"}, []string{"1"}, "return check"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, m := lateRequestModel(t)
			m = press(t, m, tc.before...)
			if tc.row != "" {
				for i := 0; i < 10 && !strings.Contains(cursorLine(screen(m)), tc.row); i++ {
					m = press(t, m, "j")
				}
				if !strings.Contains(cursorLine(screen(m)), tc.row) {
					t.Fatalf("no cursor on the %s line:\n%s", tc.row, screen(m))
				}
			}
			m, held := pressHeld(t, m, tc.ask...)
			m = press(t, m, tc.moveOn...)
			tab, at, overlay := m.(Model).active, m.(Model).Position(), m.(Model).overlay.kind
			m = tuitest.RunModel(t, m, held...)
			if defs, refs, _ := src.asked(); len(defs)+len(refs)+len(src.outlined()) != 0 {
				t.Errorf("the late request still looked up %q %q %q", defs, refs, src.outlined())
			}
			got := m.(Model)
			if got.active != tab || got.Position() != at || got.overlay.kind != overlay {
				t.Errorf("the late request moved the reviewer: tab %d → %d, %+v → %+v, overlay %v → %v:\n%s",
					tab, got.active, at, got.Position(), overlay, got.overlay.kind, screen(m))
			}
			if s := screen(m); strings.Contains(s, "looking up") || strings.Contains(s, "outline") {
				t.Errorf("the late request still says it runs:\n%s", s)
			}
		})
	}
}
