package linediff

// Sliding runs of changed lines, as git's xdl_change_compact does. A
// "group" is the run of changed lines between two unchanged ones (it may
// be empty); the groups of the two files pair up one to one, because
// unchanged lines pair up in order.

// Weights of git's indent heuristic (xdiffi.c).
const (
	startOfFilePenalty         = 1
	endOfFilePenalty           = 21
	totalBlankWeight           = -30
	postBlankWeight            = 6
	relIndentPenalty           = -4
	relIndentWithBlankPenalty  = 10
	relOutdentPenalty          = 24
	relOutdentWithBlankPenalty = 17
	relDedentPenalty           = 23
	relDedentWithBlankPenalty  = 17
	indentWeight               = 60
	maxSliding                 = 100
	maxBlanks                  = 20
)

type group struct{ start, end int }

type compactor struct {
	ids    []LineID
	chg    []bool
	indent []int // per id
}

func (c *compactor) changed(i int) bool { return i >= 0 && i < len(c.chg) && c.chg[i] }

func (c *compactor) first() group {
	g := group{}
	for c.changed(g.end) {
		g.end++
	}
	return g
}

func (c *compactor) next(g *group) bool {
	if g.end == len(c.chg) {
		return false
	}
	g.start = g.end + 1
	for g.end = g.start; c.changed(g.end); g.end++ {
	}
	return true
}

func (c *compactor) prev(g *group) bool {
	if g.start == 0 {
		return false
	}
	g.end = g.start - 1
	for g.start = g.end; c.changed(g.start - 1); g.start-- {
	}
	return true
}

func (c *compactor) slideDown(g *group) bool {
	if g.end < len(c.chg) && c.ids[g.start] == c.ids[g.end] {
		c.chg[g.start], c.chg[g.end] = false, true
		g.start, g.end = g.start+1, g.end+1
		for c.changed(g.end) {
			g.end++
		}
		return true
	}
	return false
}

func (c *compactor) slideUp(g *group) bool {
	if g.start > 0 && c.ids[g.start-1] == c.ids[g.end-1] {
		g.start, g.end = g.start-1, g.end-1
		c.chg[g.start], c.chg[g.end] = true, false
		for c.changed(g.start - 1) {
			g.start--
		}
		return true
	}
	return false
}

// compact slides the groups of one file (ids, chg) against the other
// file's change marks (other), which it keeps in step.
func compact(ids []LineID, chg, other []bool, indent []int) {
	c := &compactor{ids: ids, chg: chg, indent: indent}
	o := &compactor{chg: other}
	g, og := c.first(), o.first()
	for {
		if g.end != g.start {
			c.slideGroup(o, &g, &og)
		}
		if !c.next(&g) || !o.next(&og) {
			return
		}
	}
}

// slideGroup moves one group as far up, then down, as identical lines
// allow (merging groups it meets), then settles it: in line with a change
// in the other file if it passed one, else where the indent heuristic
// scores best.
func (c *compactor) slideGroup(o *compactor, g, og *group) {
	var size, earliestEnd int
	endMatchingOther := -1
	for {
		size = g.end - g.start
		endMatchingOther = -1
		for c.slideUp(g) {
			o.prev(og)
		}
		earliestEnd = g.end
		if og.end > og.start {
			endMatchingOther = g.end
		}
		for c.slideDown(g) {
			o.next(og)
			if og.end > og.start {
				endMatchingOther = g.end
			}
		}
		if size == g.end-g.start {
			break
		}
	}
	switch {
	case g.end == earliestEnd:
	case endMatchingOther != -1:
		for og.end == og.start {
			c.slideUp(g)
			o.prev(og)
		}
	default:
		best := c.bestShift(g, size, earliestEnd)
		for g.end > best {
			c.slideUp(g)
			o.prev(og)
		}
	}
}

// bestShift tries every end position the group can slide to (at most
// maxSliding) and returns the one whose two boundaries score best.
func (c *compactor) bestShift(g *group, size, earliestEnd int) int {
	shift := max(earliestEnd, g.end-size-1, g.end-maxSliding)
	best := -1
	var bestScore splitScore
	for ; shift <= g.end; shift++ {
		var s splitScore
		c.scoreSplit(shift, &s)
		c.scoreSplit(shift-size, &s)
		if best == -1 || s.cmp(bestScore) <= 0 {
			best, bestScore = shift, s
		}
	}
	return best
}

type splitScore struct{ effectiveIndent, penalty int }

func (s splitScore) cmp(t splitScore) int {
	ci := 0
	if s.effectiveIndent > t.effectiveIndent {
		ci = 1
	} else if s.effectiveIndent < t.effectiveIndent {
		ci = -1
	}
	return indentWeight*ci + (s.penalty - t.penalty)
}

func (c *compactor) indentAt(i int) int { return c.indent[c.ids[i]] }

// scoreSplit adds the badness of cutting the file just before line split.
func (c *compactor) scoreSplit(split int, s *splitScore) {
	n := len(c.ids)
	endOfFile, indent := split >= n, -1
	if !endOfFile {
		indent = c.indentAt(split)
	}
	preBlank, preIndent := 0, -1
	for i := split - 1; i >= 0; i-- {
		if preIndent = c.indentAt(i); preIndent != -1 {
			break
		}
		if preBlank++; preBlank == maxBlanks {
			preIndent = 0
			break
		}
	}
	postBlank, postIndent := 0, -1
	for i := split + 1; i < n; i++ {
		if postIndent = c.indentAt(i); postIndent != -1 {
			break
		}
		if postBlank++; postBlank == maxBlanks {
			postIndent = 0
			break
		}
	}
	if preIndent == -1 && preBlank == 0 {
		s.penalty += startOfFilePenalty
	}
	if endOfFile {
		s.penalty += endOfFilePenalty
	}
	blanksAfter := 0
	if indent == -1 {
		blanksAfter = 1 + postBlank
	}
	total := preBlank + blanksAfter
	s.penalty += totalBlankWeight*total + postBlankWeight*blanksAfter
	if indent == -1 {
		indent = postIndent
	}
	anyBlanks := total != 0
	s.effectiveIndent += indent
	switch {
	case indent == -1 || preIndent == -1 || indent == preIndent:
	case indent > preIndent:
		s.penalty += pick(anyBlanks, relIndentWithBlankPenalty, relIndentPenalty)
	case postIndent != -1 && postIndent > indent:
		s.penalty += pick(anyBlanks, relOutdentWithBlankPenalty, relOutdentPenalty)
	default:
		s.penalty += pick(anyBlanks, relDedentWithBlankPenalty, relDedentPenalty)
	}
}

func pick(cond bool, a, b int) int {
	if cond {
		return a
	}
	return b
}
