// Package nav is the contract between the root model and the panes: the
// messages any view may send to ask the root to move the reviewer
// somewhere (open a file at a line, switch tabs), the selected-lines
// value a pane reports to the review keys (Lines), and the review
// snapshot the root hands each pane to draw its marks from (Review). It
// is a leaf below the panes so that they need not import the root (which
// only cmd may import) nor each other.
package nav

// OpenFileMsg asks the root to show Path (at the pin) in the Files view,
// with the cursor on Line (1-based; 0 for the top) and the column cursor
// on byte column Col of it (1-based, as the symbol index counts; 0: the
// line's first non-blank), so that a jump to a name lands on it.
type OpenFileMsg struct {
	Path string
	Line int
	Col  int
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
	ViewRelease  ViewID = 5 // a release archive against the pin (--artifact)
	ViewTriage   ViewID = 6 // imported scanner results ('sightline import')
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

// CopyMsg asks the root to put Text on the clipboard (y, Y); What says
// what it is on the message line ("path", "reference"). Text may be
// untrusted: the root sanitizes it.
type CopyMsg struct {
	Text, What string
}

// SymbolMsg asks the root to find the definitions (gd, ctrl+]) or, with
// Refs, the references (gr) of the identifier Name, used in Path at Line:
// the file decides how definitions rank. Name is raw file text.
type SymbolMsg struct {
	Name string
	Path string
	Line int
	Refs bool
	// Words, when Name is empty, are the identifiers of a diff line (a
	// diff has no column cursor): the root lets the reviewer pick one,
	// then looks it up.
	Words []string
	// Suggest is the word of Words the list's cursor starts on: the
	// first that is not a keyword.
	Suggest int
}

// OutlineMsg asks the root for the outline (o) of the file at Path, its
// cursor at Line: the file's definitions, the list's cursor on the one
// the line is in.
type OutlineMsg struct {
	Path string
	Line int
}

// WordSearchMsg asks the root to let the reviewer pick which word of a
// diff line * searches (a diff has no column cursor): Words are the
// line's words, Suggest the one the list's cursor starts on, Line the
// new-side line, for the list's title. The root answers the view that
// asked with SearchWordMsg.
type WordSearchMsg struct {
	Words   []string
	Suggest int
	Line    int
}

// SearchWordMsg is the word the reviewer picked for *: the view searches
// it, whole and case sensitive, from its cursor. Word is raw file text.
type SearchWordMsg struct {
	Word string
}
