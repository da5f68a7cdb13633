package history

import (
	"fmt"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/keys"
)

func newFind() keys.Find { return keys.NewFind() }

// Editing reports whether a / or : prompt is open, in the list or in a
// commit's diff: every key is then its own (the root asks, through
// capturesKeys, so that a typed hash does not switch tabs).
func (m Model) Editing() bool {
	if m.showDiff {
		return m.diff.Editing()
	}
	return m.find.Editing()
}

// FindKeys returns the search and jump keys, for help.
func (m Model) FindKeys() keys.FindKeys { return m.find.Keys() }

// findKey handles / : n N and the open prompt's keys on the commit list:
// / searches the loaded commits' hashes, authors and whole messages; :
// takes a hash prefix or a position in the list. done is false for other
// keys.
func (m Model) findKey(k tea.KeyMsg) (Model, tea.Cmd, bool) {
	if !m.find.Editing() && (k.String() == "/" || k.String() == ":") && len(m.commits) == 0 {
		m.note = "no commits listed yet to search or go to"
		return m, nil, true
	}
	switch m.find.Update(k) {
	case keys.FindNone:
		return m, nil, false
	case keys.FindTyping:
		m.note = ""
	case keys.FindEmpty:
		m.note = "no search yet: type / then the text, then enter"
	case keys.FindSearch, keys.FindNext:
		m.note = m.search(1)
	case keys.FindPrev:
		m.note = m.search(-1)
	case keys.FindGoto:
		m.note = m.jump(m.find.Target)
	case keys.FindWord:
		m.note = "* searches a word in a commit's diff (enter) or the code view; / searches the commits"
	}
	return m, m.askMore(), true
}

// commitText is what / searches in a commit.
func commitText(i int, m *Model) string {
	c := m.commits[i]
	return c.Hash.String() + "\n" + c.Author.Name + " <" + c.Author.Email + ">\n" + refsText(m.refs[c.Hash]) + "\n" + c.Message
}

// search moves to the next (dir 1) or previous matching commit, wrapping
// round the commits listed so far; it returns what to tell the reviewer.
func (m *Model) search(dir int) string {
	i, wrapped, ok := keys.Scan(len(m.commits), m.cursor, dir, func(i int) bool {
		return m.find.Match(commitText(i, m))
	})
	if !ok {
		return fmt.Sprintf("no commit listed so far matches %q", m.find.Query)
	}
	m.moveTo(i)
	if wrapped {
		return "search wrapped round the commits listed so far"
	}
	return ""
}

// jump goes to the commit whose hash starts with s, or to the s-th
// commit of the list.
func (m *Model) jump(s string) string {
	s = strings.ToLower(s)
	if len(s) >= 4 && strings.Trim(s, "0123456789abcdef") == "" {
		for i, c := range m.commits {
			if strings.HasPrefix(c.Hash.String(), s) {
				m.moveTo(i)
				return ""
			}
		}
		if len(s) > 7 || !isNumber(s) {
			if m.rng.on() {
				return fmt.Sprintf("no commit of base..pin listed so far starts with %s (r lists the full history)", s)
			}
			return fmt.Sprintf("no commit listed so far starts with %s", s)
		}
	}
	n, err := strconv.Atoi(s)
	switch {
	case err != nil || n < 1:
		return fmt.Sprintf("not a hash or a number: %q (type : then a hash prefix of 4+ digits or a position, then enter)", s)
	case n > len(m.commits):
		return fmt.Sprintf("%d commits listed so far; :%d is past the last", len(m.commits), n)
	}
	m.moveTo(n - 1)
	return ""
}

func isNumber(s string) bool { return strings.Trim(s, "0123456789") == "" }

// moveTo puts the cursor on commit i.
func (m *Model) moveTo(i int) {
	if i != m.cursor {
		m.msgTop = 0
	}
	m.cursor = i
	m.toEnd = false
	m.scroll()
}
