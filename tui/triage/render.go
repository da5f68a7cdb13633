package triage

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"

	"sightline/repo/textsafe"
	queue "sightline/review/triage"
)

// detailLines is the height of the pane under the list: the selected
// candidate's message and code flow.
const detailLines = 7

func (m Model) listHeight() int { return m.height - 2 - detailLines }

// View draws the header, the list, and the selected candidate's detail.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	shown, open, sel := m.Counts()
	head := fmt.Sprintf("Triage · %d to triage · %d shown", open, shown)
	if sel > 0 {
		head += fmt.Sprintf(" · %d selected", sel)
	}
	if !m.filter.Empty() {
		head += " · filter " + filterText(m.filter)
	}
	if n := m.TeamDecided(); n > 0 {
		head += fmt.Sprintf(" · %d decided by the team (T)", n)
	}
	if m.showAll {
		head += " · with decided"
	}
	if m.teamOnly {
		head += " · decided by the team only"
	}
	lines := []string{m.styles.Title.Render(m.fit(textsafe.Sanitize(head)))}
	if len(m.all) == 0 {
		lines = append(lines, m.styles.Muted.Render(m.fit("no candidates: import scanner results with 'sightline import FILE --workspace DIR'")))
	}
	h := max(m.listHeight(), 1)
	for i := m.offset; i < len(m.rows) && i < m.offset+h; i++ {
		c := m.all[m.rows[i]]
		line := m.fit(m.row(c))
		if i == m.cursor {
			line = m.styles.ListSelected.Render(line)
		}
		lines = append(lines, line)
	}
	for len(lines) < 1+h {
		lines = append(lines, "")
	}
	lines = append(lines, m.detail()...)
	foot := m.msg
	if m.sevPick {
		foot = m.sevPrompt()
	}
	if m.input.Focused() {
		foot = m.input.View()
	}
	lines = append(lines[:min(len(lines), m.height-1)], m.fit(textsafe.Sanitize(foot)))
	return lipgloss.NewStyle().MaxWidth(m.width).Render(strings.Join(lines, "\n"))
}

// row is one candidate: selection mark, id, state, severity, CWE, tool,
// rule, place, message; sanitized.
func (m Model) row(c *queue.Candidate) string {
	mark := " "
	if m.selected[c.Fingerprint] {
		mark = "*"
	}
	state := string(c.State)
	if c.State == queue.Dismissed {
		state = string(c.Reason)
	} else if c.State == queue.Confirmed {
		state = c.Finding
	}
	if v, ok := m.team[c.Fingerprint]; ok {
		if said, agreed := v.Agreed(); !agreed {
			state = "CONFLICT"
		} else if c.Open() {
			state = "team:" + said.Verdict // another room decided it: out of the queue
		}
	}
	where := c.Where.String()
	if !c.Located() {
		where += " (not at pin)"
	}
	cwe := c.CWE
	if cwe == "" {
		cwe = "-"
	}
	msg, _, _ := strings.Cut(head(c.Message, 1024), "\n")
	return textsafe.Sanitize(fmt.Sprintf("%s %s %-14s %-8s %-7s %s %s  %s  %s", mark, c.ID, state, c.Severity, cwe, c.Tool, c.Rule, where, msg))
}

func (m Model) detail() []string {
	out := []string{m.styles.Muted.Render(m.fit(strings.Repeat("─", m.width)))}
	c, ok := m.Selected()
	if !ok {
		return out
	}
	out = append(out, m.fit(textsafe.Sanitize(head(c.Message, 4096))))
	if v, ok := m.team[c.Fingerprint]; ok {
		line := m.fit(textsafe.Sanitize("team: " + v.String()))
		if v.Conflict() {
			line = m.styles.Error.Render(line)
		}
		out = append(out, line)
	}
	if c.Where.Missing != "" {
		out = append(out, m.styles.Error.Render(m.fit(textsafe.Sanitize("not at the pin: "+c.Where.Missing))))
	}
	for i, p := range c.Flow {
		if len(out) >= detailLines {
			break
		}
		s := fmt.Sprintf("  %d. %s  %s", i+1, p.String(), p.Note)
		if p.Location == nil {
			s += " (not at pin)"
		}
		out = append(out, m.fit(textsafe.Sanitize(s)))
	}
	for len(out) < detailLines {
		out = append(out, "")
	}
	return out[:detailLines]
}

// fit cuts a sanitized line to the width.
func (m Model) fit(s string) string { return runewidth.Truncate(s, m.width, "") }

// head cuts hostile text before it is sanitized, so a megabyte message
// costs no more to draw than a short one.
func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
