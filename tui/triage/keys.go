package triage

import (
	"github.com/charmbracelet/bubbles/key"

	"sightline/tui/keys"
)

// KeyMap holds the Triage view's bindings.
type KeyMap struct {
	keys.Nav
	Confirm, Dismiss, Skip key.Binding
	// Reasons[i] picks queue.Reasons[i] once Dismiss asked for one.
	Reasons         [3]key.Binding
	Select, SelAll  key.Binding
	Filter, ShowAll key.Binding
	ShowTeam        key.Binding // only what another room decided
	Cancel          key.Binding
	// Once Confirm asked for a severity: change it, accept it.
	SevDown, SevUp, Accept key.Binding
}

// DefaultKeyMap returns the Triage view's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Nav:     keys.DefaultNav(),
		Confirm: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "confirm: pick the severity, then a finding (CWE, steps from the scanner)")),
		Dismiss: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "dismiss, then f/w/t for the reason")),
		Skip:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "skip: back of the queue")),
		Reasons: [3]key.Binding{
			key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "reason: false positive")),
			key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "reason: won't fix")),
			key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "reason: test code")),
		},
		Select:   key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "select / unselect (actions apply to the selection)")),
		SelAll:   key.NewBinding(key.WithKeys("V"), key.WithHelp("V", "select every shown candidate / none")),
		Filter:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter: rule:R path:P tool:T (a bare word: path)")),
		ShowAll:  key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "show decided candidates too")),
		ShowTeam: key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "show only candidates the team decided (another room's verdict) / the queue")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel the severity / reason / filter")),
		SevDown:  key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("h/←", "confirming: a lower severity")),
		SevUp:    key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("l/→", "confirming: a higher severity")),
		Accept:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "confirming: accept the severity")),
	}
}

// ShortHelp lists the most used keys.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Confirm, k.Dismiss, k.Skip, k.Select, k.Filter}
}

// FullHelp lists every key of the view.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.Confirm, k.Dismiss, k.Skip},
		append(k.Reasons[:], k.SevDown, k.SevUp, k.Accept),
		{k.Select, k.SelAll, k.Filter, k.ShowAll, k.ShowTeam, k.Cancel},
	}
}
