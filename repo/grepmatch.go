package repo

import (
	"bytes"
	"regexp"
	"regexp/syntax"
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
type lineMatcher struct {
	line *regexp.Regexp // the caller's expression, applied per line
	file *regexp.Regexp // the rewritten one, for the whole-file scan; nil: check every line
}

func newLineMatcher(re *regexp.Regexp) lineMatcher {
	m := lineMatcher{line: re}
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return m
	}
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

// match calls fn with the 1-based number and the text (without LF) of
// every matching line of content, in order, until fn returns false.
func (m lineMatcher) match(content []byte, fn func(line int, text []byte) bool) {
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
	for i, l := range SplitLines(content) {
		if text := TrimEOL(l); m.line.Match(text) && !fn(i+1, text) {
			return
		}
	}
}
