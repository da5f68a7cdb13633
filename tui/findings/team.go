package findings

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"sightline/review"
	"sightline/tui/nav"
)

// SetTeam replaces the team's review shown beside the workspace's own
// findings: attribution, conflicts and pending confirmations on the
// findings this workspace pushed, and the other reviewers' findings as
// rows of their own (T-1a2b3c4d).
func (m *Model) SetTeam(t *nav.Team) {
	id := ""
	if f, ok := m.Selected(); ok {
		id = f.ID
	}
	who := m.whoName()
	m.team, m.who = t, 0
	if i := slices.Index(m.reviewers(), who); who != "" && i >= 0 {
		m.who = i + 1
	}
	m.rebuild()
	m.Select(id)
}

// rebuild makes all from own and the team, and the attribution index.
func (m *Model) rebuild() {
	m.all = slices.Clone(m.own)
	m.info = map[string]nav.TeamFinding{}
	if m.team != nil {
		for _, tf := range m.team.Findings {
			if !tf.Own {
				m.all = append(m.all, tf.Finding)
			}
			m.info[tf.ID] = tf
		}
	}
	m.filter()
}

// reviewers are those the reviewer filter cycles through: the team's, and
// the reviewers recorded on the workspace's own findings.
func (m Model) reviewers() []string {
	var out []string
	if m.team != nil {
		out = slices.Clone(m.team.Reviewers)
	}
	for _, f := range m.own {
		if f.Reviewer != "" {
			out = append(out, f.Reviewer)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// whoName is the reviewer filtered by, or "" for any.
func (m Model) whoName() string {
	rs := m.reviewers()
	if m.who < 1 || m.who > len(rs) {
		return ""
	}
	return rs[m.who-1]
}

func (m *Model) cycleReviewer() {
	n := len(m.reviewers())
	if n == 0 {
		m.note = "no reviewers to filter by: the findings record none"
		return
	}
	m.who = (m.who + 1) % (n + 1)
	m.filter()
}

// involves reports whether r made or changed f.
func (m Model) involves(f review.Finding, r string) bool {
	if tf, ok := m.info[f.ID]; ok && slices.Contains(tf.Involved, r) {
		return true
	}
	return f.Reviewer == r
}

// teamOnly reports whether id is another reviewer's finding, which this
// workspace cannot change itself.
func (m Model) teamOnly(id string) bool {
	tf, ok := m.info[id]
	return ok && !tf.Own
}

// Team returns the attribution of finding id, if the team has any.
func (m Model) Team(id string) (nav.TeamFinding, bool) {
	tf, ok := m.info[id]
	return tf, ok
}

// changes reports whether k asks to change a finding (edit, delete, set
// its status).
func changes(km KeyMap, k tea.KeyMsg) bool {
	if key.Matches(k, km.Edit, km.Delete) {
		return true
	}
	for _, b := range km.SetStatus {
		if key.Matches(k, b) {
			return true
		}
	}
	return false
}

// attribution draws the team's word on f, at most h lines: conflicts
// first (who said what), a change waiting for a second reviewer, who
// confirmed, then who made it and every change, latest last.
func (m Model) attribution(f review.Finding, h int) []string {
	tf, ok := m.info[f.ID]
	if !ok {
		return nil
	}
	s := m.styles
	var out []string
	add := func(text string, st lipgloss.Style) {
		if len(out) < h {
			out = append(out, line(s.Untrusted("  "+text, st), m.width, false, s))
		}
	}
	for _, c := range tf.Conflicts {
		add("CONFLICT "+c, s.Error)
	}
	if tf.Pending != "" {
		add("PENDING "+tf.Pending, s.Error)
	}
	for _, q := range tf.Queued {
		add("QUEUED "+q+" (the next team push signs and sends it)", s.Muted)
	}
	if len(tf.Confirmed) > 0 {
		add("confirmed by "+strings.Join(tf.Confirmed, ", "), s.Muted)
	}
	ch := tf.Changes
	if len(ch) > 4 { // who made it, and the latest changes
		ch = append([]string{ch[0], "…"}, ch[len(ch)-3:]...)
	}
	add("team: "+strings.Join(ch, " · "), s.Muted)
	return out
}
