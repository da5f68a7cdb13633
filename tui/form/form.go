// Package form is a small modal form of labelled fields: one-line text,
// multi-line text and a choice among fixed values. The add/edit finding
// form, the step note and the export dialog are all built from it.
//
// Keys: tab and shift+tab (or down and up outside a text area) move
// between fields; enter on a one-line or choice field moves to the next
// field, and on the last field submits; ctrl+s submits from anywhere; esc
// cancels. A choice cycles with left/right or space, and a typed letter
// picks the next value starting with it. Every field's Validate runs on
// submit: the first error is shown under the form and focus moves to the
// field, and nothing is submitted. A submitted form ignores keys until
// its owner refuses the save (SetError), so a second enter or ctrl+s read
// with the first cannot submit it twice.
//
// Fields edit the stored text and only display it sanitized: see raw.go
// for fields whose text cannot be shown as itself (read-only; ctrl+r
// empties one).
package form

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/theme"
)

// Kind is what sort of input a field is.
type Kind int

// The field kinds.
const (
	Line   Kind = iota // one line of text
	Text               // several lines of text (a text area)
	Choice             // one of Field.Choices
)

// Field describes one field of a form.
type Field struct {
	Label   string
	Kind    Kind
	Value   string   // initial value; for a Choice, one of Choices (else the first)
	Choices []string // the values of a Choice
	Hint    string   // shown after the label, such as "CWE-78 or empty"
	Secret  bool     // a Line whose text is not shown (a passphrase)
	// Validate checks the value on submit; its error text is shown as is,
	// so it should say what is allowed.
	Validate func(string) error
}

// SubmittedMsg is sent when the form is submitted: Values are the fields'
// values in order, and Changed says which differ from the values the form
// was built with. ID is the id the form was built with.
type SubmittedMsg struct {
	ID      string
	Values  []string
	Changed []bool
}

// Unchanged reports whether no field was changed.
func (s SubmittedMsg) Unchanged() bool {
	for _, c := range s.Changed {
		if c {
			return false
		}
	}
	return true
}

// CancelledMsg is sent when the form is cancelled with esc.
type CancelledMsg struct{ ID string }

// field is a Field with its editing state.
type field struct {
	Field
	input  textinput.Model
	area   textarea.Model
	choice int
	// raw is the text of a Line or Text field byte for byte: the stored
	// value until the reviewer edits it. The input shows it sanitized.
	raw string
	// locked says why raw cannot be edited as itself here ("" when it
	// can); the field then keeps raw and only ctrl+r empties it.
	locked string
}

// Model is a form. Build it with New.
type Model struct {
	id     string
	title  string
	fields []field
	focus  int
	err    string
	note   string
	styles theme.Styles
	keys   KeyMap
	width  int
	height int // rows the form may take; 0 is no limit
	// submitted is set by a submit: the SubmittedMsg travels through a
	// Cmd, so keys read with the submitting one ("enter enter") arrive
	// before its owner knows; they are ignored until SetError.
	submitted bool
}

// New builds a form titled title with the given fields; the first field
// has focus. id is echoed in the form's messages.
func New(id, title string, fields []Field, s theme.Styles) Model {
	m := Model{id: id, title: title, styles: s, keys: DefaultKeyMap(), width: 60}
	for _, f := range fields {
		m.fields = append(m.fields, newField(f, s))
	}
	m.setFocus(0)
	return m
}

func newField(f Field, s theme.Styles) field {
	fl := field{Field: f}
	switch f.Kind {
	case Line:
		in := textinput.New()
		in.Cursor.SetMode(cursor.CursorStatic)
		in.Prompt = ""
		in.CharLimit = 500
		in.TextStyle = s.Text
		if f.Secret {
			in.EchoMode = textinput.EchoPassword
		}
		fl.input = in
	case Text:
		a := textarea.New()
		a.Cursor.SetMode(cursor.CursorStatic)
		a.ShowLineNumbers = false
		a.Prompt = "│ "
		a.CharLimit = 0
		a.SetHeight(5)
		fl.area = a
	case Choice:
		for i, c := range f.Choices {
			if c == f.Value {
				fl.choice = i
			}
		}
	}
	fl.setText(f.Value)
	return fl
}

// ID is the id the form was built with.
func (m Model) ID() string { return m.id }

// SetWidth sets the width of the form's inputs, in cells.
func (m *Model) SetWidth(w int) {
	m.width = max(w, 20)
	for i := range m.fields {
		switch m.fields[i].Kind {
		case Line:
			m.fields[i].input.Width = m.width - 2
		case Text:
			m.fields[i].area.SetWidth(m.width - 2)
		}
	}
}

// SetHeight limits the form to h rows (0: no limit): on a short terminal
// the fields scroll so that the focused one stays in view.
func (m *Model) SetHeight(h int) { m.height = max(h, 0) }

// SetValue replaces the text of one-line field i (a value another field's
// choice implies, such as a file name's extension).
func (m *Model) SetValue(i int, v string) {
	if i >= 0 && i < len(m.fields) && m.fields[i].Kind == Line {
		m.fields[i].setText(v)
	}
}

// SetError shows err under the form (a refused save), keeping the values,
// and lets it be edited and submitted again.
func (m *Model) SetError(err string) { m.err, m.submitted = err, false }

// SetNote shows a line of context under the title, such as the location
// the finding is made from.
func (m *Model) SetNote(note string) { m.note = note }

// Values returns the fields' current values, in order.
func (m Model) Values() []string {
	out := make([]string, len(m.fields))
	for i, f := range m.fields {
		out[i] = f.value()
	}
	return out
}

func (f field) value() string {
	switch f.Kind {
	case Text:
		if f.locked != "" {
			return f.raw
		}
		return f.area.Value()
	case Choice:
		if f.choice < len(f.Choices) {
			return f.Choices[f.choice]
		}
		return ""
	}
	if f.locked != "" {
		return f.raw
	}
	return f.input.Value()
}

// Changed reports, for each field, whether its value differs from the
// one the form was built with.
func (m Model) Changed() []bool {
	out := make([]bool, len(m.fields))
	for i, f := range m.fields {
		out[i] = f.value() != f.Value
	}
	return out
}

// Focused is the index of the field with focus.
func (m Model) Focused() int { return m.focus }

func (m *Model) setFocus(i int) tea.Cmd {
	if len(m.fields) == 0 {
		return nil
	}
	i = (i + len(m.fields)) % len(m.fields)
	for j := range m.fields {
		m.fields[j].input.Blur()
		m.fields[j].area.Blur()
	}
	m.focus = i
	switch m.fields[i].Kind {
	case Line:
		return m.fields[i].input.Focus()
	case Text:
		return m.fields[i].area.Focus()
	}
	return nil
}
