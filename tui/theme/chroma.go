package theme

import (
	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/charmbracelet/lipgloss"
)

// tokenStyles maps every chroma token type to a lipgloss style, computed
// once so that rendering a line never asks chroma for a style entry.
type tokenStyles struct {
	byType map[chroma.TokenType]lipgloss.Style
	plain  lipgloss.Style
}

func newTokenStyles(name string, r *lipgloss.Renderer) *tokenStyles {
	cs := styles.Get(name) // falls back to chroma's default style
	ts := &tokenStyles{byType: map[chroma.TokenType]lipgloss.Style{}, plain: r.NewStyle()}
	// Get resolves inheritance (NameFunction from Name from Text), so
	// every standard type gets its effective entry.
	for tt := range chroma.StandardTypes {
		ts.byType[tt] = entryStyle(cs.Get(tt), r)
	}
	return ts
}

// entryStyle turns a chroma style entry into a foreground-only lipgloss
// style: the pane keeps the terminal's own background, so the cursor line,
// selection and matches stay visible under any chroma style.
func entryStyle(e chroma.StyleEntry, r *lipgloss.Renderer) lipgloss.Style {
	st := r.NewStyle()
	if e.Colour.IsSet() {
		st = st.Foreground(lipgloss.Color(e.Colour.String()))
	}
	if e.Bold == chroma.Yes {
		st = st.Bold(true)
	}
	if e.Italic == chroma.Yes {
		st = st.Italic(true)
	}
	if e.Underline == chroma.Yes {
		st = st.Underline(true)
	}
	return st
}

// Token is the style for a chroma token type. Types the chroma style does
// not name fall back to their category, then to plain text.
func (s Styles) Token(tt chroma.TokenType) lipgloss.Style {
	if s.tokens == nil {
		return lipgloss.NewStyle()
	}
	for t := tt; ; {
		if st, ok := s.tokens.byType[t]; ok {
			return st
		}
		switch {
		case t.SubCategory() != t && t.SubCategory() != 0:
			t = t.SubCategory()
		case t.Category() != t && t.Category() != 0:
			t = t.Category()
		default:
			return s.tokens.plain
		}
	}
}
