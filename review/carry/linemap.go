package carry

import (
	"bytes"

	"sightline/repo"
)

// lineMap is git's line mapping between two versions of a file, from the
// same diff "git diff -U0" prints: each old line is kept (at one new
// line) or deleted (replaced by the added lines of its change group,
// possibly none).
type lineMap struct {
	newOf    []int  // newOf[i-1]: new line of kept old line i, 0 when deleted
	addStart []int  // for a deleted old line: first line its group added (the next new line when none)
	addEnd   []int  // last line its group added (addStart-1 when none)
	added    []bool // added[j-1]: new line j is an addition (not kept from the old file)
}

// newLineMap diffs old and new lines the way repo's diffs (and git) do.
// Inside a group of replaced lines, the old lines are placed on the new
// ones they still resemble once line ends and trailing blanks are set
// aside, so a changed step points at its own lines rather than the whole
// group (a file whose line ends went from LF to CRLF is one group).
func newLineMap(old, new [][]byte) *lineMap { return diffMap(old, new, true) }

func diffMap(old, new [][]byte, refine bool) *lineMap {
	m := &lineMap{
		newOf: make([]int, len(old)), addStart: make([]int, len(old)), addEnd: make([]int, len(old)),
		added: make([]bool, len(new)),
	}
	for i := range m.newOf {
		m.newOf[i] = i + 1 // kept where no hunk says otherwise
	}
	delta := 0   // new line minus old line for kept lines after the last hunk
	nextOld := 1 // first old line not yet mapped
	for _, h := range repo.DiffLines(old, new, 0) {
		// Kept lines before this hunk shift by the delta so far.
		firstDel := h.OldStart
		if h.OldLines == 0 {
			firstDel = h.OldStart + 1 // OldStart is the line before an insertion
		}
		for i := nextOld; i < firstDel; i++ {
			m.newOf[i-1] = i + delta
		}
		start := h.NewStart
		if h.NewLines == 0 {
			start = h.NewStart + 1
		}
		for j := start; j < start+h.NewLines; j++ {
			m.added[j-1] = true
		}
		for i := firstDel; i < firstDel+h.OldLines; i++ {
			m.newOf[i-1], m.addStart[i-1], m.addEnd[i-1] = 0, start, start+h.NewLines-1
		}
		if refine && h.OldLines > 0 && h.NewLines > 0 {
			m.refine(old[firstDel-1:firstDel-1+h.OldLines], new[start-1:start-1+h.NewLines], firstDel, start)
		}
		nextOld = firstDel + h.OldLines
		delta += h.NewLines - h.OldLines
	}
	for i := nextOld; i <= len(old); i++ {
		m.newOf[i-1] = i + delta
	}
	return m
}

// refine narrows where each replaced old line went within its group by
// diffing the group's lines with line ends and trailing blanks removed.
func (m *lineMap) refine(old, new [][]byte, oldStart, newStart int) {
	inner := diffMap(normalize(old), normalize(new), false)
	for k := range old {
		i := oldStart + k
		if t := inner.newOf[k]; t > 0 {
			m.addStart[i-1], m.addEnd[i-1] = newStart+t-1, newStart+t-1
		} else {
			m.addStart[i-1], m.addEnd[i-1] = newStart+inner.addStart[k]-1, newStart+inner.addEnd[k]-1
		}
	}
}

func normalize(lines [][]byte) [][]byte {
	out := make([][]byte, len(lines))
	for i, l := range lines {
		t := bytes.TrimRight(l, " \t\r\n")
		out[i] = append(t[:len(t):len(t)], '\n') // a copy: l is the cached blob's bytes
	}
	return out
}

// clean returns the new start of old lines s..e when every one is kept
// and they stay together (no line added among them).
func (m *lineMap) clean(s, e int) (int, bool) {
	t := m.newOf[s-1]
	if t == 0 {
		return 0, false
	}
	for i := s; i <= e; i++ {
		if m.newOf[i-1] != t+i-s {
			return 0, false
		}
	}
	return t, true
}

// region returns the new lines that now stand where old lines s..e
// stood (kept lines and what replaced the deleted ones), or ok false
// when nothing does: the lines were deleted outright.
func (m *lineMap) region(s, e int) (start, end int, ok bool) {
	start = m.newOf[s-1]
	if start == 0 {
		start = m.addStart[s-1]
	}
	end = m.newOf[e-1]
	if end == 0 {
		end = m.addEnd[e-1]
	}
	return start, end, end >= start
}
