// Package triage is the Triage view: scanner results imported with
// 'sightline import', walked with single keys. c confirms (a finding
// with the scanner's severity, CWE and code flow), d dismisses with a
// reason, s skips; v selects for batch actions; / filters by rule, path
// and tool. Every read and write of the queue runs in a tea.Cmd, so a
// keystroke only moves state in memory. Imported text is hostile and is
// drawn through the sanitizer.
package triage

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/review"
	"sightline/review/team"
	queue "sightline/review/triage"
	"sightline/tui/theme"
)

// LoadedMsg carries the queue as read from disk, after a load or an
// action; Done says what the action did.
type LoadedMsg struct {
	Cands []*queue.Candidate
	// Team is the team's verdict on each candidate, by fingerprint,
	// from every team store the workspace has pulled; nil after an
	// action, which cannot change it (only a pull does), so an action
	// does not re-read a large team file.
	Team map[string]team.Verdict
	Done string
	Err  error
	// Walked is set after an action: the cursor keeps its place, so it
	// lands on the next candidate rather than following a skipped one.
	Walked bool
}

// Model is the Triage view. Build it with New.
type Model struct {
	store    *queue.Store
	ws       *review.Workspace
	reviewer string

	all      []*queue.Candidate // as loaded, open ones first
	rows     []int              // indices into all that are shown
	cursor   int                // index into rows
	offset   int
	selected map[string]bool // by fingerprint
	filter   queue.Filter
	showAll  bool
	teamOnly bool // only the candidates another room decided (TeamDecided)

	input    textinput.Model
	picking  bool // d was pressed: waiting for a reason
	sevPick  bool // c was pressed: choosing the severity
	sev      int  // the severity chosen: an index into review.Severities, -1 for each candidate's own
	team     map[string]team.Verdict
	busy     bool // an action is being written
	msg      string
	pendingG bool

	styles        theme.Styles
	keys          KeyMap
	width, height int
}

// New returns the view over the queue in store; confirmations add
// findings to ws as reviewer ("" lets the workspace choose).
func New(store *queue.Store, ws *review.Workspace, reviewer string, s theme.Styles, k KeyMap) Model {
	in := textinput.New()
	in.Prompt = "filter: "
	in.Placeholder = "rule:R path:P tool:T"
	in.Cursor.SetMode(cursor.CursorStatic) // no blink ticks to run
	return Model{store: store, ws: ws, reviewer: reviewer, styles: s, keys: k, input: in, selected: map[string]bool{}}
}

// Init loads the queue.
func (m Model) Init() tea.Cmd { return m.load("") }

func (m Model) load(done string) tea.Cmd {
	st, ws := m.store, m.ws
	return func() tea.Msg {
		q, err := st.Load()
		if err != nil {
			return LoadedMsg{Err: err}
		}
		for _, w := range q.Warnings {
			done = strings.TrimSpace(done + " · " + w)
		}
		tv, err := teamVerdicts(ws)
		if err != nil {
			done = strings.TrimSpace(done + " · team verdicts: " + err.Error())
		}
		return LoadedMsg{Cands: q.Sorted(), Team: tv, Done: done}
	}
}

// teamVerdicts merges the triage verdicts of every team store the
// workspace holds (runs in a Cmd: it reads and merges the team file).
func teamVerdicts(ws *review.Workspace) (map[string]team.Verdict, error) {
	if ws == nil {
		return nil, nil
	}
	views, err := team.Views(ws.Dir())
	if err != nil {
		return nil, err
	}
	out := map[string]team.Verdict{}
	for _, v := range views {
		for fp, x := range v.Triage {
			out[fp] = x
		}
	}
	return out, nil
}

// KeyMap returns the view's bindings.
func (m Model) KeyMap() KeyMap { return m.keys }

// Capturing reports whether keys go to the filter or reason prompt, so
// that q and digits answer it instead of quitting or switching tabs.
func (m Model) Capturing() bool { return m.picking || m.sevPick || m.input.Focused() }

// SetSize gives the view its area.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h; m.clamp() }

// Selected returns the candidate under the cursor.
func (m Model) Selected() (*queue.Candidate, bool) {
	if m.cursor < 0 || m.cursor >= len(m.rows) {
		return nil, false
	}
	return m.all[m.rows[m.cursor]], true
}

// Counts are the shown, open and selected candidates, for the status line.
// Open counts those left to triage: a candidate the team decided (and
// does not dispute) is not, though the local store keeps no decision.
func (m Model) Counts() (shown, open, selected int) {
	for _, c := range m.all {
		if c.Open() && !m.teamDecided(c) {
			open++
		}
	}
	return len(m.rows), open, len(m.selected)
}

// TeamDecided counts the candidates the team decided that this
// workspace has not: shown with T.
func (m Model) TeamDecided() int {
	n := 0
	for _, c := range m.all {
		if m.teamDecided(c) {
			n++
		}
	}
	return n
}

// teamDecided reports whether c is open here but another room decided
// it, with no conflict. The local store's history is left as it is: the
// verdict is the team's, read from the team file on each load.
func (m Model) teamDecided(c *queue.Candidate) bool {
	if !c.Open() {
		return false
	}
	v, ok := m.team[c.Fingerprint]
	if !ok {
		return false
	}
	_, agreed := v.Agreed()
	return agreed
}

// shows reports whether c is a row under the current view: the queue
// (open, undecided by the team), the team's decisions (T), or all (a).
func (m Model) shows(c *queue.Candidate) bool {
	switch {
	case m.showAll:
		return true
	case m.teamOnly:
		return m.teamDecided(c)
	}
	return c.Open() && !m.teamDecided(c)
}

// Update handles keys and the results of loads and actions.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case LoadedMsg:
		m.busy = false
		if msg.Err != nil {
			m.msg = "error: " + msg.Err.Error()
			return m, nil
		}
		var cur string
		if c, ok := m.Selected(); ok && !msg.Walked {
			cur = c.Fingerprint
		}
		m.all, m.msg = msg.Cands, msg.Done
		if msg.Team != nil {
			m.team = msg.Team
		}
		m.refilter(cur)
		return m, nil
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

func (m Model) key(k tea.KeyMsg) (Model, tea.Cmd) {
	if m.input.Focused() {
		return m.filterKey(k)
	}
	if m.sevPick {
		return m.sevKey(k)
	}
	if m.picking {
		m.picking = false
		for i, b := range m.keys.Reasons {
			if key.Matches(k, b) {
				return m.act(dismissAct(queue.Reasons[i]))
			}
		}
		m.msg = "dismiss cancelled"
		return m, nil
	}
	if m.pendingG {
		m.pendingG = false
		if k.String() == "g" {
			m.cursor = 0
			m.clamp()
			return m, nil
		}
	}
	km := m.keys
	switch {
	case key.Matches(k, km.Up):
		m.cursor--
	case key.Matches(k, km.Down):
		m.cursor++
	case key.Matches(k, km.PageUp), key.Matches(k, km.HalfUp):
		m.cursor -= max(1, m.listHeight()/2)
	case key.Matches(k, km.PageDown), key.Matches(k, km.HalfDown):
		m.cursor += max(1, m.listHeight()/2)
	case k.String() == "g":
		m.pendingG = true
	case key.Matches(k, km.Top):
		m.cursor = 0
	case key.Matches(k, km.Bottom):
		m.cursor = len(m.rows) - 1
	case key.Matches(k, km.Confirm):
		return m.startConfirm(), nil
	case key.Matches(k, km.Dismiss):
		if len(m.targets()) > 0 {
			m.picking = true
			m.msg = "dismiss " + m.targetText() + ": f false positive · w won't fix · t test code · esc cancel"
		}
	case key.Matches(k, km.Skip):
		return m.act(skipAct)
	case key.Matches(k, km.Select):
		if c, ok := m.Selected(); ok {
			if m.selected[c.Fingerprint] {
				delete(m.selected, c.Fingerprint)
			} else {
				m.selected[c.Fingerprint] = true
			}
			m.cursor++
		}
	case key.Matches(k, km.SelAll):
		m.toggleAll()
	case key.Matches(k, km.Filter):
		m.input.SetValue(filterText(m.filter))
		m.input.CursorEnd()
		return m, m.input.Focus()
	case key.Matches(k, km.ShowAll), key.Matches(k, km.ShowTeam):
		if key.Matches(k, km.ShowAll) {
			m.showAll, m.teamOnly = !m.showAll, false
		} else {
			m.teamOnly, m.showAll = !m.teamOnly, false
		}
		cur := ""
		if c, ok := m.Selected(); ok {
			cur = c.Fingerprint
		}
		m.refilter(cur)
	}
	m.clamp()
	return m, nil
}

func (m *Model) toggleAll() {
	all := len(m.rows) > 0
	for _, i := range m.rows {
		if !m.selected[m.all[i].Fingerprint] {
			all = false
		}
	}
	clear(m.selected)
	if !all {
		for _, i := range m.rows {
			if m.all[i].Open() {
				m.selected[m.all[i].Fingerprint] = true
			}
		}
	}
}

func (m Model) filterKey(k tea.KeyMsg) (Model, tea.Cmd) {
	switch k.Type {
	case tea.KeyEnter:
		m.input.Blur()
		m.filter = parseFilter(m.input.Value())
		m.refilter("")
		return m, nil
	case tea.KeyEsc:
		m.input.Blur()
		return m, nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(k)
	return m, cmd
}

// parseFilter reads "rule:R path:P tool:T"; a bare word is a path.
func parseFilter(s string) queue.Filter {
	var f queue.Filter
	for _, w := range strings.Fields(s) {
		k, v, ok := strings.Cut(w, ":")
		switch {
		case ok && k == "rule":
			f.Rule = v
		case ok && k == "tool":
			f.Tool = v
		case ok && k == "path":
			f.Path = v
		default:
			f.Path = w
		}
	}
	return f
}

func filterText(f queue.Filter) string {
	var parts []string
	for _, p := range [][2]string{{"rule", f.Rule}, {"path", f.Path}, {"tool", f.Tool}} {
		if p[1] != "" {
			parts = append(parts, p[0]+":"+p[1])
		}
	}
	return strings.Join(parts, " ")
}

// refilter rebuilds the shown rows, keeping the cursor on the candidate
// with fingerprint cur if it is still shown, else at the same place (the
// next candidate, after the one under it was decided). Selected
// candidates that were decided leave the selection.
func (m *Model) refilter(cur string) {
	m.rows = m.rows[:0]
	at := -1
	for i, c := range m.all {
		if !c.Open() {
			delete(m.selected, c.Fingerprint)
		}
		if m.shows(c) && m.filter.Match(c) {
			if c.Fingerprint == cur {
				at = len(m.rows)
			}
			m.rows = append(m.rows, i)
		}
	}
	if at >= 0 {
		m.cursor = at
	}
	m.clamp()
}

func (m *Model) clamp() {
	m.cursor = min(max(m.cursor, 0), max(len(m.rows)-1, 0))
	h := max(m.listHeight(), 1)
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
}
