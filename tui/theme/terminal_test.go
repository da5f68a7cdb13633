package theme

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromastyles "github.com/alecthomas/chroma/v2/styles"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

func TestTerminalStylesUseTheGivenBackground(t *testing.T) {
	var out bytes.Buffer
	for _, dark := range []bool{true, false} {
		s := terminalStyles(&out, dark, false)
		if s.Renderer == nil || s.Renderer.HasDarkBackground() != dark {
			t.Errorf("dark=%v: renderer says dark=%v", dark, s.Renderer.HasDarkBackground())
		}
		// A buffer is no terminal: the renderer draws no colour, as
		// lipgloss does for any output that is not a terminal.
		if got := s.Title.Render("x"); got != "x" {
			t.Errorf("dark=%v: Title on a non-terminal renders %q, want plain", dark, got)
		}
	}
}

func TestTrueColorStylesDrawColour(t *testing.T) {
	s := TrueColorStyles()
	if s.Renderer.ColorProfile() != termenv.TrueColor || !s.Renderer.HasDarkBackground() {
		t.Fatalf("profile %v, dark %v; want true colour on dark", s.Renderer.ColorProfile(), s.Renderer.HasDarkBackground())
	}
	if got := s.Title.Render("x"); !strings.Contains(got, "\x1b[") || !strings.Contains(got, "x") {
		t.Errorf("Title renders %q, want colour escapes around x", got)
	}
}

// TestLightBackgroundPicksTheLightSyntaxStyle: on a light background the
// code is drawn in the light chroma style, not monokai's pale colours
// (issue 12.11).
func TestLightBackgroundPicksTheLightSyntaxStyle(t *testing.T) {
	styles := func(dark bool) Styles {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(termenv.TrueColor)
		r.SetHasDarkBackground(dark)
		return NewStyles(Default(), r)
	}
	want := func(name string) lipgloss.TerminalColor {
		return lipgloss.Color(chromastyles.Get(name).Get(chroma.Keyword).Colour.String())
	}
	dark, light := styles(true).Token(chroma.Keyword), styles(false).Token(chroma.Keyword)
	if got := dark.GetForeground(); got != want("monokai") {
		t.Errorf("dark background: keyword colour %v, want monokai's %v", got, want("monokai"))
	}
	if got := light.GetForeground(); got != want("github") {
		t.Errorf("light background: keyword colour %v, want github's %v", got, want("github"))
	}
	if dark.GetForeground() == light.GetForeground() {
		t.Error("the light and dark syntax styles draw keywords alike")
	}
}

// TestNoColorKeepsFocusVisible: with NO_COLOR, no colour is drawn, yet
// the active tab and the focused pane differ from the others by a marker
// and a border, and cursors keep their attributes.
func TestNoColorKeepsFocusVisible(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	var out bytes.Buffer
	s := TerminalStyles(&out, ModeDark)
	active, inactive := s.TabActive.Render(" 1 Files "), s.TabInactive.Render(" 2 Changes ")
	focused, blurred := s.PaneFocused.Render("x"), s.Pane.Render("x")
	all := active + inactive + focused + blurred + s.TreeCursor.Render("row") + s.Token(chroma.Keyword).Render("func")
	if colour := regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])[;m]`); colour.MatchString(all) {
		t.Errorf("NO_COLOR output holds a colour: %q", all)
	}
	if !strings.Contains(ansi.Strip(active), "[1 Files]") || strings.Contains(inactive, "[") {
		t.Errorf("active tab %q, inactive %q: want the active one bracketed", active, inactive)
	}
	if !strings.Contains(focused, "┏") || strings.Contains(blurred, "┏") {
		t.Errorf("focused pane %q, blurred %q: want a heavy border on the focused one only", focused, blurred)
	}
	if got := s.TreeCursor.Render("row"); !strings.Contains(got, "\x1b[7m") {
		t.Errorf("the list cursor %q lost its reverse video under NO_COLOR", got)
	}
}

// TestResolveDark: explicit modes win; auto asks the terminal, except
// inside tmux or screen, where COLORFGBG decides, then dark.
func TestResolveDark(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	asked := 0
	light := func() bool { asked++; return false }
	for _, c := range []struct {
		name string
		mode Mode
		env  func(string) string
		want bool
		asks bool
	}{
		{"dark wins", ModeDark, env("TERM", "xterm"), true, false},
		{"light wins", ModeLight, env("TERM", "tmux-256color", "COLORFGBG", "15;0"), false, false},
		{"auto asks the terminal", ModeAuto, env("TERM", "xterm-256color"), false, true},
		{"tmux: COLORFGBG light", ModeAuto, env("TERM", "tmux-256color", "COLORFGBG", "0;15"), false, false},
		{"tmux: COLORFGBG with default", ModeAuto, env("TERM", "screen", "COLORFGBG", "0;default;7"), false, false},
		{"tmux: COLORFGBG dark", ModeAuto, env("TMUX", "/tmp/s,1,0", "TERM", "xterm", "COLORFGBG", "15;0"), true, false},
		{"tmux: nothing, dark", ModeAuto, env("TERM", "tmux-256color"), true, false},
		{"tmux: garbage, dark", ModeAuto, env("TERM", "screen-256color", "COLORFGBG", "x;y"), true, false},
	} {
		asked = 0
		if got := ResolveDark(c.mode, c.env, light); got != c.want || (asked > 0) != c.asks {
			t.Errorf("%s: dark=%v (asked the terminal %d times), want %v (ask: %v)", c.name, got, asked, c.want, c.asks)
		}
	}
	for _, bad := range []string{"solarized", ""} {
		if _, err := ParseMode(bad); err == nil || !strings.Contains(err.Error(), "dark, light or auto") {
			t.Errorf("ParseMode(%q) = %v, want an error naming the choices", bad, err)
		}
	}
	if m, err := ParseMode(" Light "); err != nil || m != ModeLight {
		t.Errorf("ParseMode(Light) = %q, %v", m, err)
	}
}
