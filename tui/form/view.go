package form

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"sightline/repo/textsafe"
)

// View draws the form: the title, a note, each field as a label line and
// its input, the error if any, and a key hint. The caller frames it.
func (m Model) View() string {
	s := m.styles
	head := []string{s.Title.Render(m.title)}
	if m.note != "" {
		head = append(head, s.UntrustedLine(m.note, s.Muted, m.width))
	}
	var body []string
	from, to := 0, 0 // the focused field's rows in body
	for i, f := range m.fields {
		if i == m.focus {
			from = len(body)
		}
		body = append(body, "")
		label := f.Label
		mark := "  "
		if i == m.focus {
			mark = "› "
		}
		top := s.Key.Render(mark) + s.Title.Render(label)
		if f.locked != "" {
			top += s.Error.Render("  read-only (saved as stored): " + f.locked + " · ctrl+r empties it")
		} else if f.Hint != "" {
			top += s.Muted.Render("  " + f.Hint)
		}
		// Wrapped here rather than by the frame, so that rows are counted.
		body = append(body, strings.Split(lipgloss.NewStyle().Width(m.width).Render(top), "\n")...)
		body = append(body, strings.Split("  "+m.input(i), "\n")...)
		if i == m.focus {
			to = len(body)
		}
	}
	tail := []string{""}
	if m.err != "" {
		// Wrapped, not cut: the end of the message says what is allowed.
		tail = append(tail, s.Error.Width(m.width).Render(textsafe.Sanitize("⚠ "+m.err)))
	}
	keys := "tab next field · enter next/save on last · ctrl+s save · esc cancel"
	for _, f := range m.fields {
		if f.locked != "" {
			keys += " · ctrl+r empty a read-only field"
			break
		}
	}
	tail = append(tail, s.Muted.Render(keys))
	if room := m.height - len(head) - lipgloss.Height(strings.Join(tail, "\n")) - 1; m.height > 0 && len(body) > room+1 {
		// Too tall for the terminal: show the rows around the focused
		// field, and say that there are more.
		room = max(room, to-from)
		start := min(from, max(len(body)-room, 0))
		start = max(start, to-room)
		body = body[start:min(start+room, len(body))]
		tail = append([]string{s.Muted.Render("  (more fields above or below: tab and shift+tab move)")}, tail...)
	}
	return strings.Join(append(append(head, body...), tail...), "\n")
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
