// Package nav holds the messages any view may send to ask the root model
// to move the reviewer somewhere: open a file at a line, switch tabs. It
// is a leaf package so that views can send them without importing the
// root (which only cmd may import).
package nav

// OpenFileMsg asks the root to show Path (at the pin) in the Files view,
// with the cursor on Line (1-based; 0 for the top).
type OpenFileMsg struct {
	Path string
	Line int
}

// ViewID names a tab of the workbench; the number is the key that
// selects it.
type ViewID int

// The tabs. Files is always present; the others appear when their view is
// added to the root's tab table.
const (
	ViewFiles    ViewID = 1
	ViewChanges  ViewID = 2
	ViewHistory  ViewID = 3
	ViewFindings ViewID = 4
)

// SwitchViewMsg asks the root to make a tab active.
type SwitchViewMsg struct {
	View ViewID
}

// ErrorMsg reports a failure to show on the message line; the app keeps
// running. Err's text is sanitized when drawn.
type ErrorMsg struct {
	Err error
}

// Error makes ErrorMsg an error.
func (e ErrorMsg) Error() string { return e.Err.Error() }

// InfoMsg shows a notice on the message line.
type InfoMsg struct {
	Text string
}
