package theme

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Mode is the reviewer's choice of colours: --theme or the config's
// "theme" line.
type Mode string

// The modes: auto asks the terminal for its background.
const (
	ModeAuto  Mode = "auto"
	ModeDark  Mode = "dark"
	ModeLight Mode = "light"
)

// ParseMode reads a mode as typed; the error names the choices.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(strings.ToLower(strings.TrimSpace(s))); m {
	case ModeAuto, ModeDark, ModeLight:
		return m, nil
	}
	return "", fmt.Errorf("theme %q: want dark, light or auto", s)
}

// TerminalStyles builds the styles for a program drawing to out, a
// terminal, in the given mode. With NO_COLOR set they draw no colour but
// keep bold, underline and reverse, and mark what colour would have told.
//
// In auto mode it asks for the background once, now: call it before the
// program starts. Asked later, from inside the running program, the query
// would read stdin and swallow the reviewer's first keys. One query only,
// the default renderer's (bubbletea already made it when it was loaded):
// a terminal that never answers costs a time-out per query.
func TerminalStyles(out io.Writer, mode Mode) Styles {
	dark := ResolveDark(mode, os.Getenv, lipgloss.HasDarkBackground)
	return terminalStyles(out, dark, termenv.NewOutput(out).EnvNoColor())
}

func terminalStyles(out io.Writer, dark, noColor bool) Styles {
	r := lipgloss.NewRenderer(out)
	r.SetHasDarkBackground(dark)
	if noColor {
		// The ASCII profile NO_COLOR gives would drop bold and reverse
		// too, and with them every cursor; no-color.org asks for colour
		// only to go. The theme has no colours to draw.
		r.SetColorProfile(termenv.ANSI)
		return NewStyles(NoColorTheme(), r)
	}
	return NewStyles(Default(), r)
}

// ResolveDark says whether to draw for a dark background. auto asks the
// terminal (query), except inside tmux or screen: they answer the OSC 11
// question for themselves, not for the terminal they run in, or not at
// all (termenv does not ask them). There COLORFGBG ("15;0": foreground;
// background, set by some terminals and passed on by tmux) decides, and
// without it dark, the common case.
func ResolveDark(mode Mode, getenv func(string) string, query func() bool) bool {
	switch mode {
	case ModeDark:
		return true
	case ModeLight:
		return false
	}
	term := getenv("TERM")
	multiplexed := getenv("TMUX") != "" || strings.HasPrefix(term, "tmux") || strings.HasPrefix(term, "screen")
	if !multiplexed {
		return query()
	}
	if dark, ok := colorFGBGDark(getenv("COLORFGBG")); ok {
		return dark
	}
	return true
}

// colorFGBGDark reads the background of COLORFGBG ("fg;bg" or
// "fg;default;bg"): ANSI colours 7 and 9-15 are light, the rest dark.
func colorFGBGDark(v string) (dark, ok bool) {
	i := strings.LastIndexByte(v, ';')
	if i < 0 {
		return false, false
	}
	bg, err := strconv.Atoi(v[i+1:])
	if err != nil || bg < 0 || bg > 15 {
		return false, false
	}
	return bg != 7 && bg < 9, true
}

// TrueColorStyles returns the default styles as drawn on a true-colour
// terminal with a dark background, without asking any terminal: for
// measuring the workbench's drawing cost off-screen (cmd/benchops).
func TrueColorStyles() Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	r.SetHasDarkBackground(true)
	return NewStyles(Default(), r)
}
