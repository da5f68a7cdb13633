package form

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// KeyMap holds the form's bindings, for help.
type KeyMap struct {
	Next, Prev, Enter, Save, Cancel, Cycle, Clear key.Binding
}

// DefaultKeyMap returns the form's bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		Enter:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next field; on the last, save")),
		Save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Cycle:  key.NewBinding(key.WithKeys("left", "right", " "), key.WithHelp("←/→/space", "change a choice (or type its first letter)")),
		Clear:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "empty a read-only field to write a new value")),
	}
}

// ShortHelp lists the form's keys.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Enter, k.Save, k.Cancel}
}

// FullHelp lists the form's keys in one column.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Next, k.Prev, k.Enter, k.Save, k.Cancel, k.Cycle, k.Clear}}
}

// Update handles a key; other messages are ignored (the inputs' cursors
// do not blink, so they need no ticks).
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || len(m.fields) == 0 || m.submitted {
		return m, nil
	}
	f := &m.fields[m.focus]
	switch k.String() {
	case "esc":
		id := m.id
		return m, func() tea.Msg { return CancelledMsg{ID: id} }
	case "ctrl+s":
		return m.submit()
	case "tab":
		return m, m.setFocus(m.focus + 1)
	case "shift+tab":
		return m, m.setFocus(m.focus - 1)
	case "enter":
		if f.Kind == Text && f.locked == "" {
			break
		}
		if m.focus == len(m.fields)-1 {
			return m.submit()
		}
		return m, m.setFocus(m.focus + 1)
	case "down":
		if f.Kind != Text || f.locked != "" {
			return m, m.setFocus(m.focus + 1)
		}
	case "up":
		if f.Kind != Text || f.locked != "" {
			return m, m.setFocus(m.focus - 1)
		}
	}
	m.err = ""
	if f.locked != "" {
		// The stored text is kept as it is unless the reviewer asks.
		if key.Matches(k, m.keys.Clear) {
			f.clear()
			return m, nil
		}
		m.err = f.Label + " is read-only: " + f.locked + "; ctrl+r empties it to write a new value"
		return m, nil
	}
	var cmd tea.Cmd
	switch f.Kind {
	case Line:
		f.input, cmd = f.input.Update(k)
	case Text:
		f.area, cmd = f.area.Update(k)
	case Choice:
		f.cycle(k)
	}
	f.afterEdit()
	return m, cmd
}

// cycle changes a choice: left/right/space step through the values, a
// letter picks the next value that starts with it.
func (f *field) cycle(k tea.KeyMsg) {
	n := len(f.Choices)
	if n == 0 {
		return
	}
	switch k.String() {
	case "right", " ":
		f.choice = (f.choice + 1) % n
		return
	case "left":
		f.choice = (f.choice + n - 1) % n
		return
	}
	if k.Type != tea.KeyRunes || len(k.Runes) != 1 {
		return
	}
	c := strings.ToLower(string(k.Runes))
	for i := 1; i <= n; i++ {
		j := (f.choice + i) % n
		if strings.HasPrefix(strings.ToLower(f.Choices[j]), c) {
			f.choice = j
			return
		}
	}
}

// submit validates every field and sends SubmittedMsg, or shows the first
// error and focuses its field. A submitted form takes no more keys: see
// Model.submitted.
func (m Model) submit() (Model, tea.Cmd) {
	vals := m.Values()
	for i, f := range m.fields {
		if f.Validate == nil {
			continue
		}
		if err := f.Validate(vals[i]); err != nil {
			m.err = err.Error()
			return m, m.setFocus(i)
		}
	}
	id, changed := m.id, m.Changed()
	m.submitted = true
	return m, func() tea.Msg { return SubmittedMsg{ID: id, Values: vals, Changed: changed} }
}
