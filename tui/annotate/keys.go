package annotate

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/nav"
)

// KeyMap is the annotation keys of the Files and Changes views and the
// global export key. NextStep and PrevStep are two-key sequences; the
// controller holds their first key back until the second arrives.
type KeyMap struct {
	Select, Add, AddStep, Mark, NextStep, PrevStep, Export key.Binding
	// CopyPath (y) and CopyRef (Y) put the path, or the path:line@commit
	// reference, on the terminal's clipboard (OSC 52).
	CopyPath, CopyRef key.Binding
	// Carry accepts the offer to carry an earlier review (offer.go).
	Carry key.Binding
}

// DefaultKeyMap returns the annotation bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Select:   key.NewBinding(key.WithKeys("V"), key.WithHelp("V", "select lines (code view or diff); j/k extend, esc drops")),
		Add:      key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "new finding from the selection / line")),
		AddStep:  key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "add the selection as a step of the current finding")),
		Mark:     key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark file (or directory) reviewed / not")),
		NextStep: key.NewBinding(key.WithKeys("]s"), key.WithHelp("]s", "next step of the current finding (none: the first finding)")),
		PrevStep: key.NewBinding(key.WithKeys("[s"), key.WithHelp("[s", "previous step")),
		Export:   key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "export findings (bundle, SARIF, Markdown)")),
		CopyPath: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy the path (OSC 52 clipboard)")),
		CopyRef:  key.NewBinding(key.WithKeys("Y"), key.WithHelp("Y", "copy path:line@commit of the selection / line")),
		Carry:    key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "carry the earlier review offered at start into this new workspace")),
	}
}

// ShortHelp lists the annotation keys.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Add, k.AddStep, k.Mark, k.Export}
}

// FullHelp lists the annotation keys in two columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Select, k.Add, k.AddStep, k.Mark}, {k.NextStep, k.PrevStep, k.Export, k.CopyPath, k.CopyRef, k.Carry}}
}

// startsSequence reports whether msg is the first key of one of b's
// multi-key sequences.
func startsSequence(msg tea.KeyMsg, bs ...key.Binding) bool {
	s := msg.String()
	for _, b := range bs {
		if !b.Enabled() {
			continue
		}
		for _, k := range b.Keys() {
			if len(k) > len(s) && strings.HasPrefix(k, s) {
				return true
			}
		}
	}
	return false
}

// completes reports whether prefix followed by msg is one of b's keys.
func completes(prefix string, msg tea.KeyMsg, b key.Binding) bool {
	return b.Enabled() && slices.Contains(b.Keys(), prefix+msg.String())
}

// Outcome says what became of a key given to Key.
type Outcome struct {
	// Handled is true when the key was the controller's; false: give it
	// to the pane.
	Handled bool
	// Replay, when set, is a held-back first key that turned out not to
	// start a step walk: give it to the pane, then ask Key about the key
	// again (the Changes diff has its own ]c and ]f).
	Replay *tea.KeyMsg
}

var handled = Outcome{Handled: true}

// Key handles the annotation keys in tab, whose pane reports the lines
// and the path to mark. Keys it does not handle are the pane's.
func (m Model) Key(msg tea.KeyMsg, tab nav.ViewID, pane Pane) (Model, tea.Cmd, Outcome) {
	k := m.keys
	if key.Matches(msg, k.Carry) && m.pending == "" {
		return m, m.carry(), handled
	}
	if tab == nav.ViewChanges {
		return m.changesKey(msg, pane)
	}
	if tab == nav.ViewRelease {
		return m.releaseKey(msg, pane)
	}
	if tab != nav.ViewFiles && tab != nav.ViewFindings {
		if key.Matches(msg, k.Export) {
			return m, m.openExport(), handled
		}
		return m, nil, Outcome{}
	}
	if p := m.pending; p != "" {
		m.pending = ""
		if d, ok := m.stepDirection(p, msg); ok {
			m.walkStep(d)
			return m, nil, handled
		}
		// Any other key: the held-back one is dropped, this one counts.
	}
	switch {
	case startsSequence(msg, k.NextStep, k.PrevStep):
		m.pending = msg.String()
		return m, nil, handled
	case key.Matches(msg, k.Export):
		return m, m.openExport(), handled
	case tab != nav.ViewFiles:
		return m, nil, Outcome{}
	case key.Matches(msg, k.Add):
		return m, m.startAdd(pane), handled
	case key.Matches(msg, k.AddStep):
		return m, m.startStep(pane), handled
	case key.Matches(msg, k.Mark):
		return m, m.mark(pane), handled
	case key.Matches(msg, k.CopyPath):
		return m, m.copyPath(pane), handled
	case key.Matches(msg, k.CopyRef):
		return m, m.copyRef(pane), handled
	}
	return m, nil, Outcome{}
}

// changesKey is Key in the Changes tab: ]s and [s walk the steps here
// too, while ]c, ]f and the rest still reach the diff, prefix first.
func (m Model) changesKey(msg tea.KeyMsg, pane Pane) (Model, tea.Cmd, Outcome) {
	k := m.keys
	if p := m.pending; p != "" {
		m.pending = ""
		if d, ok := m.stepDirection(p, msg); ok {
			m.walkStep(d)
			return m, nil, handled
		}
		replay := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(p)}
		return m, nil, Outcome{Replay: &replay}
	}
	switch {
	case startsSequence(msg, k.NextStep, k.PrevStep):
		m.pending = msg.String()
		return m, nil, handled
	case key.Matches(msg, k.Add, k.AddStep):
		if !pane.Annotating() {
			return m, nil, Outcome{}
		}
		if key.Matches(msg, k.Add) {
			return m, m.startAdd(pane), handled
		}
		return m, m.startStep(pane), handled
	case key.Matches(msg, k.Mark):
		return m, m.mark(pane), handled
	case key.Matches(msg, k.Export):
		return m, m.openExport(), handled
	case key.Matches(msg, k.CopyPath):
		return m, m.copyPath(pane), handled
	case key.Matches(msg, k.CopyRef):
		return m, m.copyRef(pane), handled
	}
	return m, nil, Outcome{}
}

// releaseKey is Key in the Release tab: a and A on the lines of the diff
// open there, E exports; m is the tab's own (it marks archive members,
// a scope of their own, not files at the pin).
func (m Model) releaseKey(msg tea.KeyMsg, pane Pane) (Model, tea.Cmd, Outcome) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Add) && pane.Annotating():
		return m, m.startAdd(pane), handled
	case key.Matches(msg, k.AddStep) && pane.Annotating():
		return m, m.startStep(pane), handled
	case key.Matches(msg, k.Export):
		return m, m.openExport(), handled
	}
	return m, nil, Outcome{}
}

// stepDirection is +1 or -1 when prefix and msg complete ]s or [s.
func (m Model) stepDirection(prefix string, msg tea.KeyMsg) (int, bool) {
	switch {
	case completes(prefix, msg, m.keys.NextStep):
		return 1, true
	case completes(prefix, msg, m.keys.PrevStep):
		return -1, true
	}
	return 0, false
}
