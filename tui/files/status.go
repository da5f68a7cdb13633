package files

import (
	"fmt"
	"strings"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/tui/statusbar"
)

// Status fills the tab's part of the status line: the open file (or the
// tree's selected entry), the cursor line, and what the code view is in.
func (m Model) Status(st statusbar.Status) statusbar.Status {
	if m.baseOn {
		return m.baseStatus(st)
	}
	if p := m.code.Path(); p != "" {
		st.Path = p
		st.Line, st.Total = m.code.Line(), m.code.Total()
		st.Position = m.code.Position()
		st.Hostile = m.code.HostileCount()
	} else if e, ok := m.tree.Selected(); ok {
		st.Path = e.Path
	}
	// The cursor line's commit: the gutter names only a run's first line.
	st.Lead = m.blame.Info(m.code.Path(), m.code.Line())
	st.Extra = strings.Join(m.statusExtra(), " · ")
	return st
}

func (m Model) statusExtra() []string {
	var extra []string
	if note := m.code.HostileCountNote(); m.code.Path() != "" && note != "" {
		extra = append(extra, note)
	}
	if from, to, ok := m.code.Selection(); ok {
		extra = append(extra, fmt.Sprintf("V lines %d-%d", from, to))
	}
	if s := m.code.SearchStatus(); s != "" {
		extra = append(extra, s)
	}
	if mk := m.code.MarksAt(m.code.Line()); len(mk) > 0 {
		extra = append(extra, textsafe.Sanitize(mk[0].Title))
	}
	if p := m.blame.Progress(); p != "" {
		extra = append(extra, p)
	}
	if m.code.Wrapped() {
		extra = append(extra, "wrap")
	}
	if m.code.EscapeNonASCII() {
		extra = append(extra, `non-ASCII escaped \u{…} (u)`)
	}
	if d := m.code.Doc(); d != nil && d.Entry.Kind != repo.KindSubmodule && d.Path == m.code.Path() {
		// The blob id of text files too, not only binary ones: the reviewer
		// cites and cross-checks the exact object shown (HOST-16).
		if l := m.code.Lexer(); l != "" {
			extra = append(extra, l)
		}
		extra = append(extra, "blob "+d.Entry.Hash.Short())
	}
	return extra
}
