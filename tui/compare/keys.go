package compare

import "github.com/charmbracelet/bubbles/key"

// keyMap is the page's own keys; the list and the diff have theirs.
type keyMap struct {
	// Back cancels a running load, else drops a V selection, else leaves
	// the diff for the list, else leaves the page: backspace too, as on a
	// file opened from a diff.
	Back key.Binding
	// SwitchPane moves the keyboard between the list and the diff.
	SwitchPane key.Binding
	// Zoom shows the focused pane (list or diff) alone, at full width,
	// and back: at 80 columns the diff or the paths need every column.
	Zoom key.Binding
	// OpenBase opens the file under the cursor as it is at the base,
	// read-only, in the Files view (o there, or q, comes back).
	OpenBase key.Binding
}

func defaultKeyMap() keyMap {
	return keyMap{
		Back:       key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "cancel / back")),
		SwitchPane: key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "switch pane")),
		Zoom:       key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "zoom the pane (hide the other) / unzoom")),
		OpenBase:   key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open the file as it is at the base, read-only (o or q back)")),
	}
}

// OpenBaseKey is the binding that opens the base-side file, for help.
func OpenBaseKey() key.Binding { return defaultKeyMap().OpenBase }
