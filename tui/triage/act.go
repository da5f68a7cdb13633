package triage

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/review"
	queue "sightline/review/triage"
)

// action is a decision on some candidates, run in a Cmd.
type action struct {
	verb string
	do   func(st *queue.Store, ws *review.Workspace, q *queue.Queue, ids []string, who string) (string, error)
}

// confirmAct makes findings of sev ("" keeps each candidate's own).
func confirmAct(sev review.Severity) action {
	return action{"confirm", func(st *queue.Store, ws *review.Workspace, q *queue.Queue, ids []string, who string) (string, error) {
		fs, err := st.Confirm(ws, q, ids, sev, who)
		var made []string
		for _, f := range fs {
			made = append(made, f.ID+" "+string(f.Severity))
		}
		if len(made) == 0 {
			return "", err
		}
		return "confirmed: " + strings.Join(made, ", "), err
	}}
}

var skipAct = action{"skip", func(st *queue.Store, _ *review.Workspace, q *queue.Queue, ids []string, who string) (string, error) {
	cs, err := st.Skip(q, ids, who)
	return fmt.Sprintf("skipped %d", len(cs)), err
}}

func dismissAct(r queue.Reason) action {
	return action{"dismiss", func(st *queue.Store, _ *review.Workspace, q *queue.Queue, ids []string, who string) (string, error) {
		cs, err := st.Dismiss(q, ids, r, "", who)
		return fmt.Sprintf("dismissed %d: %s", len(cs), r), err
	}}
}

// targets are the selected candidates, else the one under the cursor.
func (m Model) targets() []*queue.Candidate {
	var out []*queue.Candidate
	for _, c := range m.all {
		if m.selected[c.Fingerprint] {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		if c, ok := m.Selected(); ok {
			out = append(out, c)
		}
	}
	return out
}

func (m Model) targetText() string {
	t := m.targets()
	if len(t) == 1 {
		return t[0].ID
	}
	return fmt.Sprintf("%d selected", len(t))
}

// act runs a on the targets in a Cmd: it reads the queue afresh (another
// process may have imported or decided since), writes, and answers with
// the queue as it now is.
func (m Model) act(a action) (Model, tea.Cmd) {
	if m.busy {
		m.msg = "still saving the last action"
		return m, nil
	}
	var ids []string
	for _, c := range m.targets() {
		if c.Open() {
			ids = append(ids, c.ID)
		}
	}
	if len(ids) == 0 {
		m.msg = "nothing to " + a.verb + ": the candidate is already decided"
		return m, nil
	}
	m.busy = true
	m.msg = a.verb + " " + m.targetText() + "…"
	st, ws, who := m.store, m.ws, m.reviewer
	return m, func() tea.Msg {
		q, err := st.Load()
		done := ""
		if err == nil {
			done, err = a.do(st, ws, q, ids, who)
		}
		if q2, lerr := st.Load(); lerr == nil {
			if err != nil {
				done = strings.TrimSpace(done + " · error: " + err.Error())
			}
			return LoadedMsg{Cands: q2.Sorted(), Done: done, Walked: true}
		}
		return LoadedMsg{Err: err}
	}
}
