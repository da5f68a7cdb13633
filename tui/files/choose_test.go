package files

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/keys"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// twoFiles is the tab on a tree of two files, each saying its name.
func twoFiles(t *testing.T) Model {
	t.Helper()
	rt := repotest.New(t)
	rt.Commit("one", repotest.Tree{"a.c": {Content: "int alpha;\n"}, "b.c": {Content: "int beta;\n"}})
	r, pin := pintest.Head(t, rt)
	m := New(Deps{Repo: r, Pin: pin, Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal()})
	m.SetSize(100, 20)
	return tuitest.Run(t, m, tuitest.Exec(t, m.Init())...)
}

// wantCursorFileShown fails unless the code pane shows the file the
// tree's cursor (›) is on, and only that file.
func wantCursorFileShown(t *testing.T, m Model) {
	t.Helper()
	s := tuitest.Screen(m.View())
	var cur string
	for _, l := range strings.Split(s, "\n") {
		if i := strings.Index(l, "›"); i >= 0 {
			cur = strings.Fields(l[i+len("›"):])[0]
		}
	}
	content := map[string]string{"a.c": "int alpha;", "b.c": "int beta;"}
	want, other := content[cur], content["a.c"]+content["b.c"]
	other = strings.Replace(other, want, "", 1)
	if want == "" || !strings.Contains(s, want) || strings.Contains(s, other) {
		t.Fatalf("the tree's cursor is on %q but the code pane does not show that file (want %q, not %q):\n%s", cur, want, other, s)
	}
}

// feed gives the tab each message in turn, keeping the messages their
// Cmds produce instead of delivering them.
func feed(t *testing.T, m Model, msgs ...tea.Msg) (Model, []tea.Msg) {
	t.Helper()
	var out []tea.Msg
	for _, msg := range msgs {
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		out = append(out, tuitest.Exec(t, cmd)...)
	}
	return m, out
}

// "l j l" typed in one read (handleRunes splits it, batching the Cmds):
// keys after the open belong to the code view, so j and l must not move
// the tree and choose a second file whose FileChosenMsg races the first.
func TestKeysTypedRightAfterOpenGoToTheCode(t *testing.T) {
	m, msgs := feed(t, twoFiles(t), tuitest.Key("l"), tuitest.Key("j"), tuitest.Key("l"))
	slices.Reverse(msgs) // Cmds answer in no set order
	m = tuitest.Run(t, m, msgs...)
	wantCursorFileShown(t, m)
	if m.focus != focusCode {
		t.Fatalf("the code view does not have focus after l")
	}
}

// Two choices whose FileChosenMsgs arrive in reverse: the later choice,
// the file under the tree's cursor, is shown, never the earlier one.
func TestLateFileChosenDoesNotReplaceALaterChoice(t *testing.T) {
	m, first := feed(t, twoFiles(t), tuitest.Key("enter"))
	// Back to the tree by a click on its second row (inside the border).
	m, _ = m.Update(tea.MouseMsg{X: 2, Y: 2, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	m, second := feed(t, m, tuitest.Key("enter"))
	m = tuitest.Run(t, m, append(second, first...)...)
	wantCursorFileShown(t, m)
}
