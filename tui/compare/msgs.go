package compare

import (
	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/tui/diff"
)

// ChangesMsg carries the changed files between Base and Head, for the
// load numbered Seq of page ID. The names come first (Counted false: a
// tree diff, fast), then the same list with line counts (Counted true).
type ChangesMsg struct {
	ID         int64
	Base, Head repo.Hash
	Seq        int
	Counted    bool
	Changes    []repo.FileChange
	Err        error
}

// FileMsg carries one file's prepared diff, for the file load numbered
// Seq of page ID.
type FileMsg struct {
	ID     int64
	Key    FileKey
	Seq    int
	File   diff.File
	Anchor diff.Anchor
	Line   int  // when > 0, show the file at this new-side line instead of Anchor
	Old    bool // Line is an old-side (base) line
	Index  int  // the change's position in the list
}

// FileKey is what a file's diff depends on.
type FileKey struct {
	Old, New repo.Hash
	Path     string
	Context  int
}

// progressMsg reports how far the changes load has got.
type progressMsg struct {
	id          int64
	seq         int
	done, total int
	ch          <-chan [2]int
}

// startMsg asks page id to start comparing (see Start).
type startMsg struct {
	id                   int64
	base, head           repo.Hash
	baseLabel, headLabel string
}

// BackMsg says the user pressed esc on the list of page ID with nothing
// to cancel: an owner that opened this page from elsewhere closes it. The
// root broadcasts it, so an owner checks ID against its page's.
type BackMsg struct{ ID int64 }

// ownMsg is a message from one of the page's own panes, tagged with the
// page's id: the root broadcasts results to every view, and two pages
// (Changes, and History's commit diff) must not act on each other's.
type ownMsg struct {
	id  int64
	msg tea.Msg
}
