// Package statusbar draws the two bottom lines of the workbench: the
// status line (repository, pin, path, position, hostile-character count,
// help hint) and the message line (an error, a prompt, or progress).
// Every field that can come from the repository is drawn through the
// sanitizer.
package statusbar

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"sightline/tui/theme"
)

// Status is what the status line shows. The root fills it from the panes
// on every render; it holds no state of its own.
type Status struct {
	Repo   string // repository name
	Commit string // pin, short hash
	Ref    string // the revision as the reviewer gave it
	Path   string // open file, or the tree selection
	Line   int    // cursor line, 1-based; 0 hides the position
	Total  int    // lines in the file
	// Position replaces Line/Total where lines mean nothing: the byte
	// offset in a binary file shown as hex ("offset 0x1f0 / 4,096 B").
	Position string
	Hostile  int // hostile characters in the open file
	Damaged  int // unreadable subtrees at the pin: the listing is incomplete
	// Lead is what the cursor is on, drawn before the coverage count and
	// Extra so a narrow terminal keeps it: the blamed line's commit.
	Lead  string
	Extra string // view-specific note (lexer, wrap, search count, finding title)
	Help  string // the help hint, such as "? help"
}

// Message is the second line: at most one of these is shown, first match
// wins: Prompt, Err, Info.
type Message struct {
	Prompt string // a rendered text input (the reviewer's own typing, which bubbles/textinput strips of control characters)
	Err    string // an error, in the error style
	Info   string // progress or a notice
}

// View draws both lines, each exactly width columns.
func View(st Status, msg Message, width int, s theme.Styles) string {
	return Line(st, width, s) + "\n" + MessageLine(msg, width, s)
}

// Line draws the status line.
func Line(st Status, width int, s theme.Styles) string {
	sep := theme.Seg{Text: " │ ", Style: s.Muted}
	var segs []theme.Seg
	segs = append(segs, theme.Seg{Text: " ", Style: s.StatusBar})
	segs = append(segs, s.Untrusted(st.Repo, s.Title)...)
	if st.Commit != "" {
		segs = append(segs, theme.Seg{Text: " @ " + st.Commit, Style: s.StatusBar})
		if st.Ref != "" && !strings.HasPrefix(st.Commit, st.Ref) {
			segs = append(segs, theme.Seg{Text: " (", Style: s.StatusBar})
			segs = append(segs, s.Untrusted(st.Ref, s.StatusBar)...)
			segs = append(segs, theme.Seg{Text: ")", Style: s.StatusBar})
		}
	}
	if st.Damaged > 0 {
		noun := "unreadable subtrees"
		if st.Damaged == 1 {
			noun = "unreadable subtree"
		}
		segs = append(segs, sep, theme.Seg{Text: fmt.Sprintf("⚠ %d %s", st.Damaged, noun), Style: s.StatusWarn})
	}
	if st.Path != "" {
		segs = append(segs, sep)
		segs = append(segs, s.Untrusted(st.Path, s.StatusBar)...)
	}
	switch {
	case st.Position != "":
		segs = append(segs, sep, theme.Seg{Text: st.Position, Style: s.StatusBar})
	case st.Total > 0:
		segs = append(segs, sep, theme.Seg{Text: fmt.Sprintf("%d/%d", st.Line, st.Total), Style: s.StatusBar})
	}
	if st.Hostile > 0 {
		noun := "hostile characters"
		if st.Hostile == 1 {
			noun = "hostile character"
		}
		segs = append(segs, sep, theme.Seg{Text: fmt.Sprintf("⚠ %d %s", st.Hostile, noun), Style: s.StatusWarn})
	}
	if st.Lead != "" {
		segs = append(segs, sep)
		segs = append(segs, s.Untrusted(st.Lead, s.StatusBar)...)
	}
	if st.Extra != "" {
		segs = append(segs, sep)
		segs = append(segs, s.Untrusted(st.Extra, s.Muted)...)
	}
	right := []theme.Seg{{Text: st.Help + " ", Style: s.StatusKey}}
	rw := theme.SegsWidth(right)
	left := theme.Clip(segs, max(width-rw-1, 0))
	pad := width - theme.SegsWidth(left) - rw
	if pad < 0 {
		return theme.Render(theme.Clip(segs, width))
	}
	return theme.Render(append(append(left, theme.Seg{Text: strings.Repeat(" ", pad), Style: s.StatusBar}), right...))
}

// MessageLine draws the message line.
func MessageLine(msg Message, width int, s theme.Styles) string {
	if msg.Prompt != "" {
		// The prompt is a bubbles textinput view: it holds the input's own
		// cursor styling, so it is measured ANSI-aware and padded.
		return msg.Prompt + strings.Repeat(" ", max(0, width-lipgloss.Width(msg.Prompt)))
	}
	var segs []theme.Seg
	switch {
	case msg.Err != "":
		segs = append([]theme.Seg{{Text: "⚠ ", Style: s.StatusError}}, s.Untrusted(msg.Err, s.StatusError)...)
	case msg.Info != "":
		segs = s.Untrusted(msg.Info, s.Muted)
	}
	segs = theme.Clip(segs, width)
	if pad := width - theme.SegsWidth(segs); pad > 0 {
		segs = append(segs, theme.Seg{Text: strings.Repeat(" ", pad), Style: s.Text})
	}
	return theme.Render(segs)
}
