package grep

import (
	"fmt"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/search"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

func fixture(t *testing.T) (*repo.Repo, repo.Pin) {
	t.Helper()
	rt := repotest.New(t)
	files := repotest.Tree{"bin.dat": {Content: "\x00needle\x00"}, "esc\x1b[31m.go": {Content: "x := \"needle\x1b]0;t\x07\"\n"}}
	for i := range 50 {
		files[fmt.Sprintf("pkg/f%02d.go", i)] = repotest.File{Content: fmt.Sprintf("package pkg\n// needle %d\n", i)}
	}
	rt.Commit("c", files)
	r, pin := pintest.Head(t, rt)
	return r, pin
}

func newModel(t *testing.T, r *repo.Repo, pin repo.Pin) Model {
	m := New(search.New(r, t.TempDir()), pin.Tree, theme.PlainStyles(), DefaultKeyMap())
	m.SetSize(80, 20)
	return m
}

func TestSearchStreamsEveryMatchSafely(t *testing.T) {
	r, pin := fixture(t)
	m := newModel(t, r, pin)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open())...)
	for _, k := range tuitest.Type("need+le") {
		m = tuitest.Run(t, m, k)
	}
	m = tuitest.Run(t, m, tuitest.Key("enter"))
	if m.Running() || len(m.Results()) != 52 {
		t.Fatalf("running %v, %d results, want 52 (50 files, a binary, the escape file)", m.Running(), len(m.Results()))
	}
	v := tuitest.Screen(m.View())
	for _, want := range []string{"52 matches in 52 files", "Binary file bin.dat matches", `esc^[[31m.go:1: x := "needle^[]0;t^G"`, "pkg/f00.go:2: // needle 0"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if strings.ContainsRune(v, 0x1b) {
		t.Error("a raw ESC reached the view")
	}
	m = tuitest.Run(t, m, tuitest.Key("down"), tuitest.Key("down"))
	want := m.Results()[2]
	_, cmd := m.Update(tuitest.Key("enter"))
	if msgs := tuitest.Exec(t, cmd); len(msgs) != 1 || msgs[0] != (OpenMsg{Path: want.Path, Line: want.Line, Col: 4}) {
		t.Fatalf("enter on a result gave %v", msgs)
	}
}

func TestEscCancelsAndDropsLateBatches(t *testing.T) {
	r, pin := fixture(t)
	m := newModel(t, r, pin)
	cmd := m.Run("needle")
	if !m.Running() {
		t.Fatal("Run did not start a search")
	}
	m = tuitest.Run(t, m, tuitest.Key("esc"))
	if m.Running() || !strings.Contains(m.View(), "search cancelled") {
		t.Fatalf("esc did not cancel: running %v\n%s", m.Running(), m.View())
	}
	for _, msg := range tuitest.Exec(t, cmd) {
		m, _ = m.Update(msg)
	}
	if len(m.Results()) != 0 {
		t.Fatalf("%d results of a cancelled search were shown", len(m.Results()))
	}
	_, cmd = m.Update(tuitest.Key("esc"))
	if msgs := tuitest.Exec(t, cmd); len(msgs) != 1 || msgs[0] != (ClosedMsg{}) {
		t.Fatalf("esc when idle gave %v, want ClosedMsg", msgs)
	}
}

func TestBadPatternIsReported(t *testing.T) {
	r, pin := fixture(t)
	m := newModel(t, r, pin)
	if cmd := m.Run("(unclosed"); cmd != nil {
		t.Fatal("an invalid pattern started a search")
	}
	if !strings.Contains(m.View(), "not a Go regular expression") {
		t.Fatalf("no message for an invalid pattern:\n%s", m.View())
	}
}

func TestPageKeysMoveThroughResults(t *testing.T) {
	r, pin := fixture(t)
	m := newModel(t, r, pin)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open())...)
	for _, k := range tuitest.Type("needle") {
		m = tuitest.Run(t, m, k)
	}
	m = tuitest.Run(t, m, tuitest.Key("enter"))
	m = tuitest.Run(t, m, tuitest.Key("pgdown"))
	if v := tuitest.Screen(m.View()); !strings.Contains(v, "> "+m.Results()[17].Path) {
		t.Fatalf("pgdown should move a page (17 results at 80×20):\n%s", v)
	}
	for range 5 {
		m = tuitest.Run(t, m, tuitest.Key("pgdown"))
	}
	last := m.Results()[len(m.Results())-1]
	if v := tuitest.Screen(m.View()); !strings.Contains(v, fmt.Sprintf("> %s:%d:", last.Path, last.Line)) {
		t.Fatalf("pgdown past the end should stop on the last result:\n%s", v)
	}
	for range 5 {
		m = tuitest.Run(t, m, tuitest.Key("pgup"))
	}
	if v := tuitest.Screen(m.View()); !strings.Contains(v, "> Binary file bin.dat matches") {
		t.Fatalf("pgup back should reach the first result:\n%s", v)
	}
}

// The final count names the files that matched, not the files read, so it
// is the same whether or not the search index narrowed the reading.
func TestFinalCountNamesTheFilesThatMatched(t *testing.T) {
	r, pin := fixture(t)
	m := newModel(t, r, pin)
	cmd := m.Run("package|needle")
	m = tuitest.Run(t, m, tuitest.Exec(t, cmd)...)
	if m.Running() {
		t.Fatal("still running")
	}
	// 50 files with two matching lines each, the binary file, the escape file.
	if v := tuitest.Screen(m.View()); !strings.Contains(v, "102 matches in 52 files") {
		t.Fatalf("want 102 matches in 52 files:\n%s", v)
	}
}
