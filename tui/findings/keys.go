package findings

import (
	"github.com/charmbracelet/bubbles/key"

	"sightline/tui/keys"
)

// KeyMap holds the Findings view's bindings.
type KeyMap struct {
	keys.Nav
	Open             key.Binding
	Compare          key.Binding // a carried step's old text beside its new
	NextStep         key.Binding
	PrevStep         key.Binding
	Edit             key.Binding
	Delete           key.Binding
	Severity, Status key.Binding // cycle the filters
	Reviewer         key.Binding // cycle the team's reviewers
	Resolve          key.Binding // choose the value that ends a team conflict
	Confirm          key.Binding // confirm a pending change (two-person rule)
	// SetStatus[i] sets review.Statuses[i]: open, confirmed,
	// false-positive, needs-info.
	SetStatus [4]key.Binding
}

// DefaultKeyMap returns the Findings view's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Nav:      keys.DefaultNav(),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open the selected step")),
		Compare:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "carried step: old text beside new (enter too, on a changed step)")),
		NextStep: key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("l/→", "next step")),
		PrevStep: key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("h/←", "previous step")),
		Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit finding")),
		Delete:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "delete finding (asks y/n)")),
		Severity: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "filter: cycle severity")),
		Status:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "filter: cycle status")),
		Reviewer: key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "filter: cycle reviewer (who made or changed it)")),
		Resolve:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "team conflict: pick the value (the next team push sends it)")),
		Confirm:  key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "confirm another reviewer's PENDING change (next team push sends it)")),
		SetStatus: [4]key.Binding{
			key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "status open")),
			key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "status confirmed")),
			key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "status false-positive")),
			key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "status needs-info")),
		},
	}
}

// ShortHelp lists the most used keys.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Edit, k.Delete, k.Severity, k.Status}
}

// FullHelp lists every key of the view.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.Open, k.Compare, k.NextStep, k.PrevStep},
		{k.Edit, k.Delete, k.Severity, k.Status, k.Reviewer, k.Resolve, k.Confirm},
		k.SetStatus[:],
	}
}
