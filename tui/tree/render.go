package tree

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"sightline/repo"
	"sightline/tui/theme"
)

// View draws the visible rows, each exactly the pane's width.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	lines := make([]string, 0, m.height)
	for i := m.offset; i < len(m.rows) && len(lines) < m.height; i++ {
		r := m.rows[i]
		r.done = r.note == "" && m.reviewed[r.entry.Path]
		if r.note == "" {
			r.content = m.content[r.entry.Path]
		}
		lines = append(lines, renderRow(r, m.width, i == m.cursor, m.focused, m.styles))
	}
	blank := strings.Repeat(" ", m.width)
	for len(lines) < m.height {
		lines = append(lines, blank)
	}
	return strings.Join(lines, "\n")
}

// renderRow draws one row in exactly width columns: a cursor mark, indentation, an
// open/closed sign for directories, the sanitized name and what kind of
// entry it is.
func renderRow(r row, width int, selected, focused bool, s theme.Styles) string {
	indent := " " + strings.Repeat("  ", r.depth)
	var segs []theme.Seg
	if r.note != "" {
		st := s.Muted
		if r.isErr {
			st = s.TreeError
		}
		segs = append([]theme.Seg{{Text: indent + "  ", Style: s.Text}}, s.Untrusted(r.note, st)...)
	} else {
		segs = entrySegs(r, indent, s)
	}
	if r.done {
		segs = append(segs, theme.Seg{Text: " ✓", Style: s.Key})
	}
	segs = theme.Clip(segs, width)
	if pad := width - theme.SegsWidth(segs); pad > 0 {
		segs = append(segs, theme.Seg{Text: strings.Repeat(" ", pad), Style: s.Text})
	}
	if selected {
		// A visible cursor mark too, for terminals without colour.
		segs = append([]theme.Seg{{Text: "›", Style: s.Key}}, theme.Cut(segs, 1, width-1)...)
		for i := range segs {
			segs[i].Style = cursorStyle(segs[i].Style, focused)
		}
	}
	return theme.Render(segs)
}

func cursorStyle(st lipgloss.Style, focused bool) lipgloss.Style {
	if focused {
		return st.Reverse(true)
	}
	return st.Underline(true)
}

// entrySegs is the display of one entry: "▸ dir/", "  file", "  link → target",
// "  sub [submodule 0123abcd…]", "  ⚠ name: reason"; a ! before a name
// with hostile characters, a ⚠ before a file known to hold them (flags.go).
func entrySegs(r row, indent string, s theme.Styles) []theme.Seg {
	e := r.entry
	lead := theme.Seg{Text: indent + "  ", Style: s.Text}
	switch e.Kind {
	case repo.KindDir:
		lead.Text = indent + "▸ "
		if r.open {
			lead.Text = indent + "▾ "
		}
		return append(append([]theme.Seg{lead}, nameSegs(e.Name, s.TreeDir, s)...), theme.Seg{Text: "/", Style: s.TreeDir})
	case repo.KindExec:
		return fileSegs(r, indent, s.TreeExec, []theme.Seg{{Text: "*", Style: s.Muted}}, s)
	case repo.KindSymlink:
		return symlinkSegs(r, indent, s)
	case repo.KindSubmodule:
		return append(append([]theme.Seg{lead}, nameSegs(e.Name, s.TreeSubmodule, s)...),
			theme.Seg{Text: " [submodule " + e.Hash.Short() + "]", Style: s.Muted})
	case repo.KindError:
		segs := append([]theme.Seg{lead, {Text: "⚠ ", Style: s.TreeError}}, nameSegs(e.Name, s.TreeError, s)...)
		if e.Err != nil {
			segs = append(segs, theme.Seg{Text: ": ", Style: s.TreeError})
			segs = append(segs, s.Untrusted(e.Err.Error(), s.TreeError)...)
		}
		return segs
	}
	return fileSegs(r, indent, s.TreeFile, nil, s)
}

// symlinkSegs is "link → target"; a target that is absolute or climbs out
// of the repository flags the row and says so after the target (HOST-19).
func symlinkSegs(r row, indent string, s theme.Styles) []theme.Seg {
	e := r.entry
	outside := r.target != "" && repo.SymlinkOutside(e.Path, r.target)
	segs := leadSegs(indent, outside || r.content > 0, s)
	segs = append(append(segs, nameSegs(e.Name, s.TreeLink, s)...), theme.Seg{Text: " → ", Style: s.Muted})
	if r.target == "" {
		segs = append(segs, theme.Seg{Text: "(symlink)", Style: s.Muted})
	} else {
		segs = append(segs, s.Untrusted(r.target, s.Muted)...)
	}
	if outside {
		segs = append(segs, theme.Seg{Text: " [points outside the repository]", Style: s.HostileMark})
	}
	return append(segs, contentNote(r.content, s)...)
}
