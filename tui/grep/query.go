package grep

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// CaseMode is how a query treats letter case.
type CaseMode uint8

// The case modes, in the order alt+c cycles through them.
const (
	SmartCase  CaseMode = iota // ignore case unless the query has an upper-case letter (as / does)
	MatchCase                  // always match case
	IgnoreCase                 // always ignore case
	numCaseModes
)

var caseNames = [...]string{"smart case", "match case", "ignore case"}

// String names the mode for the prompt.
func (c CaseMode) String() string { return caseNames[c%numCaseModes] }

// Query is what the reviewer typed and how to read it.
type Query struct {
	Text  string
	Fixed bool // the text is a fixed string, not a regular expression
	Case  CaseMode
}

// Compile turns the query into the pattern to search for. Smart case is
// the rule of the file search /: an all-lower-case query ignores case.
func (q Query) Compile() (*regexp.Regexp, error) {
	// regexp refuses invalid UTF-8 even quoted; it reads bad bytes in the
	// text as U+FFFD, so that is what a bad byte in the query matches.
	text := strings.ToValidUTF8(q.Text, "\uFFFD")
	pat := text
	if q.Fixed {
		pat = regexp.QuoteMeta(text)
	}
	switch {
	case q.Case == IgnoreCase, q.Case == SmartCase && strings.IndexFunc(text, unicode.IsUpper) < 0:
		pat = "(?i)" + pat
	}
	re, err := regexp.Compile(pat)
	if err != nil {
		return nil, fmt.Errorf("not a Go regular expression: %v (alt+r searches for the text as typed)", err)
	}
	return re, nil
}

// prompt is the input's prompt, naming the mode.
func (q Query) prompt() string {
	kind := "Go regexp"
	if q.Fixed {
		kind = "text"
	}
	return fmt.Sprintf("search (%s) [%s]: ", kind, q.Case)
}
