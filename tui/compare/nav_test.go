package compare

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/diff"
	"sightline/tui/tuitest"
)

// Through the page, the Changes list moves with the shared keys: G to the
// last file, a lone g waits and gg goes to the first, ctrl+d half a page;
// each move shows the selected file's diff.
func TestPageListMovesWithTheSharedKeys(t *testing.T) {
	m := loaded(t) // six files: a.go bin.dat c.go d.md new.txt run.sh; 27 rows of list
	for _, s := range []struct {
		key  string
		want int
		file string
	}{
		{"G", 5, "run.sh"}, {"g", 5, "run.sh"}, {"g", 0, "a.go"}, {"j", 1, "bin.dat"},
		{"g", 1, "bin.dat"}, {"j", 2, "c.go"}, {"ctrl+d", 5, "run.sh"}, {"ctrl+u", 0, "a.go"},
		{"pgdown", 5, "run.sh"}, {"pgup", 0, "a.go"}, {"end", 5, "run.sh"}, {"home", 0, "a.go"},
	} {
		m = tuitest.Run(t, m, tuitest.Key(s.key))
		if got := m.List().Cursor(); got != s.want {
			t.Fatalf("%q: list cursor %d, want %d", s.key, got, s.want)
		}
		if f, ok := m.Diff().File(); !ok || !strings.Contains(f.Change.Path(), s.file) {
			t.Fatalf("%q: the diff shows %q, want %s", s.key, f.Change.Path(), s.file)
		}
	}
}

// A burst of j's emits a SelectMsg per move, and Cmds deliver messages in
// no set order: however they come back, the diff shown is the file the
// list's cursor is on. (In tmux, "j j j enter" sent at once showed
// conf/otaupd.conf's diff under src/auth.c's cursor.)
func TestShuffledSelectsShowTheCursorsFile(t *testing.T) {
	m := loaded(t) // a.go bin.dat c.go d.md new.txt run.sh
	var cmds []tea.Cmd
	for range 3 {
		var cmd tea.Cmd
		m, cmd = m.Update(tuitest.Key("j"))
		cmds = append(cmds, cmd)
	}
	if got := m.List().Cursor(); got != 3 {
		t.Fatalf("list cursor %d after three j, want 3", got)
	}
	// The last move's message first, the first move's last.
	var msgs []tea.Msg
	for i := len(cmds) - 1; i >= 0; i-- {
		msgs = append(msgs, tuitest.Exec(t, cmds[i])...)
	}
	m = tuitest.Run(t, m, msgs...)
	if f, ok := m.Diff().File(); !ok || f.Change.Path() != "d.md" {
		t.Fatalf("the list's cursor is on d.md, but the diff shows %q", f.Change.Path())
	}
}

// e asks for more context around a line of the file shown; a ]f typed
// right after can be handled first. The context answer is then for a file
// no longer selected, and the next file must not be reloaded at its line
// and with its context.
func TestLateContextIsNotAppliedToTheNextFile(t *testing.T) {
	m := loaded(t) // a.go bin.dat c.go d.md new.txt run.sh
	m = tuitest.Run(t, m, tuitest.Key("enter"), tuitest.Key("]c"))
	m, more := m.Update(tuitest.Key("e"))
	m, next := m.Update(tuitest.Key("]f"))
	if more == nil || next == nil {
		t.Fatal("e or ]f asked for nothing")
	}
	late := tuitest.Exec(t, more)
	m = tuitest.Run(t, m, tuitest.Exec(t, next)...)
	m = tuitest.Run(t, m, late...)
	f, ok := m.Diff().File()
	if !ok || f.Change.Path() != "bin.dat" || f.Context != diff.DefaultContext {
		t.Fatalf("after e then ]f the diff shows %q with context %d; want bin.dat with the default %d", f.Change.Path(), f.Context, diff.DefaultContext)
	}
}

// enter moves the keyboard to the diff at once; its SelectMsg, arriving
// after the reviewer pressed esc, must not take it back.
func TestLateOpenDoesNotRefocusTheDiff(t *testing.T) {
	m := loaded(t)
	m, open := m.Update(tuitest.Key("enter"))
	if !m.focusDiff {
		t.Fatal("enter did not give the diff the keyboard at once")
	}
	m = tuitest.Run(t, m, tuitest.Key("esc"))
	if m.focusDiff {
		t.Fatal("esc did not give the list the keyboard back")
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, open)...)
	if m.focusDiff {
		t.Fatal("enter's late SelectMsg took the keyboard back to the diff after esc")
	}
}
