// Package findings is the Findings view (tab 4): every finding of the
// review with its severity, status, title, step count and first
// location, filtered by severity and status, and the steps of the
// selected finding below. It changes nothing itself: its keys become
// request messages (jump, edit, delete, set status) that the root carries
// out through the workspace. Titles, notes and paths may come from an
// imported workspace and are drawn through the sanitizer.
package findings

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/review"
	"sightline/tui/diff"
	"sightline/tui/nav"
	"sightline/tui/theme"
)

// JumpMsg asks the root to open step Step (0-based) of finding ID and
// make it the current finding.
type JumpMsg struct {
	ID   string
	Step int
}

// EditMsg asks the root to open the edit form for finding ID.
type EditMsg struct{ ID string }

// DeleteMsg asks the root to delete finding ID (already confirmed).
type DeleteMsg struct{ ID string }

// StatusMsg asks the root to set the status of finding ID.
type StatusMsg struct {
	ID     string
	Status review.Status
}

// Model is the Findings view. Build it with New.
type Model struct {
	own      []review.Finding // the workspace's findings (SetFindings)
	all      []review.Finding // own, then the team's others' (SetTeam)
	rows     []int            // indices into all that pass the filters
	cursor   int              // index into rows
	step     int              // selected step of the selected finding
	offset   int
	sev      int // 0: all; i: review.Severities[i-1]
	status   int // 0: all; i: review.Statuses[i-1]
	confirm  string
	where    string // the workspace directory, shown in the header
	styles   theme.Styles
	keys     KeyMap
	width    int
	height   int
	focused  bool
	pendingG bool
	src      Reader     // what a carried step's comparison reads (SetSource)
	cmp      comparison // a carried step's old text beside its new (compare.go)
	team     *nav.Team
	info     map[string]nav.TeamFinding // row id -> its team attribution
	who      int                        // 0: any reviewer; i: reviewers()[i-1]
	note     string                     // the answer to the last key, on the header line
	pick     picker                     // the value that resolves a conflict (resolve.go)
}

// New returns an empty Findings view; where is the workspace directory to
// show in its header.
func New(where string, s theme.Styles, k KeyMap) Model {
	m := Model{where: where, styles: s, keys: k}
	m.cmp = newComparison(m)
	return m
}

// SetFindings replaces the findings shown (in id order), keeping the
// selection on the same finding when it is still there.
func (m *Model) SetFindings(fs []review.Finding) {
	id := ""
	if f, ok := m.Selected(); ok {
		id = f.ID
	}
	m.own = fs
	m.rebuild()
	m.Select(id)
}

// Select puts the cursor on finding id, if it is shown.
func (m *Model) Select(id string) {
	for i, j := range m.rows {
		if m.all[j].ID == id {
			if i != m.cursor {
				m.step = 0
			}
			m.cursor = i
			m.clamp()
			return
		}
	}
	m.clamp()
}

// filter recomputes the visible rows.
func (m *Model) filter() {
	m.rows = m.rows[:0]
	for i, f := range m.all {
		if m.sev > 0 && f.Severity != review.Severities[m.sev-1] {
			continue
		}
		if m.status > 0 && f.Status != review.Statuses[m.status-1] {
			continue
		}
		if w := m.whoName(); w != "" && !m.involves(f, w) {
			continue
		}
		m.rows = append(m.rows, i)
	}
	m.clamp()
}

// Selected is the finding under the cursor.
func (m Model) Selected() (review.Finding, bool) {
	if m.cursor < 0 || m.cursor >= len(m.rows) {
		return review.Finding{}, false
	}
	return m.all[m.rows[m.cursor]], true
}

// Len is the number of findings shown (after filtering).
func (m Model) Len() int { return len(m.rows) }

// Confirming reports whether a delete waits for y or n: the view then
// takes every key.
func (m Model) Confirming() bool { return m.confirm != "" || m.pick.open }

// Filter describes the active filters, such as "severity high, status any".
func (m Model) Filter() string {
	sev, st := "any", "any"
	if m.sev > 0 {
		sev = string(review.Severities[m.sev-1])
	}
	if m.status > 0 {
		st = string(review.Statuses[m.status-1])
	}
	out := "severity " + sev + ", status " + st
	if w := m.whoName(); w != "" {
		out += ", reviewer " + w
	}
	return out
}

// SetSize sets the view's size in cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.sizeCompare()
	m.clamp()
}

// Focus gives the view keyboard focus.
func (m *Model) Focus() tea.Cmd { m.focused = true; return nil }

// Blur takes focus away.
func (m *Model) Blur() { m.focused = false; m.pendingG = false; m.cmp.pane.Blur() }

// KeyMap returns the view's bindings.
func (m Model) KeyMap() KeyMap { return m.keys }

// listHeight is the rows the finding list gets; the steps pane gets the
// rest.
func (m Model) listHeight() int { return max((m.height-2)/2, 1) }

func (m *Model) clamp() {
	m.cursor = min(max(m.cursor, 0), max(len(m.rows)-1, 0))
	h := m.listHeight()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = max(m.offset, 0)
	if f, ok := m.Selected(); ok {
		m.step = min(max(m.step, 0), max(len(f.Steps)-1, 0))
	} else {
		m.step = 0
	}
}

// Update handles keys while focused.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if c, ok := msg.(comparedMsg); ok {
		return m.compared(c), nil
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok || !m.focused {
		return m, nil
	}
	m.note = ""
	if m.cmp.open {
		return m.compareKey(k)
	}
	if m.pick.open {
		return m.pickKey(k)
	}
	if m.confirm != "" {
		id := m.confirm
		m.confirm = ""
		if k.String() == "y" {
			return m, func() tea.Msg { return DeleteMsg{ID: id} }
		}
		return m, nil
	}
	if mo, pg, ok := m.keys.Nav.Move(k.String(), m.listHeight(), m.pendingG); ok {
		m.pendingG = pg
		if !pg {
			old := m.cursor
			m.cursor = mo.Apply(m.cursor, len(m.rows))
			if m.cursor != old {
				m.step = 0
			}
			m.clamp()
		}
		return m, nil
	}
	m.pendingG = false
	m.note = ""
	return m.handleKey(k)
}

func (m Model) handleKey(k tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(k, m.keys.Severity):
		m.sev = (m.sev + 1) % (len(review.Severities) + 1)
		m.filter()
		return m, nil
	case key.Matches(k, m.keys.Status):
		m.status = (m.status + 1) % (len(review.Statuses) + 1)
		m.filter()
		return m, nil
	case key.Matches(k, m.keys.Reviewer):
		m.cycleReviewer()
		return m, nil
	}
	f, ok := m.Selected()
	if !ok {
		return m, nil
	}
	id := f.ID
	switch {
	case key.Matches(k, m.keys.Resolve):
		return m.startResolve(f), nil
	case key.Matches(k, m.keys.Confirm):
		return m.startConfirm(f)
	}
	if m.teamOnly(id) && changes(m.keys, k) {
		m.note = id + " is another reviewer's: change it with sightline team push --set " + id + ":FIELD=VALUE or --confirm " + id + " (here: r resolves a conflict, v confirms)"
		return m, nil
	}
	switch {
	case key.Matches(k, m.keys.NextStep):
		m.step = min(m.step+1, len(f.Steps)-1)
	case key.Matches(k, m.keys.PrevStep):
		m.step = max(m.step-1, 0)
	case key.Matches(k, m.keys.Compare):
		return m.compare(f)
	case key.Matches(k, m.keys.Open) && changedStep(f, m.step):
		// Opening a changed step shows what it was beside what is there.
		return m.compare(f)
	case key.Matches(k, m.keys.Open):
		step := m.step
		return m, func() tea.Msg { return JumpMsg{ID: id, Step: step} }
	case key.Matches(k, m.keys.Edit):
		return m, func() tea.Msg { return EditMsg{ID: id} }
	case key.Matches(k, m.keys.Delete):
		m.confirm = id
	default:
		for i, b := range m.keys.SetStatus {
			if key.Matches(k, b) {
				st := review.Statuses[i]
				return m, func() tea.Msg { return StatusMsg{ID: id, Status: st} }
			}
		}
	}
	return m, nil
}

// compareKey handles a key while a comparison is shown: esc closes it,
// enter opens the step at the pin, the rest move in the diff pane.
func (m Model) compareKey(k tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case k.String() == "esc":
		m.CloseCompare()
		return m, nil
	case key.Matches(k, m.keys.Open):
		id, step := m.cmp.id, m.cmp.step
		return m, func() tea.Msg { return JumpMsg{ID: id, Step: step} }
	}
	var cmd tea.Cmd
	m.cmp.pane, cmd = m.cmp.pane.Update(k)
	return m, paneOwnMsgs(cmd)
}

// paneOwnMsgs drops what the comparison's diff pane asks of the owner of
// a file list (another file: ]f, ]c past the last hunk; more context; a
// hex diff): the comparison has no list, and the root gives every view a
// message it does not route, so the Release tab would take a ]f as its
// own and move to its next member unseen. The rest (gd, gr) goes on.
func paneOwnMsgs(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		switch msg := cmd(); msg.(type) {
		case diff.NavigateMsg, diff.ContextMsg, diff.HexDiffMsg:
			return nil
		default:
			return msg
		}
	}
}

// changedStep reports whether step i of f was carried as changed.
func changedStep(f review.Finding, i int) bool {
	return i < len(f.Steps) && f.Steps[i].Carried != nil && f.Steps[i].Carried.Verdict == review.VerdictChanged
}
