package annotate

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"maps"
	"slices"
	"strings"

	"sightline/review"
	"sightline/review/team"
	"sightline/tui/findings"
	"sightline/tui/nav"
)

// teamOf reads the team stores the workspace at dir holds (what its
// pulls merged) for the panes; nil when it has none. It reads a file that
// may be large, so it runs in a Cmd (loadSnapshot, startReview).
func teamOf(dir string) (*nav.Team, error) {
	views, err := team.Views(dir)
	if err != nil || len(views) == 0 {
		return nil, err
	}
	t := &nav.Team{Reviewed: map[string][]string{}}
	who := map[string]bool{}
	for _, v := range views {
		if v.Identity != "" {
			t.Me = append(t.Me, v.Identity)
		}
		for p, rs := range v.State.Reviewed {
			t.Reviewed[p] = append(t.Reviewed[p], rs...)
		}
		for _, f := range v.State.Findings {
			tf := teamFinding(f, v.Own[f.ID])
			tf.Store, tf.Queued = v.Store, queuedOn(v.Queued, f.ID)
			for _, r := range tf.Involved {
				who[r] = true
			}
			t.Findings = append(t.Findings, tf)
		}
	}
	for p, rs := range t.Reviewed {
		slices.Sort(rs)
		t.Reviewed[p] = slices.Compact(rs)
		for _, r := range t.Reviewed[p] {
			who[r] = true
		}
	}
	t.Reviewers = slices.Sorted(maps.Keys(who))
	return t, nil
}

// teamFinding turns a merged team finding into what the Findings view
// draws; local is its id in this workspace when it is one of ours.
func teamFinding(f team.Finding, local string) nav.TeamFinding {
	tf := nav.TeamFinding{Own: local != "", Author: f.Author,
		Finding: review.Finding{ID: team.Short(f.ID), Title: f.Title, Severity: f.Severity, CWE: f.CWE,
			Status: f.Status, Description: f.Description, Reviewer: f.Author, Steps: f.Steps}}
	if tf.Own {
		tf.ID = local
	}
	involved := map[string]bool{f.Author: true}
	for _, c := range f.Changes {
		involved[c.Reviewer] = true
		tf.Changes = append(tf.Changes, change(c))
	}
	tf.TeamID = f.ID
	for _, c := range f.Conflicts {
		var said []string
		d := nav.Dispute{Field: c.Field}
		for _, cl := range c.Claims {
			said = append(said, cl.Reviewer+" says "+cl.Value)
			d.Said = append(d.Said, nav.Said{Reviewer: cl.Reviewer, Value: cl.Value})
		}
		tf.Conflicts = append(tf.Conflicts, c.Field+": "+strings.Join(said, "; "))
		tf.Disputes = append(tf.Disputes, d)
	}
	if p := f.Pending; p != nil {
		tf.Pending = fmt.Sprintf("%s by %s: needs a second reviewer's confirmation", p.Value, p.Reviewer)
		tf.PendingBy = p.Reviewer
	}
	for _, c := range f.Confirmations {
		tf.Confirmed = append(tf.Confirmed, c.Reviewer)
	}
	tf.Involved = slices.Sorted(maps.Keys(involved))
	return tf
}

// change says what one operation did, in a few words.
func change(c team.Claim) string {
	switch c.Type {
	case team.OpCreate:
		return c.Reviewer + " created it"
	case team.OpStep:
		return c.Reviewer + " added a step at " + c.Value
	case team.OpConfirm:
		return c.Reviewer + " confirmed the status change"
	case team.OpNote:
		return c.Reviewer + " changed the description"
	}
	field := strings.TrimPrefix(c.Type, "finding.")
	return c.Reviewer + " set " + field + " " + c.Value
}

// queuedOn says what the workbench queued for finding id.
func queuedOn(qs []team.Intent, id string) []string {
	var out []string
	for _, q := range qs {
		switch {
		case q.Finding != id:
		case q.Type == team.OpConfirm:
			out = append(out, "confirm the status change")
		default:
			out = append(out, strings.TrimPrefix(q.Type, "finding.")+" "+q.Value)
		}
	}
	return out
}

// queueCmd records a change the Findings view asked for (a conflict's
// value, a confirmation) in the workspace's file of the team store, the
// way --set and --confirm give one to team push, and reads the
// workspace again so that the finding shows it queued.
func queueCmd(ws *review.Workspace, c counter, me string, msg tea.Msg) tea.Cmd {
	return func() tea.Msg {
		var in team.Intent
		var store, done string
		switch msg := msg.(type) {
		case findings.ResolveMsg:
			typ := map[string]string{"severity": team.OpSeverity, "status": team.OpStatus, "title": team.OpTitle, "note": team.OpNote}[msg.Field]
			in, store = team.Intent{Type: typ, Finding: msg.TeamID, Value: msg.Value}, msg.Store
			done = "queued " + msg.ID + " " + msg.Field + " " + msg.Value + ": the next sightline team push signs and sends it"
		case findings.ConfirmMsg:
			in, store = team.Intent{Type: team.OpConfirm, Finding: msg.TeamID}, msg.Store
			done = "queued the confirmation of " + msg.ID + ": the next sightline team push signs and sends it"
		}
		err := team.Queue(ws.Dir(), store, me, in)
		if err != nil {
			done = ""
		}
		return withTeam(ws, snapshot(ws, c, SavedMsg{Done: done, Err: err, write: true}))
	}
}
