package theme

import (
	"io"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// TerminalStyles builds the default styles for a program drawing to out,
// a terminal, with colours chosen for its background.
//
// It asks the terminal for its background once, now: call it before the
// program starts. Asked later, from inside the running program (bubbles'
// default styles use lipgloss's default renderer), the query would read
// stdin and swallow the reviewer's first keys. One query only, the
// default renderer's: a terminal that never answers costs a time-out per
// query.
func TerminalStyles(out io.Writer) Styles {
	return terminalStyles(out, lipgloss.HasDarkBackground())
}

func terminalStyles(out io.Writer, dark bool) Styles {
	r := lipgloss.NewRenderer(out)
	r.SetHasDarkBackground(dark)
	return NewStyles(Default(), r)
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
