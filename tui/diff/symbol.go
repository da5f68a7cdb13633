package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/keys"
	"sightline/tui/nav"
)

// maxRowWords bounds the list gd and gr offer for one row: a minified
// line can hold thousands of names, and a list that long helps nobody.
const maxRowWords = 200

// lookUp is gd (refs false) and gr in the diff. The pane has no column
// cursor, so it asks the root (nav.SymbolMsg) for the one word of the
// cursor row, or for the reviewer to pick among its words. The lookup is
// at the pin; the file it ranks definitions for is the new side's.
func (m *Model) lookUp(refs bool) tea.Cmd {
	what := "gd"
	if refs {
		what = "gr"
	}
	if m.cursor >= len(m.rows) || m.rows[m.cursor].kind != rowLine {
		m.note = what + " looks up a word of a diff line: put the cursor on one (j/k)"
		return nil
	}
	words := m.RowWords()
	if len(words) == 0 {
		m.note = what + " found no word on this line to look up"
		return nil
	}
	ch := m.file.Change
	path := ch.NewPath
	if path == "" {
		path = ch.OldPath
	}
	msg := nav.SymbolMsg{Path: path, Line: max(1, m.newLineOf(m.rows[m.cursor])), Refs: refs}
	if len(words) == 1 {
		msg.Name = words[0]
	} else {
		msg.Words, msg.Suggest = words, firstName(words)
	}
	return func() tea.Msg { return msg }
}

// RowWords are the identifiers of the cursor row (both halves of a side
// by side one), each once, in the order they first appear; words that
// start with a digit are numbers, not names, and are left out. The text
// is the stored text, never its display form.
func (m Model) RowWords() []string {
	if !m.loaded || m.cursor >= len(m.rows) {
		return nil
	}
	startsName := func(w string) bool { r, _ := utf8.DecodeRuneInString(w); return !unicode.IsDigit(r) }
	return keys.Words(m.rowText(m.rows[m.cursor]), maxRowWords, startsName)
}

// firstName is the index of the first word that is not a keyword of the
// common languages (if, return, static, int…): the one a reviewer most
// likely wants, where the list's cursor starts. 0 when all are.
func firstName(words []string) int {
	for i, w := range words {
		if !keywords[w] {
			return i
		}
	}
	return 0
}

// keywords are reserved words of C, C++, Go, Java, JavaScript, Python,
// Rust and shell that no definition can have (or that are builtin types).
// Only the list's starting row depends on it: every word stays listed.
var keywords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`if else for while do switch case default break continue return goto
		sizeof static const extern int char void unsigned signed long short struct union enum typedef
		inline volatile register auto float double bool func var let def class new delete try catch
		throw throws finally import package from in not and or is true false nil null NULL None True
		False this self fn pub mut impl use mod match loop then fi elif esac done public private
		protected final async await yield lambda pass raise with as defer chan range export function
		local typeof instanceof elseif unless until string byte rune uint8 uint16 uint32 uint64 int8
		int16 int32 int64 size_t u_int u_char`) {
		keywords[w] = true
	}
}
