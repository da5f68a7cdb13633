package annotate

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/review"
	"sightline/review/bundle"
	"sightline/review/team"
	"sightline/tui/export"
	"sightline/tui/form"
	"sightline/tui/nav"
)

// SavedMsg is the answer of every workspace change: what was done (for
// the message line), the error if any, and a snapshot of the findings and
// coverage taken after it. Snap orders snapshots: an older one than the
// one shown is not applied.
type SavedMsg struct {
	Done     string         // "saved F-0003", shown when Err is nil
	Finding  review.Finding // the finding made or changed, if any
	FormID   string         // the form that asked for it (form.IDAddFinding…; "" for none)
	Err      error
	Snap     int64
	Findings []review.Finding
	Reviewed []review.ReviewedFile
	Pending  int  // changes still not on disk
	Carried  bool // the review was carried from an older pin
	// Base, set by a carry, is the Changes tab's new base: the old pin,
	// so that it lists what changed since the last review at once.
	Base *repo.Pin
	// TeamRead says Team was read with this snapshot (only on showing the
	// Findings tab and at start: the team's file can be large); Team is
	// nil when the workspace holds no team store.
	TeamRead bool
	Team     *nav.Team
	TeamErr  error
	// write says it answers a queued write (writes.go): the next starts.
	write bool
}

// flushMsg asks to retry writing pending changes.
type flushMsg struct{}

// flushDelay is how long a change that could not be written waits before
// the workbench tries again (each later change also tries).
const flushDelay = 5 * time.Second

// flushLater schedules that retry.
func flushLater() tea.Cmd { return tea.Tick(flushDelay, func(time.Time) tea.Msg { return flushMsg{} }) }

// counter numbers snapshots (an *atomic.Int64 shared by the model and its
// Cmds).
type counter interface{ Add(int64) int64 }

// snapshot fills the findings and coverage of the workspace into msg.
func snapshot(ws *review.Workspace, c counter, msg SavedMsg) SavedMsg {
	msg.Snap = c.Add(1)
	msg.Findings = ws.Findings()
	msg.Reviewed = ws.Reviewed()
	msg.Pending = ws.Pending()
	msg.Carried = len(ws.Provenance()) > 0
	return msg
}

// withTeam adds the team's review to a snapshot.
func withTeam(ws *review.Workspace, msg SavedMsg) SavedMsg {
	msg.TeamRead = true
	msg.Team, msg.TeamErr = teamOf(ws.Dir())
	if r := ws.Meta().Reviewer; msg.Team != nil && r != "" {
		msg.Team.Me = append(msg.Team.Me, r)
	}
	return msg
}

// wsCmd runs one workspace change in the background and answers with a
// SavedMsg. Everything it needs is in its arguments: it never touches the
// model.
func wsCmd(ws *review.Workspace, c counter, formID string, do func(ctx context.Context) (string, review.Finding, error)) tea.Cmd {
	return func() tea.Msg {
		done, f, err := do(context.Background())
		return snapshot(ws, c, SavedMsg{Done: done, Finding: f, FormID: formID, Err: err, write: true})
	}
}

// loadSnapshot reads the workspace state (after reading other processes'
// changes and writing anything pending) on showing the Findings tab and
// for a retry.
func loadSnapshot(ws *review.Workspace, c counter) tea.Cmd {
	return func() tea.Msg {
		err := ws.Refresh()
		return withTeam(ws, snapshot(ws, c, SavedMsg{Err: err}))
	}
}

// startReview is the first snapshot; it tells the reviewer where the
// workspace is (also in ? and tab 4), or that it is read-only because its
// journal was rolled back.
func startReview(ws *review.Workspace, c counter, offer string) tea.Cmd {
	return func() tea.Msg {
		err := ws.Refresh()
		done := "review workspace " + ws.Dir()
		if offer != "" {
			done = offer
		}
		if rb := ws.RolledBack(); rb != nil {
			// Said on screen at once: every save is refused until the
			// reviewer chooses (stderr is hidden by the full screen).
			done = "read-only: " + rb.Error()
		}
		return withTeam(ws, snapshot(ws, c, SavedMsg{Done: done, Err: err}))
	}
}

// locate makes the location of d's lines over r.
func locate(ctx context.Context, r *repo.Repo, d draft) (review.Location, error) {
	if d.Archive != nil {
		return review.NewArchiveLocation(d.Commit, *d.Archive, d.Path, d.Content, d.Start, d.End)
	}
	if r == nil {
		return review.Location{}, errors.New("no repository to make a location in")
	}
	return review.NewLocation(ctx, r, d.Commit, d.Path, d.Start, d.End, d.Side)
}

// addFindingCmd makes the location of d and adds f with it as step 1.
func addFindingCmd(dp Deps, c counter, d draft, f review.Finding) tea.Cmd {
	return wsCmd(dp.WS, c, form.IDAddFinding, func(ctx context.Context) (string, review.Finding, error) {
		if err := ensureBase(dp.WS, d); err != nil {
			return "", review.Finding{}, err
		}
		loc, err := locate(ctx, dp.Repo, d)
		if err != nil {
			return "", review.Finding{}, err
		}
		f.Steps = []review.Step{{Location: loc}}
		f.Reviewer = dp.Reviewer
		g, err := dp.WS.AddFinding(f)
		return "saved " + g.ID + " (" + loc.String() + ")", g, err
	})
}

// addStepCmd makes the location of d and appends it to finding d.id.
func addStepCmd(dp Deps, c counter, d draft, note string) tea.Cmd {
	return wsCmd(dp.WS, c, form.IDStepNote, func(ctx context.Context) (string, review.Finding, error) {
		if err := ensureBase(dp.WS, d); err != nil {
			return "", review.Finding{}, err
		}
		loc, err := locate(ctx, dp.Repo, d)
		if err != nil {
			return "", review.Finding{}, err
		}
		g, err := dp.WS.AddStep(d.id, review.Step{Location: loc, Note: note})
		return fmt.Sprintf("saved step %d of %s (%s)", len(g.Steps), d.id, loc.String()), g, err
	})
}

// ensureBase records the draft's base in the workspace before a base-side
// location is added (the base may have been chosen in the History tab).
// It runs inside a Cmd.
func ensureBase(ws *review.Workspace, d draft) error {
	if d.Side != review.SideBase || d.Base == nil {
		return nil
	}
	if b := ws.Meta().Base; b != nil && b.Commit == d.Base.Commit.String() {
		return nil
	}
	rev := review.RevOf(*d.Base)
	return ws.SetBase(&rev)
}

// editFindingCmd applies the form's values to finding id.
func editFindingCmd(ws *review.Workspace, c counter, id string, edit func(*review.Finding)) tea.Cmd {
	return wsCmd(ws, c, form.IDEditFinding, func(context.Context) (string, review.Finding, error) {
		g, err := ws.UpdateFinding(id, edit)
		return "saved " + id, g, err
	})
}

// statusCmd sets the status of finding id.
func statusCmd(ws *review.Workspace, c counter, id string, st review.Status) tea.Cmd {
	return wsCmd(ws, c, "", func(context.Context) (string, review.Finding, error) {
		g, err := ws.SetStatus(id, st)
		return "saved " + id + ": " + string(st), g, err
	})
}

// deleteCmd deletes finding id.
func deleteCmd(ws *review.Workspace, c counter, id string) tea.Cmd {
	return wsCmd(ws, c, "", func(context.Context) (string, review.Finding, error) {
		return "deleted " + id, review.Finding{}, ws.DeleteFinding(id)
	})
}

// exportCmd loads the signer and writes the export the dialog asked for,
// of the workspace and over the repository the controller was given.
func exportCmd(dp Deps, req export.Request) tea.Cmd {
	ws, r := dp.WS, dp.Repo
	return export.Run(func(ctx context.Context, opts bundle.ExportOptions) ([]string, error) {
		opts.Workspace, opts.Repo, opts.Team = ws, r, team.Bundles
		return bundle.Export(ctx, opts)
	}, req)
}

// notSaved reports whether err means the change is kept in memory but not
// on disk yet.
func notSaved(err error) bool { return errors.Is(err, review.ErrNotSaved) }
