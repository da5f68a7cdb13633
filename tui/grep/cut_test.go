package grep

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/search"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

func TestLongPathKeepsFileNameAndLine(t *testing.T) {
	rt := repotest.New(t)
	dir := "vendor/very/long/directory/tree/that/goes/on/internal/auth/"
	rt.Commit("c", repotest.Tree{
		dir + "token.go": {Content: "package auth\n\nconst needle = 1 // and a long comment after it\n"},
		dir + "blob.bin": {Content: "\x00needle"},
	})
	r, pin := pintest.Head(t, rt)
	m := New(search.New(r, t.TempDir()), pin.Tree, theme.PlainStyles(), DefaultKeyMap())
	m.SetSize(40, 10)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open())...)
	for _, k := range tuitest.Type("needle") {
		m = tuitest.Run(t, m, k)
	}
	m = tuitest.Run(t, m, tuitest.Key("enter"))
	v := m.View()
	for _, want := range []string{"Binary file …", "/auth/blob.bin matches", "  …", "/auth/token.go:3: const needle"} {
		if !strings.Contains(v, want) {
			t.Errorf("narrow view lacks %q:\n%s", want, v)
		}
	}
	for _, l := range strings.Split(v, "\n") {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("line wider than the overlay: %q", l)
		}
	}
}

func TestKeyHintAndQuestionMarkIsTyped(t *testing.T) {
	r, pin := fixture(t)
	m := newModel(t, r, pin)
	m.SetSize(100, 20)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open())...)
	for _, k := range tuitest.Type("needles?") { // "?" is a regexp quantifier
		m = tuitest.Run(t, m, k)
	}
	m = tuitest.Run(t, m, tuitest.Key("enter"))
	if len(m.Results()) != 52 {
		t.Fatalf("%d results for needles?, want 52", len(m.Results()))
	}
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	if len(lines) != 20 {
		t.Fatalf("%d lines, want 20 (the overlay's height)", len(lines))
	}
	hint := lines[len(lines)-1]
	for _, want := range []string{"enter search / open", "esc cancel / close", "↑/ctrl+p up", "↓/ctrl+n down", "pgup page up", "pgdn page down"} {
		if !strings.Contains(hint, want) {
			t.Errorf("hint %q lacks %q", hint, want)
		}
	}
}
