package tui

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/review"
)

// savedMsg is the answer of every workspace change: what was done (for
// the message line), the error if any, and a snapshot of the findings and
// coverage taken after it. Snap orders snapshots: an older one than the
// one shown is not applied.
type savedMsg struct {
	Done     string         // "saved F-0003", shown when Err is nil
	Finding  review.Finding // the finding made or changed, if any
	FormID   string         // the form that asked for it ("" for none)
	Err      error
	Snap     int64
	Findings []review.Finding
	Reviewed []review.ReviewedFile
	Pending  int // changes still not on disk
}

// flushMsg asks to retry writing pending changes.
type flushMsg struct{}

// flushDelay is how long a change that could not be written waits before
// the workbench tries again (each later change also tries).
const flushDelay = 5 * time.Second

// counter numbers snapshots (an *atomic.Int64 shared by the model and its
// Cmds).
type counter interface{ Add(int64) int64 }

// snapshot fills the findings and coverage of the workspace into msg.
func snapshot(ws *review.Workspace, c counter, msg savedMsg) savedMsg {
	msg.Snap = c.Add(1)
	msg.Findings = ws.Findings()
	msg.Reviewed = ws.Reviewed()
	msg.Pending = ws.Pending()
	return msg
}

// wsCmd runs one workspace change in the background and answers with a
// savedMsg. Everything it needs is in its arguments: it never touches the
// model.
func wsCmd(r Review, c counter, formID string, do func(ctx context.Context) (string, review.Finding, error)) tea.Cmd {
	return func() tea.Msg {
		done, f, err := do(context.Background())
		return snapshot(r.WS, c, savedMsg{Done: done, Finding: f, FormID: formID, Err: err})
	}
}

// loadSnapshot reads the workspace state (after reading other processes'
// changes and writing anything pending) at start-up, on showing the
// Findings tab and for a retry.
func loadSnapshot(r Review, c counter) tea.Cmd {
	return func() tea.Msg {
		err := r.WS.Refresh()
		return snapshot(r.WS, c, savedMsg{Err: err})
	}
}

// startReview is the first snapshot; it tells the reviewer where the
// workspace is (also in ? and tab 4).
func startReview(r Review, c counter) tea.Cmd {
	return func() tea.Msg {
		err := r.WS.Refresh()
		return snapshot(r.WS, c, savedMsg{Done: "review workspace " + r.WS.Dir(), Err: err})
	}
}

// addFindingCmd makes the location of d and adds f with it as step 1.
func addFindingCmd(r Review, c counter, d draft, f review.Finding) tea.Cmd {
	return wsCmd(r, c, "add", func(ctx context.Context) (string, review.Finding, error) {
		if err := ensureBase(r.WS, d); err != nil {
			return "", review.Finding{}, err
		}
		loc, err := r.Locate(ctx, d.commit, d.path, d.start, d.end, d.side)
		if err != nil {
			return "", review.Finding{}, err
		}
		f.Steps = []review.Step{{Location: loc}}
		f.Reviewer = r.Reviewer
		g, err := r.WS.AddFinding(f)
		return "saved " + g.ID + " (" + loc.String() + ")", g, err
	})
}

// addStepCmd makes the location of d and appends it to finding d.id.
func addStepCmd(r Review, c counter, d draft, note string) tea.Cmd {
	return wsCmd(r, c, "step", func(ctx context.Context) (string, review.Finding, error) {
		if err := ensureBase(r.WS, d); err != nil {
			return "", review.Finding{}, err
		}
		loc, err := r.Locate(ctx, d.commit, d.path, d.start, d.end, d.side)
		if err != nil {
			return "", review.Finding{}, err
		}
		g, err := r.WS.AddStep(d.id, review.Step{Location: loc, Note: note})
		return fmt.Sprintf("saved step %d of %s (%s)", len(g.Steps), d.id, loc.String()), g, err
	})
}

// editFindingCmd applies the form's values to finding id.
func editFindingCmd(r Review, c counter, id string, edit func(*review.Finding)) tea.Cmd {
	return wsCmd(r, c, "edit", func(context.Context) (string, review.Finding, error) {
		g, err := r.WS.UpdateFinding(id, edit)
		return "saved " + id, g, err
	})
}

// statusCmd sets the status of finding id.
func statusCmd(r Review, c counter, id string, st review.Status) tea.Cmd {
	return wsCmd(r, c, "", func(context.Context) (string, review.Finding, error) {
		g, err := r.WS.SetStatus(id, st)
		return "saved " + id + ": " + string(st), g, err
	})
}

// deleteCmd deletes finding id.
func deleteCmd(r Review, c counter, id string) tea.Cmd {
	return wsCmd(r, c, "", func(context.Context) (string, review.Finding, error) {
		return "deleted " + id, review.Finding{}, r.WS.DeleteFinding(id)
	})
}

// notSaved reports whether err means the change is kept in memory but not
// on disk yet.
func notSaved(err error) bool { return errors.Is(err, review.ErrNotSaved) }
