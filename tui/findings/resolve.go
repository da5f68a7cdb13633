package findings

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/review"
	"sightline/tui/nav"
)

// ResolveMsg asks the root to queue a new value for a team finding's
// field in conflict; the next `team push` signs and sends it.
type ResolveMsg struct {
	ID, Store, TeamID string // ID is the row's (F-0001 or T-1a2b3c4d)
	Field, Value      string // Field is severity, status, title or note
}

// ConfirmMsg asks the root to queue a confirmation of a team finding's
// pending status change under the two-person rule.
type ConfirmMsg struct{ ID, Store, TeamID string }

// choice is one row of the resolve picker.
type choice struct {
	field, value, label string
	other               bool // "another value": the field's other values, or typed text
}

// picker chooses the value that resolves a conflict.
type picker struct {
	open    bool
	tf      nav.TeamFinding
	choices []choice
	cursor  int
	typing  string // the field whose value is being typed
	input   textinput.Model
}

// startResolve opens the picker on the selected finding's conflicts.
func (m Model) startResolve(f review.Finding) Model {
	tf, ok := m.info[f.ID]
	if !ok || len(tf.Disputes) == 0 {
		m.note = f.ID + " has no conflict to resolve"
		return m
	}
	p := picker{open: true, tf: tf}
	for _, d := range tf.Disputes {
		for _, s := range d.Said {
			p.choices = append(p.choices, choice{field: d.Field, value: s.Value, label: d.Field + " " + s.Value + " (" + s.Reviewer + " says)"})
		}
		p.choices = append(p.choices, choice{field: d.Field, other: true, label: d.Field + ": another value…"})
	}
	m.pick = p
	return m
}

// startConfirm queues a confirmation, unless the change is the
// reviewer's own: the two-person rule wants a second reviewer.
func (m Model) startConfirm(f review.Finding) (Model, tea.Cmd) {
	tf, ok := m.info[f.ID]
	switch {
	case !ok || tf.Pending == "":
		m.note = f.ID + " has no status change waiting for confirmation"
		return m, nil
	case m.team != nil && slices.Contains(m.team.Me, tf.PendingBy):
		m.note = f.ID + ": you (" + tf.PendingBy + ") proposed this change; a second reviewer must confirm it"
		return m, nil
	}
	msg := ConfirmMsg{ID: f.ID, Store: tf.Store, TeamID: tf.TeamID}
	return m, func() tea.Msg { return msg }
}

// pickKey handles a key while the picker is open.
func (m Model) pickKey(k tea.KeyMsg) (Model, tea.Cmd) {
	p := &m.pick
	if p.typing != "" {
		switch k.String() {
		case "esc":
			p.typing = ""
			return m, nil
		case "enter":
			v := strings.TrimSpace(p.input.Value())
			if v == "" {
				m.note = "type the " + p.typing + " (esc goes back)"
				return m, nil
			}
			return m.chose(p.typing, v)
		}
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(k)
		return m, cmd
	}
	switch {
	case k.String() == "esc" || k.String() == "q":
		m.pick = picker{}
		m.note = "conflict left as it is"
	case key.Matches(k, m.keys.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(k, m.keys.Down):
		p.cursor = min(p.cursor+1, len(p.choices)-1)
	case k.String() == "enter":
		c := p.choices[p.cursor]
		if !c.other {
			return m.chose(c.field, c.value)
		}
		if vals := enumValues(c.field); vals != nil {
			p.choices, p.cursor = nil, 0
			for _, v := range vals {
				p.choices = append(p.choices, choice{field: c.field, value: v, label: c.field + " " + v})
			}
			return m, nil
		}
		p.typing = c.field
		p.input = textinput.New()
		p.input.Prompt = c.field + ": "
		p.input.CharLimit = 200
		p.input.Width = max(m.width-len(p.input.Prompt)-2, 10)
		return m, p.input.Focus()
	}
	return m, nil
}

// chose closes the picker and asks for the value to be queued.
func (m Model) chose(field, value string) (Model, tea.Cmd) {
	tf := m.pick.tf
	m.pick = picker{}
	msg := ResolveMsg{ID: tf.ID, Store: tf.Store, TeamID: tf.TeamID, Field: field, Value: value}
	return m, func() tea.Msg { return msg }
}

// enumValues are a field's possible values, or nil for free text.
func enumValues(field string) []string {
	var out []string
	switch field {
	case "severity":
		for _, s := range review.Severities {
			out = append(out, string(s))
		}
	case "status":
		for _, s := range review.Statuses {
			out = append(out, string(s))
		}
	}
	return out
}

// pickView draws the picker in h lines of the view's width.
func (m Model) pickView(h int) []string {
	s, w := m.styles, m.width
	p := m.pick
	out := []string{s.UntrustedLine("resolve the conflict on "+p.tf.ID+": enter chooses (the next team push sends it), esc leaves it", s.Title, w)}
	if p.typing != "" {
		// The reviewer's own typing, drawn by the text input.
		return append(out, p.input.View())
	}
	for i, c := range p.choices {
		if len(out) >= h {
			break
		}
		mark := "  "
		st := s.Text
		if i == p.cursor {
			mark, st = "> ", s.ListSelected
		}
		out = append(out, s.UntrustedLine(mark+c.label, st, w))
	}
	return out
}
