package tui

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/review"
	"sightline/tui/nav"
	"sightline/tui/tuitest"
)

// ctrlO and ctrlN are the jump keys (tuitest.Key knows neither name).
var (
	ctrlO = tea.KeyMsg{Type: tea.KeyCtrlO}
	ctrlN = tea.KeyMsg{Type: tea.KeyCtrlN}
)

// jumpFixture is a workbench with a workspace and a Changes tab: a.go and
// c.go changed since the base, b.go and d.go did not.
func jumpFixture(t *testing.T) (tea.Model, *review.Workspace) {
	t.Helper()
	rt := repotest.New(t)
	lines := "1\n2\n3\n4\n5\n6\n7\n8\n"
	c1 := rt.Commit("one", repotest.Tree{"a.go": {Content: lines}, "b.go": {Content: lines}, "c.go": {Content: lines}, "d.go": {Content: lines}})
	rt.Commit("two", rt.Edit(c1, repotest.Tree{"a.go": {Content: lines + "9\n"}, "c.go": {Content: "0\n" + lines}}))
	r, pin := pintest.Head(t, rt)
	return reviewModel(t, r, pin, pintest.Resolve(t, r, "HEAD~1"))
}

func activeTab(m tea.Model) nav.ViewID { return m.(Model).tabs[m.(Model).active].id }

func reviewedPaths(ws *review.Workspace) []string {
	var out []string
	for _, f := range ws.Reviewed() {
		out = append(out, f.Path)
	}
	return out
}

// TestFinderJumpsEscAndMarkTheFileOnScreen is issue 12.1: from the
// Changes tab, two finder jumps and :N, then esc. esc used to "go back"
// to Changes, whose list had a.go selected, and m marked a.go, a file
// never opened. esc must leave the reviewer on d.go, and m mark d.go.
func TestFinderJumpsEscAndMarkTheFileOnScreen(t *testing.T) {
	m, ws := jumpFixture(t)
	m = press(t, m, "2")
	if s := screen(m); !strings.Contains(s, "a.go") || activeTab(m) != nav.ViewChanges {
		t.Fatalf("Changes tab:\n%s", s)
	}
	m = typeText(t, press(t, m, "ctrl+p"), "b.go")
	m = typeText(t, press(t, m, "enter", "ctrl+p"), "d.go")
	m = press(t, m, "enter", ":", "5", "enter", "esc")
	s := screen(m)
	if activeTab(m) != nav.ViewFiles || !strings.Contains(s, "d.go │ 5/8") {
		t.Fatalf("esc after the finder jumps left d.go:5:\n%s", s)
	}
	m = press(t, m, "m")
	if got := reviewedPaths(ws); !slices.Equal(got, []string{"d.go"}) {
		t.Fatalf("m marked %v, want d.go, the file on screen:\n%s", got, screen(m))
	}

	// The jump list: back to d.go's line 1 (before :5), then b.go, then
	// the Changes tab; forward again.
	m = tuitest.RunModel(t, m, ctrlO)
	if s := screen(m); !strings.Contains(s, "d.go │ 1/8") {
		t.Fatalf("ctrl+o did not go back to d.go:1:\n%s", s)
	}
	m = tuitest.RunModel(t, m, ctrlO)
	if s := screen(m); !strings.Contains(s, "b.go │ 1/8") {
		t.Fatalf("ctrl+o did not go back to b.go:\n%s", s)
	}
	m = press(t, m, "backspace")
	if activeTab(m) != nav.ViewChanges {
		t.Fatalf("backspace did not go back to Changes:\n%s", screen(m))
	}
	m = tuitest.RunModel(t, m, ctrlO)
	if s := screen(m); !strings.Contains(s, "nothing to go back to") {
		t.Errorf("ctrl+o at the oldest place does not say why:\n%s", s)
	}
	m = tuitest.RunModel(t, m, ctrlN, ctrlN, ctrlN)
	if s := screen(m); activeTab(m) != nav.ViewFiles || !strings.Contains(s, "d.go │ 5/8") {
		t.Fatalf("ctrl+n ×3 did not come forward to d.go:5:\n%s", s)
	}
	m = tuitest.RunModel(t, m, ctrlN)
	if s := screen(m); !strings.Contains(s, "nothing to go forward to") {
		t.Errorf("ctrl+n at the newest place does not say why:\n%s", s)
	}
}

// TestEscNeverLeavesAFileOpenedFromADiff: esc on a file opened from a
// Changes diff line stays (it used to switch tabs); q and backspace go
// back to the diff.
func TestEscNeverLeavesAFileOpenedFromADiff(t *testing.T) {
	m, _ := jumpFixture(t)
	m = press(t, m, "2", "enter", "G", "enter")
	if activeTab(m) != nav.ViewFiles || !strings.Contains(screen(m), "a.go │ 9/9") {
		t.Fatalf("enter on the diff's last line did not open a.go:9:\n%s", screen(m))
	}
	m = press(t, m, "esc")
	if activeTab(m) != nav.ViewFiles {
		t.Fatalf("esc switched to %v", activeTab(m))
	}
	m, quit := pressQuits(t, m, "q")
	if quit || activeTab(m) != nav.ViewChanges {
		t.Fatalf("q on a file opened from a diff: quit %v, tab %v\n%s", quit, activeTab(m), screen(m))
	}
}

// pressQuits presses a key, runs what follows, and reports whether the
// program was told to quit.
func pressQuits(t *testing.T, m tea.Model, key string) (tea.Model, bool) {
	t.Helper()
	return runQuits(t, m, tuitest.Key(key))
}

// runQuits is tuitest.RunModel that notices tea.QuitMsg.
func runQuits(t *testing.T, m tea.Model, msgs ...tea.Msg) (tea.Model, bool) {
	t.Helper()
	quit := false
	queue := msgs
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1000 {
			t.Fatal("more than 1000 messages")
		}
		var cmd tea.Cmd
		m, cmd = m.Update(queue[0])
		queue = queue[1:]
		for _, msg := range flatten(cmd) {
			if _, ok := msg.(tea.QuitMsg); ok {
				quit = true
				continue
			}
			queue = append(queue, msg)
		}
	}
	return m, quit
}

// flatten runs cmd and its batches, keeping tea.QuitMsg (which
// tuitest.Exec drops). A Cmd still running after 4 s is a scheduled retry
// (tea.Tick, 5 s): it is dropped.
func flatten(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(4 * time.Second):
		return nil // a scheduled retry (tea.Tick): not waited for
	}
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, flatten(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// TestQClosesTheInnermostView is issue 12.2: q hides the blame gutter,
// closes a blamed commit's diff back to the file, and quits only at the
// top, where nothing is unsaved.
func TestQClosesTheInnermostView(t *testing.T) {
	_, r := blameFixture(t)
	m := openAt(t, startAt(t, r, ""), "src/u.c", 18)
	m = press(t, m, "b")
	if !strings.Contains(screen(m), "Test Author") {
		t.Fatalf("b did not show the blame gutter:\n%s", screen(m))
	}
	m, quit := pressQuits(t, m, "q")
	if quit || strings.Contains(screen(m), "Test Author") {
		t.Fatalf("q with the blame gutter: quit %v\n%s", quit, screen(m))
	}
	m = press(t, m, "b", "enter")
	if activeTab(m) != nav.ViewHistory {
		t.Fatalf("enter on a blamed line did not open its commit:\n%s", screen(m))
	}
	m, quit = pressQuits(t, m, "q")
	if quit {
		t.Fatal("q in a blamed commit's diff quit the program")
	}
	filesAt(t, m, "src/u.c", 18, "q in the blamed commit's diff")
	m, quit = pressQuits(t, m, "q") // the gutter
	m, quit = pressQuits(t, m, "q")
	if !quit {
		t.Fatalf("q at the top with nothing open or unsaved did not quit:\n%s", screen(m))
	}
}

// TestOneEscReturnsFromABlamedCommit is issue 12.9: one esc from the
// blamed commit's diff returns to the file (it took two).
func TestOneEscReturnsFromABlamedCommit(t *testing.T) {
	_, r := blameFixture(t)
	m := openAt(t, startAt(t, r, ""), "src/u.c", 18)
	m = press(t, m, "b", "enter")
	if activeTab(m) != nav.ViewHistory {
		t.Fatalf("enter on a blamed line did not open its commit:\n%s", screen(m))
	}
	filesAt(t, press(t, m, "esc"), "src/u.c", 18, "one esc from the blamed commit's diff")
	filesAt(t, press(t, m, "backspace"), "src/u.c", 18, "one backspace from the blamed commit's diff")
}

// TestQInAChangesDiffGoesBackToTheList: enter on a changed file opens its
// diff; q there closes the diff (the list has the keyboard again) rather
// than quitting, and q at the list quits.
func TestQInAChangesDiffGoesBackToTheList(t *testing.T) {
	_, r := blameFixture(t)
	m := press(t, startAt(t, r, "HEAD~2"), "2", "enter")
	if activeTab(m) != nav.ViewChanges || !strings.Contains(screen(m), "hunk 1/") {
		t.Fatalf("enter in Changes did not open a diff:\n%s", screen(m))
	}
	m, quit := pressQuits(t, m, "q")
	if quit {
		t.Fatal("q in a Changes diff quit the program")
	}
	if !strings.Contains(screen(m), "closed (q at the top quits") {
		t.Errorf("q in a Changes diff did not say what it did:\n%s", screen(m))
	}
	m = press(t, m, "j") // the list moves now, not the diff
	if _, quit = pressQuits(t, m, "q"); !quit {
		t.Fatalf("q at the Changes list did not quit:\n%s", screen(m))
	}
}
