package search

import (
	"bytes"
	"regexp"
	"regexp/syntax"

	"sightline/repo"
)

// lineMatcher finds the lines of a file that a regular expression matches
// the way git grep does: the expression is applied to each line on its
// own (without its LF), so ^ and $ (and \A, \z) anchor at line ends.
//
// Running the expression once per line costs a call per line, which is
// slow on big files. So a whole-file scan comes first, with an expression
// rewritten so that its text anchors become line anchors: every per-line
// match is also a match of the rewritten one at the same spot, so the
// scan finds every candidate line (it may find more, when a match crosses
// an LF, and the per-line check drops those).
//
// Before either, a file that lacks a literal every match must contain
// (say "password" in `(?i)password\s*=`) is skipped with a plain byte
// search: Go's regexp engine is slow (10-20 MB/s) on expressions that do
// not start with a literal, and most files do not match.
type lineMatcher struct {
	line *regexp.Regexp // the caller's expression, applied per line
	file *regexp.Regexp // the rewritten one, for the whole-file scan; nil: check every line
	need []byte         // a literal every match contains (lower case when fold); nil: none
	fold bool           // need is matched ignoring ASCII case
	// edgy reports an expression with an assertion about the text next to
	// a match (^ $ \A \z \b \B): in a window cut from the middle of a
	// line, such a match at the window's edge may be false.
	edgy bool
}

func newLineMatcher(re *regexp.Regexp) lineMatcher {
	m := lineMatcher{line: re}
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return m
	}
	if lit, fold := requiredLiteral(tree.Simplify()); len(lit) >= 3 && (!fold || isASCII(lit)) {
		m.need, m.fold = []byte(lit), fold
		if fold {
			m.need = bytes.ToLower(m.need)
		}
	}
	m.edgy = hasAssertion(tree)
	lineAnchors(tree)
	if file, err := regexp.Compile(tree.String()); err == nil {
		m.file = file
	}
	return m
}

// lineAnchors turns text anchors into line anchors, in place.
func lineAnchors(re *syntax.Regexp) {
	switch re.Op {
	case syntax.OpBeginText:
		re.Op = syntax.OpBeginLine
	case syntax.OpEndText:
		re.Op = syntax.OpEndLine
		re.Flags &^= syntax.WasDollar
	}
	for _, sub := range re.Sub {
		lineAnchors(sub)
	}
}

// requiredLiteral returns the longest literal that every match of re
// contains, and whether it is matched ignoring case.
func requiredLiteral(re *syntax.Regexp) (string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return string(re.Rune), re.Flags&syntax.FoldCase != 0
	case syntax.OpCapture, syntax.OpPlus:
		return requiredLiteral(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiteral(re.Sub[0])
		}
	case syntax.OpConcat:
		best, fold := "", false
		for _, sub := range re.Sub {
			if lit, f := requiredLiteral(sub); len(lit) > len(best) {
				best, fold = lit, f
			}
		}
		return best, fold
	}
	return "", false
}

// mayMatch reports whether content contains the required literal. Under
// case folding, Go's regexp also lets k and s match the Kelvin sign and
// the long s: a file holding either is never skipped.
func (m lineMatcher) mayMatch(content []byte) bool {
	switch {
	case m.need == nil:
		return true
	case !m.fold:
		return bytes.Contains(content, m.need)
	case bytes.Contains(content, []byte("\u212a")) || bytes.Contains(content, []byte("\u017f")):
		return true
	}
	return bytes.Contains(bytes.ToLower(content), m.need)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// match calls fn with the 1-based number and the text (without LF) of
// every matching line of content, in order, until fn returns false.
func (m lineMatcher) match(content []byte, fn func(line int, text []byte) bool) {
	if !m.mayMatch(content) {
		return
	}
	if m.file == nil {
		m.matchAll(content, fn)
		return
	}
	lineNo, lineStart := 1, 0 // the line holding content[lineStart]
	lastChecked := 0          // the last line number already checked
	for _, span := range m.file.FindAllIndex(content, -1) {
		// Every line the span touches is a candidate.
		start, end := span[0], max(span[1]-1, span[0])
		for {
			lineNo += bytes.Count(content[lineStart:start], []byte{'\n'})
			lineStart = start - lineLen(content[:start], lineStart)
			if lineStart == len(content) {
				return // past the final LF: not a line
			}
			nl := bytes.IndexByte(content[lineStart:], '\n')
			lineEnd := len(content)
			if nl >= 0 {
				lineEnd = lineStart + nl
			}
			if lineNo > lastChecked {
				lastChecked = lineNo
				if text := content[lineStart:lineEnd]; m.line.Match(text) && !fn(lineNo, text) {
					return
				}
			}
			if end <= lineEnd || lineEnd == len(content) {
				break
			}
			start = lineEnd + 1 // the next line, still inside the span
		}
	}
}

// lineLen returns how far back from the end of before the current line
// starts, searching no further back than from (a known line start).
func lineLen(before []byte, from int) int {
	return len(before) - from - (bytes.LastIndexByte(before[from:], '\n') + 1)
}

// matchAll checks every line: the fallback when the expression could not
// be rewritten.
func (m lineMatcher) matchAll(content []byte, fn func(int, []byte) bool) {
	for i, l := range repo.SplitLines(content) {
		if text := repo.TrimEOL(l); m.line.Match(text) && !fn(i+1, text) {
			return
		}
	}
}

// hasAssertion reports whether re looks at the text beside a position.
func hasAssertion(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	for _, sub := range re.Sub {
		if hasAssertion(sub) {
			return true
		}
	}
	return false
}

// matchWindow finds a match of the line expression in win, a window of a
// line too long to hold whole; atStart and atEnd say whether win begins
// and ends where the line does. A match that touches a cut edge is
// trusted only when the expression makes no assertion about the text
// beside it. It returns the match's span in win.
func (m lineMatcher) matchWindow(win []byte, atStart, atEnd bool) (int, int, bool) {
	if !m.mayMatch(win) {
		return 0, 0, false
	}
	// A few matches, not all: on a line of one repeated byte, every byte
	// may match, and only an edge can make one unfit.
	for _, span := range m.line.FindAllIndex(win, 3) {
		if m.edgy && (span[0] == 0 && !atStart || span[1] == len(win) && !atEnd) {
			continue
		}
		return span[0], span[1], true
	}
	return 0, 0, false
}
