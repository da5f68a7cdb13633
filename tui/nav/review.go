package nav

import (
	"fmt"
	"strconv"

	"github.com/charmbracelet/lipgloss"

	"sightline/repo"
	"sightline/review"
	"sightline/tui/theme"
)

// Lines is the lines a pane has selected (V) or under its cursor: what a
// finding's location is made of. The root asks the active pane for them
// when an annotation key is pressed, instead of reaching into it.
type Lines struct {
	Path       string
	Start, End int    // 1-based, inclusive
	Side       string // "" outside a diff; review.SideBase or review.SidePin in one
	Commit     repo.Hash
	Base       *repo.Pin // the diff's base, for a base-side location
	// Archive, when set, puts the lines in a member of a release
	// archive (Path is the member); Content is the member's bytes, read
	// from the archive, that the location is made of.
	Archive *review.ArchiveRef
	Content []byte
}

// String is "path:10-12", with the side for a diff location.
func (l Lines) String() string {
	s := l.Path + ":" + LineRange(l.Start, l.End)
	if l.Side != "" {
		s += " (" + l.Side + ")"
	}
	if l.Archive != nil {
		s = l.Archive.Name + ":" + s
	}
	return s
}

// LineRange is "10" for one line and "10-12" for several.
func LineRange(a, b int) string {
	if a == b {
		return strconv.Itoa(a)
	}
	return strconv.Itoa(a) + "-" + strconv.Itoa(b)
}

// Review is what a pane draws of the review: a snapshot of the
// workspace's findings and of the files marked reviewed. Panes compute
// their own marks from it, and only when Snap (or what they show) changed.
type Review struct {
	Snap     int64     // orders snapshots; -1 before the first
	Pin      repo.Hash // the session's pin: reviewed marks are of files there
	Findings []review.Finding
	Reviewed map[string]bool // paths at the pin; replaced, never changed in place
	Team     *Team           // the team's review; nil when the workspace has none
}

// MarkTitle is what the status line shows on a line a finding marks. It
// is raw: whoever draws it sanitizes it.
func MarkTitle(f review.Finding) string {
	return f.ID + " [" + string(f.Severity) + "] " + f.Title
}

// SeverityStyle is the colour of a finding's marks.
func SeverityStyle(sev review.Severity, s theme.Styles) lipgloss.Style {
	if st, ok := s.Severity[string(sev)]; ok {
		return st
	}
	return s.Text
}

// ClearSelectionMsg asks the panes to drop their V selection (a finding
// was just made of it).
type ClearSelectionMsg struct{}

// ShowPathMsg asks for the History tab listing only the commits that
// touched Path (L in the Files view).
type ShowPathMsg struct{ Path string }

// CompareAtBaseMsg asks for the Changes tab comparing Commit with the pin,
// its diff on Path with the cursor on Line of the base side: where a
// base-side step of a finding was recorded.
type CompareAtBaseMsg struct {
	Commit repo.Hash
	Path   string
	Line   int
}

// ReviewKey names what a pane last drew of the review: the snapshot and
// whatever else the marks depend on (path, commits, counts). Panes
// compare keys to skip recomputing; every such key is built here, one
// way.
func ReviewKey(snap int64, parts ...any) string {
	s := strconv.FormatInt(snap, 10)
	for _, p := range parts {
		s += "\x00" + fmt.Sprint(p)
	}
	return s
}
