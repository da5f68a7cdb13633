package form

import (
	"strings"

	"sightline/repo/textsafe"
)

// View draws the form: the title, a note, each field as a label line and
// its input, the error if any, and a key hint. The caller frames it.
func (m Model) View() string {
	s := m.styles
	lines := []string{s.Title.Render(m.title)}
	if m.note != "" {
		lines = append(lines, s.UntrustedLine(m.note, s.Muted, m.width))
	}
	for i, f := range m.fields {
		lines = append(lines, "")
		label := f.Label
		mark := "  "
		if i == m.focus {
			mark = "› "
		}
		head := s.Key.Render(mark) + s.Title.Render(label)
		if f.Hint != "" {
			head += s.Muted.Render("  " + f.Hint)
		}
		lines = append(lines, head)
		lines = append(lines, "  "+m.input(i))
	}
	lines = append(lines, "")
	if m.err != "" {
		// Wrapped, not cut: the end of the message says what is allowed.
		lines = append(lines, s.Error.Width(m.width).Render(textsafe.Sanitize("⚠ "+m.err)))
	}
	lines = append(lines, s.Muted.Render("tab next field · enter next/save on last · ctrl+s save · esc cancel"))
	return strings.Join(lines, "\n")
}

// input draws field i's input.
func (m Model) input(i int) string {
	f := m.fields[i]
	s := m.styles
	switch f.Kind {
	case Text:
		return strings.ReplaceAll(f.area.View(), "\n", "\n  ")
	case Choice:
		var parts []string
		for j, c := range f.Choices {
			if j == f.choice {
				st := s.ListSelected
				if sev, ok := s.Severity[c]; ok {
					st = sev.Reverse(true)
				}
				parts = append(parts, st.Render("["+c+"]"))
			} else {
				parts = append(parts, s.Muted.Render(" "+c+" "))
			}
		}
		return strings.Join(parts, " ")
	}
	return f.input.View()
}
