package release

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/review"
	"sightline/tui/tuitest"
)

// held sends s's keys to m one by one and returns the messages their Cmds
// produce, held back so the test can deliver them in any order.
func held(t *testing.T, m Model, s string) (Model, []tea.Msg) {
	t.Helper()
	var out []tea.Msg
	for _, k := range tuitest.Type(s) {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		out = append(out, tuitest.Exec(t, cmd)...)
	}
	return m, out
}

// "e" then "]f" on the first member: the next-file request overtakes the
// context request. The reviewer asked for the next member last, so it is
// shown, with its own content under its own name, and m marks it.
func TestReleaseContextAfterNextFileShowsTheNextMember(t *testing.T) {
	d, _ := fixture(t)
	m := started(t, d)
	m = tuitest.Run(t, m, press("enter"))
	if m.ShownPath() != "m4/build-to-host.m4" {
		t.Fatalf("enter opened %q", m.ShownPath())
	}
	m, more := held(t, m, "e")
	m, next := held(t, m, "]f")
	if len(more) != 1 || len(next) != 1 {
		t.Fatalf("e gave %v, ]f gave %v", more, next)
	}
	m = tuitest.Run(t, m, next[0], more[0]) // ]f's answer first
	view := m.View()
	title := strings.Split(view, "\n")[0]
	if !strings.Contains(title, "src/main.c (- tree  + archive)") || !strings.Contains(view, "return 1;") || strings.Contains(view, "gl_payload") {
		t.Fatalf("after e ]f, not src/main.c's diff:\n%s", view)
	}
	if f, ok := m.Diff().File(); !ok || f.Change.Path() != m.ShownPath() {
		t.Errorf("the diff pane's file %q is not the member named %q", f.Change.Path(), m.ShownPath())
	}
	m = tuitest.Run(t, m, press("m"))
	if m.marks["src/main.c"] == "" || m.marks["m4/build-to-host.m4"] != "" {
		t.Errorf("m marked %v, not the member shown (src/main.c)", m.marks)
	}
}

// The check above must not drop a context request for the member shown.
func TestReleaseContextOnTheMemberShown(t *testing.T) {
	d, _ := fixture(t)
	m := started(t, d)
	m = tuitest.Run(t, m, press("enter"))
	before, _ := m.Diff().File()
	m = tuitest.Run(t, m, press("e"))
	after, _ := m.Diff().File()
	if after.Context <= before.Context || m.ShownPath() != "m4/build-to-host.m4" {
		t.Errorf("e: context %d -> %d on %q", before.Context, after.Context, m.ShownPath())
	}
}

// q closes the pane while the next member (]f) or a wider context (e) is
// still being read: the late answer must not open the pane again.
func TestReleaseCloseDropsALateLoad(t *testing.T) {
	for _, k := range []string{"]f", "e"} {
		t.Run(k, func(t *testing.T) {
			d, _ := fixture(t)
			m := started(t, d)
			m = tuitest.Run(t, m, press("enter"))
			m, asked := held(t, m, k)
			if len(asked) != 1 {
				t.Fatalf("%s gave %v", k, asked)
			}
			m, load := m.Update(asked[0])
			late := tuitest.Exec(t, load)
			if len(late) != 1 {
				t.Fatalf("%s's load gave %v", k, late)
			}
			m = tuitest.Run(t, m, press("q"))
			if m.DiffOpen() {
				t.Fatal("q did not close the pane")
			}
			m = tuitest.Run(t, m, late...)
			if m.DiffOpen() || m.ShownPath() != "" {
				t.Errorf("a late load reopened %q after q:\n%s", m.ShownPath(), m.View())
			}
		})
	}
}

// onDisk is the release marks the workspace holds for m's archive.
func onDisk(t *testing.T, ws *review.Workspace, m Model) map[string]string {
	t.Helper()
	rm, err := ws.ReleaseMarks(m.ref)
	if err != nil {
		t.Fatal(err)
	}
	return rm.Reviewed
}

// reversed is msgs last first: the Cmds' answers arriving out of order.
func reversed(msgs []tea.Msg) []tea.Msg {
	out := make([]tea.Msg, 0, len(msgs))
	for i := len(msgs) - 1; i >= 0; i-- {
		out = append(out, msgs[i])
	}
	return out
}

// "m m" before the first write is answered: the second m undoes the
// first, on disk and on screen.
func TestReleaseMarkTwiceUnmarks(t *testing.T) {
	d, ws := fixture(t)
	m := started(t, d)
	m = cursorOn(t, m, "src/main.c")
	m, answers := held(t, m, "mm")
	m = tuitest.Run(t, m, reversed(answers)...)
	if got := onDisk(t, ws, m); len(got) != 0 {
		t.Errorf("m m left marks on disk: %v", got)
	}
	if extra, _ := m.Status(); !strings.Contains(extra, "release: 0/2 reviewed") || strings.Contains(m.View(), "✓") {
		t.Errorf("m m: status %q, view:\n%s", extra, m.View())
	}
}

// m on one member, m on the next: the first answer arriving last must
// not wipe the second member's mark from the screen.
func TestReleaseMarksAnsweredOutOfOrderMatchTheDisk(t *testing.T) {
	d, ws := fixture(t)
	m := started(t, d)
	m = cursorOn(t, m, "m4/build-to-host.m4")
	m, answers := held(t, m, "mjjm") // j j: past the "differs" heading
	m = tuitest.Run(t, m, reversed(answers)...)
	disk := onDisk(t, ws, m)
	if len(disk) != 2 {
		t.Errorf("on disk: %v", disk)
	}
	if len(m.marks) != len(disk) || m.marks["m4/build-to-host.m4"] != disk["m4/build-to-host.m4"] || m.marks["src/main.c"] != disk["src/main.c"] {
		t.Errorf("shown marks %v, on disk %v", m.marks, disk)
	}
	if extra, _ := m.Status(); !strings.Contains(extra, "release: 2/2 reviewed") {
		t.Errorf("status %q", extra)
	}
}

// After ]f, until the next member is read, the first is still on screen:
// m marks that one, not the member on its way.
func TestReleaseWhileTheNextMemberLoadsActsOnTheShownOne(t *testing.T) {
	d, _ := fixture(t)
	m := started(t, d)
	m = tuitest.Run(t, m, press("enter"))
	if m.ShownPath() != "m4/build-to-host.m4" {
		t.Fatalf("enter opened %q", m.ShownPath())
	}
	m, nav := held(t, m, "]f")
	if len(nav) != 1 {
		t.Fatalf("]f gave %v", nav)
	}
	m, load := m.Update(nav[0]) // src/main.c is on its way, not shown yet
	next := tuitest.Exec(t, load)
	if len(next) != 1 || m.ShownPath() != "m4/build-to-host.m4" {
		t.Fatalf("]f's load gave %v and shows %q", next, m.ShownPath())
	}
	m = tuitest.Run(t, m, press("m"))
	if m.marks["m4/build-to-host.m4"] == "" || m.marks["src/main.c"] != "" {
		t.Errorf("m marked %v while m4/build-to-host.m4 was on screen", m.marks)
	}
	m = tuitest.Run(t, m, next...)
	if m.ShownPath() != "src/main.c" {
		t.Errorf("]f's member was not shown once read: %q", m.ShownPath())
	}
}
