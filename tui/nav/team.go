package nav

import (
	"strconv"
	"strings"

	"sightline/review"
)

// Team is what the workspace holds of its team stores (sightline team
// pull), as the panes draw it. All text in it is raw: other reviewers
// wrote it, and whoever draws it sanitizes it.
type Team struct {
	Reviewers []string            // everyone with an operation merged here, sorted
	Findings  []TeamFinding       // the team's findings, own ones included
	Reviewed  map[string][]string // path -> who marked it reviewed, sorted
	Me        []string            // who works here: the session's and workspace's reviewer, who pushed from it
}

// TeamFinding is one team finding with its attribution.
type TeamFinding struct {
	// Finding is its merged state; its ID is the workspace's own (F-0001)
	// when it is one of this workspace's findings, else T- and 8 digits.
	review.Finding
	Own       bool
	Author    string
	Changes   []string // "bob: severity critical", in merge order
	Conflicts []string // "severity: alice says low; bob says critical"
	Pending   string   // "false-positive by alice: needs a second reviewer's confirmation"
	Confirmed []string // who confirmed its current status
	Involved  []string // everyone who created or changed it, sorted
	// Store and TeamID name it in its team store, for a change the
	// workbench queues for the next push (r, v in the Findings tab).
	Store, TeamID string
	Disputes      []Dispute // Conflicts, as values to choose from
	PendingBy     string    // who proposed the change waiting for confirmation
	Queued        []string  // "severity critical", "confirm": waiting for team push
}

// Dispute is one field in conflict with who said what.
type Dispute struct {
	Field string
	Said  []Said
}

// Said is one reviewer's value in a dispute.
type Said struct{ Reviewer, Value string }

// ReviewedBy is the team's word on path: who marked it reviewed, and of
// how many reviewers ("reviewed by 2 of 3 (alice, bob)"); "" without a
// team.
func (t *Team) ReviewedBy(path string) string {
	if t == nil || len(t.Reviewers) == 0 {
		return ""
	}
	who := t.Reviewed[path]
	s := "reviewed by " + strconv.Itoa(len(who)) + " of " + strconv.Itoa(len(t.Reviewers))
	if len(who) > 0 {
		s += " (" + strings.Join(who, ", ") + ")"
	}
	return s
}
