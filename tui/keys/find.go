package keys

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// FindKeys are the keys of a pane's own search and jump prompt: / text, n
// and N, and : (a line number, or what the pane takes there).
type FindKeys struct {
	Search, Next, Prev, Goto key.Binding
	Word                     key.Binding // * : the word under the cursor, whole (vim)
}

// DefaultFindKeys returns the search and jump keys.
func DefaultFindKeys() FindKeys {
	return FindKeys{
		Search: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search (lower case ignores case)")),
		Next:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		Prev:   key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		Goto:   key.NewBinding(key.WithKeys(":"), key.WithHelp(":N", "go to line N")),
		Word:   key.NewBinding(key.WithKeys("*"), key.WithHelp("*", "search a word of the cursor row (a list of its words when several)")),
	}
}

// FindAction is what a key did to a Find.
type FindAction int

// What Find.Update reports.
const (
	FindNone   FindAction = iota // the key was not Find's
	FindTyping                   // the prompt took the key (an edit, or esc)
	FindSearch                   // search for Query from the cursor on (enter after /)
	FindNext                     // n: the next match of Query
	FindPrev                     // N: the previous match
	FindGoto                     // enter after :, with Query what was typed
	FindEmpty                    // n or N with no search yet
	FindWord                     // *: the pane calls SetWord with its word, then searches
)

// Find is a pane's own / search and : prompt, typed on the pane's status
// line. While it is open (Editing) every key is its own, so letters typed
// into it never act as commands; the pane's owner says so with
// capturesKeys. The pane decides what a match or a jump is.
type Find struct {
	keys   FindKeys
	input  textinput.Model
	goTo   bool   // the open prompt is ":" (else "/")
	Query  string // the last search
	Word   bool   // Query is a whole word, case sensitive (from *)
	Target string // what was typed after ":"
}

// NewFind returns a closed prompt.
func NewFind() Find {
	in := textinput.New()
	in.Cursor.SetMode(cursor.CursorStatic) // a blinking cursor redraws for nothing
	in.CharLimit = 256
	return Find{keys: DefaultFindKeys(), input: in}
}

// Keys returns the bindings, for help.
func (f Find) Keys() FindKeys { return f.keys }

// Editing reports whether the prompt is open and takes every key.
func (f Find) Editing() bool { return f.input.Focused() }

// View is the open prompt ("/text" or ":text"), or "".
func (f Find) View() string {
	if !f.Editing() {
		return ""
	}
	return f.input.View()
}

// Open opens the / prompt (goTo false) or the : prompt.
func (f *Find) Open(goTo bool) {
	f.goTo = goTo
	f.input.Prompt = "/"
	if goTo {
		f.input.Prompt = ":"
	}
	f.input.SetValue("")
	f.input.Focus()
}

// Update handles k: in the open prompt, every key; else /, :, n and N.
func (f *Find) Update(k tea.KeyMsg) FindAction {
	if f.Editing() {
		switch k.Type {
		case tea.KeyEsc:
			f.input.Blur()
			return FindTyping
		case tea.KeyEnter:
			f.input.Blur()
			v := strings.TrimSpace(f.input.Value())
			if f.goTo {
				f.Target = v
				return FindGoto
			}
			if v == "" {
				return FindTyping
			}
			f.Query, f.Word = v, false
			return FindSearch
		}
		f.input, _ = f.input.Update(k)
		return FindTyping
	}
	switch {
	case key.Matches(k, f.keys.Search):
		f.Open(false)
		return FindTyping
	case key.Matches(k, f.keys.Goto):
		f.Open(true)
		return FindTyping
	case key.Matches(k, f.keys.Word):
		return FindWord
	case key.Matches(k, f.keys.Next), key.Matches(k, f.keys.Prev):
		if f.Query == "" {
			return FindEmpty
		}
		if key.Matches(k, f.keys.Next) {
			return FindNext
		}
		return FindPrev
	}
	return FindNone
}

// Close closes the prompt without acting.
func (f *Find) Close() { f.input.Blur() }

// SetWord makes word the search, matched whole and case sensitive (*).
func (f *Find) SetWord(word string) { f.Query, f.Word = word, true }

// Match reports whether text holds the search: a literal, ignoring case
// when the search is all lower case (smart case, as in vim and less), or
// after * the whole word.
func (f Find) Match(text string) bool {
	if f.Word {
		return MatchWord(f.Query, text)
	}
	return MatchQuery(f.Query, text)
}

// MatchQuery is Match for query.
func MatchQuery(query, text string) bool {
	if query == "" {
		return false
	}
	if strings.IndexFunc(query, unicode.IsUpper) < 0 {
		return strings.Contains(strings.ToLower(text), query)
	}
	return strings.Contains(text, query)
}

// Scan finds the next index after from (dir 1) or before it (dir -1) in
// n items for which match holds, wrapping round once; wrapped says it
// went past an end. ok is false when nothing matches.
func Scan(n, from, dir int, match func(i int) bool) (i int, wrapped, ok bool) {
	for step := 1; step <= n; step++ {
		j := from + dir*step
		w := j < 0 || j >= n
		j = ((j % n) + n) % n
		if match(j) {
			return j, w, true
		}
	}
	return from, false, false
}
