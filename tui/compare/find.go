package compare

import (
	"fmt"
	"strconv"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/textsafe"
	"sightline/tui/diff"
	"sightline/tui/keys"
)

// Editing reports whether the / or : prompt is open: every key is then
// its own (the root asks, through capturesKeys, so that typed digits do
// not switch tabs).
func (m Model) Editing() bool { return m.find.Editing() }

// FindKeys returns the search and jump keys, for help.
func (m Model) FindKeys() keys.FindKeys { return m.find.Keys() }

// findKey handles / : n N and the open prompt's keys: in the diff they
// search its lines and go to a new-side line; in the list they search
// the paths and go to the N-th file. done is false for other keys.
func (m Model) findKey(k tea.KeyMsg) (Model, tea.Cmd, bool) {
	if !m.find.Editing() && (k.String() == "/" || k.String() == ":") && !m.hasLines() {
		m.note = "no lines here to search or go to (" + k.String() + " needs a listed file or a diff with lines)"
		return m, nil, true
	}
	var cmd tea.Cmd
	switch m.find.Update(k) {
	case keys.FindNone:
		return m, nil, false
	case keys.FindTyping:
		m.note = ""
	case keys.FindEmpty:
		m.note = "no search yet: type / then the text, then enter"
	case keys.FindSearch, keys.FindNext:
		m.note, cmd = m.search(1)
	case keys.FindPrev:
		m.note, cmd = m.search(-1)
	case keys.FindGoto:
		m.note, cmd = m.jump(m.find.Target)
	case keys.FindWord:
		m.note, cmd = m.searchWord()
	}
	return m, cmd, true
}

// searchWord is vim's * in the diff: a word of the cursor row, whole, at
// its next row; n and N go on. The diff has no column cursor, so a row
// of one word is searched at once, and for a row of several the root
// lets the reviewer pick (nav.WordSearchMsg), as for gd and gr; the
// word comes back as nav.SearchWordMsg.
func (m *Model) searchWord() (string, tea.Cmd) {
	if !m.focusDiff {
		return "* searches a word of a diff line: open the file's diff (enter), or / to search the paths", nil
	}
	req := m.diff.SearchWords()
	switch len(req.Words) {
	case 0:
		return "* found no word on this row to search: put the cursor on a diff line with one (j/k)", nil
	case 1:
		return m.searchFor(req.Words[0]), nil
	}
	return "", func() tea.Msg { return req }
}

// searchFor searches word in the diff as * does.
// The message names the word even when the search wrapped, since the
// word picked from a list is nowhere else on screen.
func (m *Model) searchFor(word string) string {
	m.find.SetWord(word)
	what := fmt.Sprintf("* %q as a whole word", textsafe.Sanitize(word))
	switch note := m.diff.Find(m.find, 1); note {
	case "":
		return what + ": n/N go on"
	case diff.WrappedToTop:
		return what + ": wrapped to the top, n/N go on"
	default:
		return note
	}
}

// hasLines reports whether the focused pane has anything to search.
func (m Model) hasLines() bool {
	if m.focusDiff {
		return m.diff.HasLines()
	}
	return len(m.list.Changes()) > 0
}

// search finds the next match in the focused pane; it returns what to
// tell the reviewer, and the load of a newly selected file's diff.
func (m *Model) search(dir int) (string, tea.Cmd) {
	if m.focusDiff {
		return m.diff.Find(m.find, dir), nil
	}
	cs := m.list.Changes()
	if len(cs) == 0 {
		return "no files listed to search", nil
	}
	i, wrapped, ok := keys.Scan(len(cs), m.list.Cursor(), dir, func(i int) bool {
		return m.find.Match(cs[i].OldPath + "\n" + cs[i].NewPath)
	})
	if !ok {
		return fmt.Sprintf("no changed path matches %q", m.find.Query), nil
	}
	m.list.Select(i)
	cmd := m.loadIndex(i, diff.AnchorTop, 0, diff.DefaultContext)
	if wrapped {
		return "search wrapped round the list", cmd
	}
	return "", cmd
}

// jump goes to new-side line N in the diff, or to file N in the list.
func (m *Model) jump(s string) (string, tea.Cmd) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return fmt.Sprintf("not a number: %q (type : then a line number, then enter)", s), nil
	}
	if m.focusDiff {
		if !m.diff.GotoLine(n) {
			return "no lines in this diff to go to", nil
		}
		return "", nil
	}
	cs := m.list.Changes()
	if n > len(cs) {
		return fmt.Sprintf("there are %d changed files; :%d is past the last", len(cs), n), nil
	}
	m.list.Select(n - 1)
	return "", m.loadIndex(n-1, diff.AnchorTop, 0, diff.DefaultContext)
}
