package diff

import (
	"github.com/charmbracelet/lipgloss"

	"sightline/tui/theme"
)

// Diff colours. The theme has no added/removed colours; they live here,
// next to their only user, as adaptive pairs like the theme's.
var (
	addedBg       = lipgloss.AdaptiveColor{Light: "#E6FFEC", Dark: "#12261E"}
	removedBg     = lipgloss.AdaptiveColor{Light: "#FFEBE9", Dark: "#301A1F"}
	addedWordBg   = lipgloss.AdaptiveColor{Light: "#ABF2BC", Dark: "#1F6F3B"}
	removedWordBg = lipgloss.AdaptiveColor{Light: "#FFB3AD", Dark: "#8E2F2F"}
	addedFg       = lipgloss.AdaptiveColor{Light: "#1A7F37", Dark: "#3FB950"}
	removedFg     = lipgloss.AdaptiveColor{Light: "#CF222E", Dark: "#F85149"}
)

// Styles are every style the diff pane draws with.
type Styles struct {
	Line       [3]lipgloss.Style // background of context, added and removed lines (by kindIndex)
	Word       [3]lipgloss.Style // background of changed words inside them
	Sign       [3]lipgloss.Style // the +/- column
	Gutter     lipgloss.Style    // line numbers
	CursorMark lipgloss.Style    // the cursor mark in the gutter
	Hunk       lipgloss.Style    // hunk separators
	Header     lipgloss.Style    // the file header line
	Note       lipgloss.Style    // notes for files without hunks
	Marker     lipgloss.Style    // sanitizer markers (^[, <U+202E>, \xFF)
	Error      lipgloss.Style    // load errors
	Muted      lipgloss.Style    // position indicator
	Edge       lipgloss.Style    // ‹ › on rows with text hidden past the pane's edge
	HostileMk  lipgloss.Style    // ! in the gutter of a line with hostile characters

	app theme.Styles // syntax colours (Token)
}

// NewStyles derives the diff pane's styles from the application's.
func NewStyles(app theme.Styles) Styles {
	n := lipgloss.NewStyle
	if app.Renderer != nil {
		n = app.Renderer.NewStyle
	}
	s := Styles{
		Gutter:     app.LineNumber,
		CursorMark: app.LineNumberCursor,
		Hunk:       app.Title.Bold(false),
		Header:     app.Title,
		Note:       app.Muted.Italic(true),
		Marker:     app.Marker,
		Error:      app.Error,
		Muted:      app.Muted,
		Edge:       app.Cut,
		HostileMk:  app.HostileMark,
		app:        app,
	}
	s.Line[kindContext] = n()
	s.Line[kindAdded] = n().Background(addedBg)
	s.Line[kindRemoved] = n().Background(removedBg)
	s.Word[kindContext] = s.Line[kindContext]
	s.Word[kindAdded] = n().Background(addedWordBg)
	s.Word[kindRemoved] = n().Background(removedWordBg)
	s.Sign[kindContext] = s.Gutter
	s.Sign[kindAdded] = n().Foreground(addedFg).Background(addedBg)
	s.Sign[kindRemoved] = n().Foreground(removedFg).Background(removedBg)
	return s
}

// The kinds of diff line, as indexes into the style arrays.
const (
	kindContext = iota
	kindAdded
	kindRemoved
)

func kindIndex(k byte) int {
	switch k {
	case '+':
		return kindAdded
	case '-':
		return kindRemoved
	}
	return kindContext
}
