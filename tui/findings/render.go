package findings

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"sightline/review"
	"sightline/tui/nav"
	"sightline/tui/theme"
)

// View draws the header, the list of findings and the steps of the
// selected one, each line exactly the view's width.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	s := m.styles
	w := m.width
	head := fmt.Sprintf("%d of %d findings · %s · s/t/w filter", len(m.rows), len(m.all), m.Filter())
	lines := []string{s.UntrustedLine(head, s.Title, w)}
	if m.cmp.open {
		return m.compareView()
	}
	if m.confirm != "" {
		lines[0] = s.UntrustedLine("delete "+m.confirm+"? y deletes, any other key keeps it", s.Error, w)
	}
	if m.note != "" {
		lines[0] = s.UntrustedLine(m.note, s.Error, w)
	}
	lh := m.listHeight()
	for i := m.offset; i < len(m.rows) && i < m.offset+lh; i++ {
		f := m.all[m.rows[i]]
		lines = append(lines, renderTeamRow(f, m.info[f.ID], w, i == m.cursor, s))
	}
	if len(m.all) == 0 {
		lines = append(lines, s.UntrustedLine("no findings yet: in the Files view, V selects lines and a makes a finding", s.Muted, w))
	}
	for len(lines) < lh+1 {
		lines = append(lines, strings.Repeat(" ", w))
	}
	lines = append(lines, s.UntrustedLine("workspace "+m.where, s.Muted, w))
	if m.pick.open {
		lines = append(lines, m.pickView(m.height-len(lines))...)
	} else if f, ok := m.Selected(); ok {
		att := m.attribution(f, m.height-len(lines))
		lines = append(lines, att...)
		lines = append(lines, m.steps(f, m.height-len(lines))...)
	}
	for len(lines) < m.height {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return strings.Join(lines[:m.height], "\n")
}

// RenderRow draws one finding: id, severity, status, title, step count and
// first location, in exactly width cells.
func RenderRow(f review.Finding, width int, selected bool, s theme.Styles) string {
	return renderTeamRow(f, nav.TeamFinding{}, width, selected, s)
}

// renderTeamRow is RenderRow with the team's marks: who made another
// reviewer's finding, and a conflict or a pending confirmation.
func renderTeamRow(f review.Finding, tf nav.TeamFinding, width int, selected bool, s theme.Styles) string {
	sevStyle, ok := s.Severity[string(f.Severity)]
	if !ok {
		sevStyle = s.Text
	}
	loc := ""
	if len(f.Steps) > 0 {
		loc = f.Steps[0].Location.String()
	}
	steps := fmt.Sprintf("%d step", len(f.Steps))
	if len(f.Steps) != 1 {
		steps += "s"
	}
	segs := []theme.Seg{
		{Text: " " + f.ID + " ", Style: s.Text},
		{Text: fmt.Sprintf("%-8s ", f.Severity), Style: sevStyle},
		{Text: fmt.Sprintf("%-14s ", f.Status), Style: s.Muted},
	}
	segs = append(segs, s.Untrusted(f.Title, s.Text)...)
	if tf.Author != "" && !tf.Own {
		segs = append(segs, s.Untrusted("  by "+tf.Author, s.Muted)...)
	}
	if len(tf.Conflicts) > 0 {
		segs = append(segs, theme.Seg{Text: "  CONFLICT", Style: s.Error})
	}
	if tf.Pending != "" {
		segs = append(segs, theme.Seg{Text: "  PENDING", Style: s.Error})
	}
	segs = append(segs, theme.Seg{Text: "  " + steps + "  ", Style: s.Muted})
	if v := Verdict(f); v != "" {
		segs = append(segs, theme.Seg{Text: "carried: " + v + "  ", Style: verdictStyle(v, s)})
	}
	segs = append(segs, s.Untrusted(loc, s.Muted)...)
	return line(segs, width, selected, s)
}

// steps draws the selected finding's steps, at most h lines.
func (m Model) steps(f review.Finding, h int) []string {
	s := m.styles
	var out []string
	for i, st := range f.Steps {
		if len(out) >= h {
			break
		}
		segs := []theme.Seg{{Text: fmt.Sprintf("  step %d  ", i+1), Style: s.Muted}}
		segs = append(segs, s.Untrusted(st.Location.String(), s.Text)...)
		segs = append(segs, carriedSegs(st, s)...)
		if st.Note != "" {
			segs = append(segs, theme.Seg{Text: "  — ", Style: s.Muted})
			segs = append(segs, s.Untrusted(st.Note, s.Muted)...)
		}
		out = append(out, line(segs, m.width, i == m.step, s))
	}
	head := "reviewer " + f.Reviewer // a bare name under the steps reads like one of them
	if f.CWE != "" {
		head = f.CWE + " · " + head
	}
	if len(out) < h {
		out = append(out, line(s.Untrusted("  "+head, s.Muted), m.width, false, s))
	}
	for _, d := range strings.Split(strings.TrimRight(f.Description, "\n"), "\n") {
		if len(out) >= h || f.Description == "" {
			break
		}
		out = append(out, line(s.Untrusted("  "+d, s.Text), m.width, false, s))
	}
	return out
}

// line clips segs to width, pads them and marks a selected row.
func line(segs []theme.Seg, width int, selected bool, s theme.Styles) string {
	if selected {
		segs = append([]theme.Seg{{Text: "›", Style: s.Key}}, segs...)
	} else {
		segs = append([]theme.Seg{{Text: " ", Style: s.Text}}, segs...)
	}
	segs = theme.Clip(segs, width)
	if pad := width - theme.SegsWidth(segs); pad > 0 {
		segs = append(segs, theme.Seg{Text: strings.Repeat(" ", pad), Style: s.Text})
	}
	if selected {
		for i := range segs {
			segs[i].Style = segs[i].Style.Reverse(true)
		}
	}
	return theme.Render(segs)
}

// verdictRank orders verdicts from the best news to the worst.
var verdictRank = map[string]int{review.VerdictUnchanged: 1, review.VerdictMoved: 2, review.VerdictChanged: 3, review.VerdictGone: 4}

// Verdict is a carried finding's verdict: its worst step's (a finding
// with a changed step is changed), or "" for a finding made at this pin.
func Verdict(f review.Finding) string {
	worst := ""
	for _, st := range f.Steps {
		if st.Carried != nil && verdictRank[st.Carried.Verdict] > verdictRank[worst] {
			worst = st.Carried.Verdict
		}
	}
	return worst
}

func verdictStyle(v string, s theme.Styles) lipgloss.Style {
	if v == review.VerdictChanged || v == review.VerdictGone {
		return s.Error
	}
	return s.Muted
}

// carriedSegs says how a carried step came here: its verdict, the rule
// and, when it moved or changed, where it was at the old pin.
func carriedSegs(st review.Step, s theme.Styles) []theme.Seg {
	c := st.Carried
	if c == nil {
		return nil
	}
	text := "  [" + c.Verdict
	if c.Rule != "" && c.Verdict != review.VerdictUnchanged {
		text += " by " + c.Rule
	}
	if c.Renamed {
		text += ", renamed"
	}
	segs := []theme.Seg{{Text: text, Style: verdictStyle(c.Verdict, s)}}
	switch c.Verdict {
	case review.VerdictMoved, review.VerdictChanged:
		segs = append(segs, theme.Seg{Text: "; was ", Style: s.Muted})
		segs = append(segs, s.Untrusted(c.From.String(), s.Muted)...)
	case review.VerdictGone:
		segs = append(segs, theme.Seg{Text: " at " + shortID(c.From.Commit), Style: s.Muted})
	}
	if c.Reason != "" { // why no rule could place it (an archive step); read from the journal
		segs = append(segs, theme.Seg{Text: "; ", Style: s.Muted})
		segs = append(segs, s.Untrusted(c.Reason, s.Muted)...)
	}
	return append(segs, theme.Seg{Text: "]", Style: verdictStyle(c.Verdict, s)})
}

func shortID(id string) string { return id[:min(12, len(id))] }

// compareView is a carried step's comparison: what it is (both commits),
// what its line hashes say, then the diff pane.
func (m Model) compareView() string {
	s, c := m.styles, m.cmp
	check := s.Muted
	if c.bad {
		check = s.Error
	}
	lines := []string{s.UntrustedLine(c.title, s.Title, m.width), s.UntrustedLine(c.check, check, m.width)}
	if m.note != "" {
		lines[1] = s.UntrustedLine(m.note, s.Error, m.width)
	}
	out := strings.Join(lines[:min(len(lines), m.height)], "\n")
	if m.height > 2 {
		out += "\n" + c.pane.View()
	}
	return out
}
