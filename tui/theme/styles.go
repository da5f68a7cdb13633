package theme

import (
	"io"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Styles holds every lipgloss style sightline draws with, derived once from
// a Theme by NewStyles. Panes read it by value and never change it.
type Styles struct {
	Renderer *lipgloss.Renderer // the renderer every style was made with

	// Frame.
	TabActive, TabInactive, TabBar lipgloss.Style
	Pane, PaneFocused              lipgloss.Style // bordered pane boxes
	Overlay                        lipgloss.Style // bordered box of finders and help
	Title, Muted, Text, Error      lipgloss.Style
	Key                            lipgloss.Style // a key name in hints

	// Tree rows.
	TreeDir, TreeFile, TreeExec, TreeLink, TreeSubmodule, TreeError lipgloss.Style
	TreeCursor, TreeCursorBlurred                                   lipgloss.Style

	// Code view.
	LineNumber, LineNumberCursor lipgloss.Style
	CursorLine                   lipgloss.Style // applied under the cursor line's plain text
	Marker                       lipgloss.Style // sanitizer markers: ^[, <U+202E>, \xFF
	Match, CurrentMatch          lipgloss.Style
	CursorWord                   lipgloss.Style // the column cursor and the word gd takes
	Selection                    lipgloss.Style
	Banner                       lipgloss.Style // hostile-content and size banners
	HostileMark                  lipgloss.Style // gutter mark on lines with hostile characters
	Gutter                       lipgloss.Style // extra gutter column (blame)
	Cut                          lipgloss.Style // "line truncated" markers

	// Status bar.
	StatusBar, StatusKey, StatusError, StatusWarn lipgloss.Style

	// Finder and search lists.
	ListSelected, ListMatch lipgloss.Style

	// Severity styles for finding marks, keyed by severity name (info, low,
	// medium, high, critical).
	Severity map[string]lipgloss.Style

	tokens *tokenStyles
}

// NewStyles derives every style from t. r is the renderer to build styles
// with: lipgloss.DefaultRenderer() in the program, a renderer with an ASCII
// profile in tests (so View output is plain text).
func NewStyles(t Theme, r *lipgloss.Renderer) Styles {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	n := r.NewStyle
	border := lipgloss.RoundedBorder()
	s := Styles{
		Renderer:          r,
		TabActive:         n().Bold(true).Foreground(t.Accent).Underline(true),
		TabInactive:       n().Foreground(t.Muted),
		TabBar:            n(),
		Pane:              n().Border(border).BorderForeground(t.Muted),
		PaneFocused:       n().Border(border).BorderForeground(t.Accent),
		Overlay:           n().Border(border).BorderForeground(t.Accent).Padding(0, 1),
		Title:             n().Bold(true).Foreground(t.Accent),
		Muted:             n().Foreground(t.Muted),
		Text:              n().Foreground(t.Text),
		Error:             n().Foreground(t.Error).Bold(true),
		Key:               n().Foreground(t.Accent).Bold(true),
		TreeDir:           n().Foreground(t.Directory).Bold(true),
		TreeFile:          n(),
		TreeExec:          n().Foreground(t.SeverityLow),
		TreeLink:          n().Foreground(t.Accent).Italic(true),
		TreeSubmodule:     n().Foreground(t.Muted).Italic(true),
		TreeError:         n().Foreground(t.Error),
		TreeCursor:        n().Reverse(true),
		TreeCursorBlurred: n().Underline(true),
		LineNumber:        n().Foreground(t.Muted),
		LineNumberCursor:  n().Foreground(t.Accent).Bold(true),
		CursorLine:        n().Background(t.CursorLine),
		Marker:            n().Reverse(true).Foreground(t.Warning),
		Match:             n().Background(t.Match),
		CurrentMatch:      n().Reverse(true).Bold(true),
		CursorWord:        n().Foreground(t.Accent).Reverse(true),
		Selection:         n().Background(t.Selection),
		Banner:            n().Foreground(t.Warning).Bold(true),
		HostileMark:       n().Foreground(t.Warning).Bold(true),
		Gutter:            n().Foreground(t.Muted),
		Cut:               n().Foreground(t.Muted).Reverse(true),
		StatusBar:         n(),
		StatusKey:         n().Foreground(t.Accent).Bold(true),
		StatusError:       n().Foreground(t.Error).Bold(true),
		StatusWarn:        n().Foreground(t.Warning).Bold(true),
		ListSelected:      n().Reverse(true),
		ListMatch:         n().Foreground(t.Accent).Bold(true),
		Severity: map[string]lipgloss.Style{
			"info":     n().Foreground(t.SeverityInfo),
			"low":      n().Foreground(t.SeverityLow),
			"medium":   n().Foreground(t.SeverityMedium),
			"high":     n().Foreground(t.SeverityHigh).Bold(true),
			"critical": n().Foreground(t.SeverityCritical).Bold(true),
		},
	}
	chroma := t.ChromaStyle
	if !r.HasDarkBackground() && t.ChromaStyleLight != "" {
		chroma = t.ChromaStyleLight
	}
	s.tokens = newTokenStyles(chroma, r)
	if t.NoColor {
		s = s.withoutColor(n)
	}
	return s
}

// withoutColor replaces the styles that tell something by colour alone:
// the active tab is bracketed, the focused pane has a heavy border, and
// the cursor line, matches and the selection use attributes.
func (s Styles) withoutColor(n func() lipgloss.Style) Styles {
	s.TabActive = n().Bold(true).Underline(true).Transform(func(label string) string {
		return "[" + strings.TrimSpace(label) + "]"
	})
	s.PaneFocused = n().Border(lipgloss.ThickBorder())
	s.CursorLine = n().Underline(true)
	s.Match = n().Underline(true)
	s.CursorWord = n().Reverse(true).Underline(true)
	s.Selection = n().Reverse(true)
	return s
}

// PlainStyles returns styles that draw no colours or attributes (an ASCII
// colour profile), so tests can compare View output as plain text.
func PlainStyles() Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return NewStyles(Default(), r)
}
