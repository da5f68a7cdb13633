package release

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"sightline/repo/artifact"
	"sightline/repo/textsafe"
)

// classes is the order of the list: riskiest first (artifact's order).
var classes = []artifact.Class{
	artifact.ClassModifiedUpstream, artifact.ClassDiffers, artifact.ClassUnknown, artifact.ClassMode,
	artifact.ClassKnownUpstream, artifact.ClassNotShipped, artifact.ClassIdentical,
}

// rebuild lists a heading per class with its count, and the members of
// every class but identical (counted only), keeping the cursor's member.
func (m *Model) rebuild() {
	var keep string
	if r, ok := m.member(); ok {
		keep = r.res.Path
	}
	m.rows = m.rows[:0]
	for _, c := range classes {
		n := m.rep.Count(c)
		m.rows = append(m.rows, row{heading: true, class: c, count: n})
		if c == artifact.ClassIdentical {
			continue
		}
		for _, res := range m.rep.Results {
			if res.Class == c {
				m.rows = append(m.rows, row{class: c, res: res})
			}
		}
	}
	m.cur = 0
	for i, r := range m.rows {
		if !r.heading && (keep == "" || r.res.Path == keep) {
			m.cur = i
			break
		}
	}
	m.clamp()
}

func (m *Model) move(d int) {
	m.cur = max(0, min(len(m.rows)-1, m.cur+d))
	m.clamp()
}

func (m *Model) clamp() {
	body := m.listHeight()
	if m.cur < m.top {
		m.top = m.cur
	}
	if m.cur >= m.top+body {
		m.top = m.cur - body + 1
	}
	// No blank space below the list while rows above are hidden (the
	// list may be built before the tab has its size).
	m.top = max(0, min(m.top, len(m.rows)-body))
}

func (m Model) listHeight() int { return max(1, m.height-2) }

// View draws the tab: a header line, then the list or the open diff.
func (m Model) View() string {
	s := m.d.Styles
	head := "Release " + textsafe.Sanitize(m.ref.Name)
	if m.ref.SHA256 != "" {
		head += " (sha256 " + m.ref.SHA256[:12] + "…)"
	}
	head += " against " + m.d.Pin.Commit.Short()
	switch m.state {
	case stateLoading:
		return fit(s.Title.Render(head)+"\n"+s.Muted.Render(fmt.Sprintf("comparing… %d members read", m.progress)), m.width, m.height)
	case stateFailed:
		return fit(s.Title.Render(head)+"\n"+s.Error.Render(textsafe.Sanitize(m.err)), m.width, m.height)
	}
	done, total := m.Coverage()
	head += fmt.Sprintf(" · release: %d/%d reviewed", done, total)
	if m.open && m.shown != nil && m.shown.hex != nil {
		return m.hexView(done, total)
	}
	if m.open && m.inCode && m.shown != nil {
		return fit(s.Title.Render(truncate(m.codeTitle(done, total), m.width))+"\n"+m.code.View(), m.width, m.height)
	}
	if m.open && m.shown != nil {
		what := "only in the archive"
		if m.shown.oldName != "" {
			what = "- " + textsafe.Sanitize(m.shown.oldName) + "  + archive"
		}
		top := textsafe.Sanitize(m.shown.path) + " (" + what + ")" + fmt.Sprintf(" · release: %d/%d reviewed", done, total)
		return fit(s.Title.Render(truncate(top, m.width))+"\n"+m.diff.View(), m.width, m.height)
	}
	var b strings.Builder
	b.WriteString(s.Title.Render(truncate(head, m.width)) + "\n")
	if a := m.rep.Archive; a.Err != nil || len(a.Findings) > 0 {
		b.WriteString(s.Error.Render(truncate(fmt.Sprintf("%d hostile trait(s) of the archive; run 'sightline artifact' for the list", len(a.Findings)), m.width)) + "\n")
	}
	end := min(len(m.rows), m.top+m.listHeight())
	for i := m.top; i < end; i++ {
		b.WriteString(m.rowText(m.rows[i], i == m.cur) + "\n")
	}
	return fit(strings.TrimSuffix(b.String(), "\n"), m.width, m.height)
}

func (m Model) rowText(r row, cursor bool) string {
	s := m.d.Styles
	if r.heading {
		t := fmt.Sprintf("%s (%d)", r.class, r.count)
		if cursor {
			return s.ListSelected.Render(truncate("▸ "+t, m.width))
		}
		return s.Title.Render(truncate("  "+t, m.width))
	}
	mark := "  "
	if r.res.Member != nil && m.marks[r.res.Path] == r.res.Member.Blob.String() {
		mark = "✓ "
	}
	t := "    " + mark + textsafe.Sanitize(r.res.Path)
	if r.res.Note != "" {
		t += "  " + textsafe.Sanitize(r.res.Note)
	}
	if cursor {
		return s.ListSelected.Render(truncate(t, m.width))
	}
	return s.Text.Render(truncate(t, m.width))
}

func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return lipgloss.NewStyle().MaxWidth(w).Render(s)
}

// fit pads or cuts the view to exactly h lines.
func fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:max(h, 0)]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

func matches(msg tea.KeyMsg, b key.Binding) bool { return key.Matches(msg, b) }
