package tui

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/keys"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// colourSGR matches an SGR sequence that sets a colour (30-49, 90-107).
var colourSGR = regexp.MustCompile(`\x1b\[(?:[0-9]+;)*(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9]+)*m`)

// TestNoColorActiveTabAndPaneStayVisible is issue 12.11: with NO_COLOR
// the workbench draws no colour, yet the active tab and the focused pane
// are told by a marker and a border, not by colour alone; tab and 2 move
// them.
func TestNoColorActiveTabAndPaneStayVisible(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	rt := repotest.New(t)
	c1 := rt.Commit("one", repotest.Tree{"a.go": {Content: "package a\n"}})
	rt.Commit("two", rt.Edit(c1, repotest.Tree{"a.go": {Content: "package a\n\nfunc F() {}\n"}}))
	r, pin := pintest.Head(t, rt)
	var out bytes.Buffer
	m := New(Deps{Repo: r, Pin: pin, Base: pintest.Resolve(t, r, "HEAD~1"), Styles: theme.TerminalStyles(&out, theme.ModeAuto), Keys: keys.DefaultGlobal()})
	tm := tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 100, Height: 20})...)
	check := func(what, tab string, treeFocused bool) {
		t.Helper()
		raw := tm.View()
		if colourSGR.MatchString(raw) {
			t.Errorf("%s: NO_COLOR view holds a colour: %q", what, colourSGR.FindString(raw))
		}
		lines := strings.Split(ansi.Strip(raw), "\n")
		if !strings.Contains(lines[0], tab) || strings.Count(lines[0], "[") != 1 {
			t.Errorf("%s: tab line %q, want only %s bracketed", what, lines[0], tab)
		}
		if treeFocused && !strings.HasPrefix(lines[1], "┏") {
			t.Errorf("%s: the focused tree pane has no heavy border: %q", what, lines[1])
		}
		if !treeFocused && (strings.HasPrefix(lines[1], "┏") || !strings.Contains(lines[1], "┏")) {
			t.Errorf("%s: want the heavy border on the code pane only: %q", what, lines[1])
		}
	}
	check("start", "[1 Files]", true)
	tm = press(t, tm, "tab")
	check("after tab", "[1 Files]", false)
	tm = press(t, tm, "2")
	if s := ansi.Strip(tm.View()); !strings.Contains(strings.Split(s, "\n")[0], "[2 Changes]") {
		t.Errorf("after 2 the tab line is %q", strings.Split(s, "\n")[0])
	}
}
