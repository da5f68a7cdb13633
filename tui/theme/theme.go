// Package theme holds sightline's colours in one place, in two layers: a
// Theme of semantic colours (what a colour means) and Styles, every lipgloss
// style derived from it once. Panes read only Styles; nothing here is a
// mutable package variable, so tests may build their own with an ASCII
// renderer and run in parallel.
package theme

import "github.com/charmbracelet/lipgloss"

// Theme is the semantic palette. Colours are adaptive so the UI reads on
// light and dark terminals alike.
type Theme struct {
	Accent     lipgloss.AdaptiveColor // focused borders, the active tab, the cursor line
	Muted      lipgloss.AdaptiveColor // line numbers, hints, inactive borders
	Text       lipgloss.AdaptiveColor // ordinary text
	Error      lipgloss.AdaptiveColor // error lines
	Warning    lipgloss.AdaptiveColor // hostile-content banners and gutter marks
	Marker     lipgloss.AdaptiveColor // background of sanitizer markers (^[, <U+202E>, \xFF)
	Match      lipgloss.AdaptiveColor // background of search matches
	Selection  lipgloss.AdaptiveColor // background of the line selection
	CursorLine lipgloss.AdaptiveColor // background of the cursor line in the code view
	Directory  lipgloss.AdaptiveColor // directory names in the tree

	// Severity colours for finding marks, lowest to highest.
	SeverityInfo, SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical lipgloss.AdaptiveColor

	// ChromaStyle and ChromaStyleLight name the chroma styles used for
	// syntax highlighting on dark and on light backgrounds: a dark style's
	// pale colours are unreadable on white (issue 12.11).
	ChromaStyle, ChromaStyleLight string
	// NoColor draws with attributes only (NO_COLOR): every colour is
	// unset, and what colour alone would tell (the active tab, the focused
	// pane, the cursor line, matches) gets a marker, a border or reverse.
	NoColor bool
}

// Default is the theme sightline starts with.
func Default() Theme {
	return Theme{
		Accent:           lipgloss.AdaptiveColor{Light: "#005FAF", Dark: "#5FAFFF"},
		Muted:            lipgloss.AdaptiveColor{Light: "#808080", Dark: "#6C6C6C"},
		Text:             lipgloss.AdaptiveColor{Light: "#1C1C1C", Dark: "#D0D0D0"},
		Error:            lipgloss.AdaptiveColor{Light: "#AF0000", Dark: "#FF5F5F"},
		Warning:          lipgloss.AdaptiveColor{Light: "#AF5F00", Dark: "#FFAF00"},
		Marker:           lipgloss.AdaptiveColor{Light: "#FFD7D7", Dark: "#870000"},
		Match:            lipgloss.AdaptiveColor{Light: "#FFFF87", Dark: "#5F5F00"},
		Selection:        lipgloss.AdaptiveColor{Light: "#D7D7FF", Dark: "#3A3A6C"},
		CursorLine:       lipgloss.AdaptiveColor{Light: "#EEEEEE", Dark: "#262626"},
		Directory:        lipgloss.AdaptiveColor{Light: "#005FAF", Dark: "#87AFFF"},
		SeverityInfo:     lipgloss.AdaptiveColor{Light: "#5F87AF", Dark: "#87AFD7"},
		SeverityLow:      lipgloss.AdaptiveColor{Light: "#5F8700", Dark: "#87D75F"},
		SeverityMedium:   lipgloss.AdaptiveColor{Light: "#AF8700", Dark: "#FFD75F"},
		SeverityHigh:     lipgloss.AdaptiveColor{Light: "#D75F00", Dark: "#FF875F"},
		SeverityCritical: lipgloss.AdaptiveColor{Light: "#AF0000", Dark: "#FF0000"},
		ChromaStyle:      "monokai",
		ChromaStyleLight: "github",
	}
}

// NoColorTheme is the theme for NO_COLOR: no colours at all, chroma's
// black-and-white style (bold and italic only).
func NoColorTheme() Theme {
	return Theme{ChromaStyle: "bw", ChromaStyleLight: "bw", NoColor: true}
}
