package compare

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/review"
	"sightline/tui/nav"
)

// openBase is o: the change under the cursor (the diff's file, or the
// list's selection) opens as it is at the base, at the base-side line of
// the diff's cursor. An added file has no base version: said, not done.
func (m Model) openBase() (Model, tea.Cmd) {
	ch, ok := m.changeUnderCursor()
	switch {
	case !ok:
		m.note = "no changed file under the cursor to open at the base"
		return m, nil
	case ch.OldPath == "":
		m.note = textsafe.Sanitize(ch.NewPath) + " is added here: there is no base version to open"
		return m, nil
	}
	line := 0
	if f, ok := m.diff.File(); ok && m.focusDiff && f.Change.OldPath == ch.OldPath {
		if side, from, _, ok := m.diff.Lines(); ok {
			line = baseLine(f.Hunks, side, from)
		}
	}
	msg := nav.OpenBaseMsg{Entry: baseEntry(ch), Line: line, Commit: m.base, Label: m.baseName}
	return m, func() tea.Msg { return msg }
}

// changeUnderCursor is the file the diff shows while it has the
// keyboard, else the list's selection.
func (m Model) changeUnderCursor() (repo.FileChange, bool) {
	if f, ok := m.diff.File(); ok && m.focusDiff {
		return f.Change, true
	}
	chs, i := m.list.Changes(), m.list.Cursor()
	if i < 0 || i >= len(chs) {
		return repo.FileChange{}, false
	}
	return chs[i], true
}

// baseLine maps the diff cursor's line to the base side: a removed line
// is already one; a context or added line at new-side n goes to the
// base line of the nearest line above it that the base has (the line an
// addition follows), else the hunk's start.
func baseLine(hunks []repo.Hunk, side string, n int) int {
	if side == review.SideBase {
		return n
	}
	for _, h := range hunks {
		last := max(h.OldStart, 1)
		for _, l := range h.Lines {
			if l.Kind != '+' {
				last = l.OldLine
			}
			if l.Kind != '-' && l.NewLine == n {
				return last
			}
		}
	}
	return 0
}

// baseEntry is the base-side file of a change, as a tree entry: its path,
// mode and blob are in the diff already, so nothing is looked up.
func baseEntry(ch repo.FileChange) repo.Entry {
	e := repo.Entry{Path: ch.OldPath, Name: ch.OldPath, Mode: ch.OldMode, Hash: ch.OldHash}
	if i := strings.LastIndexByte(ch.OldPath, '/'); i >= 0 {
		e.Name = ch.OldPath[i+1:]
	}
	switch ch.OldMode & 0o170000 {
	case 0o120000:
		e.Kind = repo.KindSymlink
	case 0o160000:
		e.Kind = repo.KindSubmodule
	default:
		e.Kind = repo.KindFile
		if ch.OldMode&0o100 != 0 {
			e.Kind = repo.KindExec
		}
	}
	return e
}
