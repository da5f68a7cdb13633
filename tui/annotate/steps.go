package annotate

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/review"
	"sightline/tui/nav"
)

// walkStep opens the next (+1) or previous (-1) step of the current
// finding. With none (after a restart, say) it starts on the first
// finding by id: its first step for ]s, its last for [s.
func (m *Model) walkStep(d int) {
	f, ok := m.findingByID(m.current)
	if !ok {
		first, any := m.firstFinding()
		if !any || len(first.Steps) == 0 {
			m.err = "no findings yet: make one with a on a line or a selection"
			return
		}
		n := 0
		if d < 0 {
			n = len(first.Steps) - 1
		}
		m.jump(first, n)
		m.info = "no current finding: starting at " + first.ID + " (the first by id); " + m.info
		return
	}
	n := m.step + d
	if n < 0 || n >= len(f.Steps) {
		m.info = fmt.Sprintf("%s has %d steps; this is step %d", f.ID, len(f.Steps), m.step+1)
		return
	}
	m.jump(f, n)
}

// jump opens step n of f: a pin-side (or tree) step in the Files view, a
// base-side one in the Changes tab's diff, where the removed line is (the
// Files view shows the pin, where that line is not). The place is left
// for TakeOpen.
func (m *Model) jump(f review.Finding, n int) {
	if n < 0 || n >= len(f.Steps) {
		return
	}
	m.current, m.step = f.ID, n
	l := f.Steps[n].Location
	m.info = fmt.Sprintf("%s step %d/%d", f.ID, n+1, len(f.Steps))
	if f.Steps[n].Note != "" {
		m.info += ": " + textsafe.Sanitize(f.Steps[n].Note)
	}
	if l.Side == review.SideBase {
		c, err := repo.ParseHash(l.Commit)
		if err != nil {
			m.err = "the step's commit " + textsafe.Sanitize(l.Commit) + " is not a commit id: " + err.Error()
			return
		}
		m.open = nav.CompareAtBaseMsg{Commit: c, Path: l.Path, Line: l.StartLine}
		return
	}
	m.open = nav.OpenFileMsg{Path: l.Path, Line: l.StartLine}
}

// TakeOpen returns the place the last step walk or jump named
// (nav.OpenFileMsg or nav.CompareAtBaseMsg; nil for none) and forgets
// it. The root shows it at once, while handling the key: sent through
// Cmds, the places of two walks read together ("]s]s") could arrive
// swapped and show a step other than the one the message line names.
func (m *Model) TakeOpen() tea.Msg {
	open := m.open
	m.open = nil
	return open
}

func (m Model) findingByID(id string) (review.Finding, bool) {
	for _, f := range m.findings {
		if f.ID == id {
			return f, true
		}
	}
	if m.team != nil {
		for _, tf := range m.team.Findings {
			if tf.ID == id {
				return tf.Finding, true // another reviewer's: its steps open like ours
			}
		}
	}
	return review.Finding{}, false
}

// firstFinding is the finding with the lowest id (F-0002 before F-0010,
// and F-9999 before F-10000).
func (m Model) firstFinding() (review.Finding, bool) {
	var best review.Finding
	for i, f := range m.findings {
		if i == 0 || len(f.ID) < len(best.ID) || len(f.ID) == len(best.ID) && f.ID < best.ID {
			best = f
		}
	}
	return best, len(m.findings) > 0
}

// Status puts the coverage before the active view's status extra: files
// reviewed of those at the pin, and of the changed files the Changes tab
// lists (changed of total).
func (m Model) Status(extra string, changed, total int) string {
	if !m.Active() {
		return extra
	}
	p := review.Progress{Files: len(m.reviewed), TotalFiles: m.totalFiles, Changed: changed, TotalChanged: total, Carried: m.carried}
	s := p.String()
	if m.totalFiles == 0 {
		s = fmt.Sprintf("reviewed %d files", p.Files)
	}
	if extra != "" {
		s += " · " + extra
	}
	return s
}
