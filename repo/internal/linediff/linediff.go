package linediff

import "bytes"

const (
	costCapMin    = 256  // XDL_MAX_COST_MIN
	heurMinCost   = 256  // XDL_HEUR_MIN_COST
	snakeCount    = 20   // XDL_SNAKE_CNT
	heurFactor    = 4    // XDL_K_HEUR
	maxEqLimit    = 1024 // XDL_MAX_EQLIMIT
	simScanWindow = 100  // XDL_SIMSCAN_WINDOW
	keepDisRun    = 4    // XDL_KPDIS_RUN
)

// LineID numbers a distinct line of a Table. It is 32 bits because blame
// keeps the ids of every version of a file it read, and a file edited
// thousands of times has millions of lines in them. A table reaches 2^31
// distinct lines only past 50 GB of memory (each costs a string, a map
// entry and an indent), far beyond what a blame may use.
type LineID int32

// Table interns lines to ids and remembers each id's indentation for
// the sliding heuristic.
type Table struct {
	ids       map[string]LineID
	indent    []int    // per id; -1 for a blank line
	text      []string // per id: the line, with its LF
	textBytes int      // the lines' bytes
}

// TextBytes is how many bytes of text the table holds.
func (t *Table) TextBytes() int { return t.textBytes }

// NewTable returns an empty Table.
func NewTable() *Table { return &Table{ids: map[string]LineID{}} }

func (t *Table) intern(lines [][]byte) []LineID {
	out := make([]LineID, len(lines))
	for i, l := range lines {
		out[i] = t.id(l)
	}
	return out
}

// InternData interns the lines of content (the line model of
// repo.SplitLines: each line with its LF, a last line without one)
// without building the line slices: blame interns every version of a
// file, and this is its hot loop.
func (t *Table) InternData(content []byte) []LineID {
	out := make([]LineID, 0, len(content)/32+1)
	for len(content) > 0 {
		n := bytes.IndexByte(content, '\n') + 1
		if n == 0 {
			n = len(content)
		}
		out = append(out, t.id(content[:n]))
		content = content[n:]
	}
	return out
}

func (t *Table) id(l []byte) LineID {
	if id, ok := t.ids[string(l)]; ok {
		return id
	}
	s := string(l)
	id := LineID(len(t.indent))
	t.ids[s] = id
	t.indent = append(t.indent, lineIndent(l))
	t.text = append(t.text, s)
	t.textBytes += len(s)
	return id
}

// lineIndent is the line's indentation width (tabs to multiples of 8,
// capped at 200), or -1 when the line is only whitespace.
func lineIndent(l []byte) int {
	n := 0
	for _, c := range l {
		switch c {
		case ' ':
			n++
		case '\t':
			n += 8 - n%8
		case '\n', '\r', '\v', '\f':
		default:
			return n
		}
		if n >= 200 {
			return 200
		}
	}
	return -1
}

// Changes marks which lines of a are removed and which of b are added.
func Changes(a, b [][]byte) (delA, addB []bool) {
	t := NewTable()
	ia, ib := t.intern(a), t.intern(b)
	return NewDiffer(t).Diff(ia, ib)
}

// Differ diffs id sequences of one Table, reusing its scratch space.
type Differ struct {
	t          *Table
	cnta, cntb []int32 // occurrences per id, cleared after each diff
}

// NewDiffer returns a Differ of sequences interned in t.
func NewDiffer(t *Table) *Differ { return &Differ{t: t} }

// Diff returns the change marks of a (removed) and b (added), sequences
// of ids from the Differ's Table.
func (df *Differ) Diff(a, b []LineID) (chgA, chgB []bool) {
	chgA, chgB = make([]bool, len(a)), make([]bool, len(b))
	if n := len(df.t.indent); len(df.cnta) < n {
		df.cnta, df.cntb = make([]int32, n+n/2), make([]int32, n+n/2)
	}
	for _, id := range a {
		df.cnta[id]++
	}
	for _, id := range b {
		df.cntb[id]++
	}
	lo := 0
	for lo < len(a) && lo < len(b) && a[lo] == b[lo] {
		lo++
	}
	tail := 0
	for tail < len(a)-lo && tail < len(b)-lo && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	ra, pa := df.keep(a, lo, len(a)-tail, df.cntb, chgA)
	rb, pb := df.keep(b, lo, len(b)-tail, df.cnta, chgB)
	for _, id := range a {
		df.cnta[id] = 0
	}
	for _, id := range b {
		df.cntb[id] = 0
	}
	m := newMyers(ra, rb)
	m.compare(0, len(ra), 0, len(rb), false)
	for i, c := range m.chgA {
		if c {
			chgA[pa[i]] = true
		}
	}
	for i, c := range m.chgB {
		if c {
			chgB[pb[i]] = true
		}
	}
	compact(a, chgA, chgB, df.t.indent)
	compact(b, chgB, chgA, df.t.indent)
	return chgA, chgB
}

// keep returns the lines of s[lo:hi] worth searching and their positions;
// the others are marked changed in chg. other counts ids on the other side.
func (df *Differ) keep(s []LineID, lo, hi int, other []int32, chg []bool) ([]LineID, []int) {
	limit := min(bogoSqrt(len(s)), maxEqLimit)
	dis := make([]byte, hi-lo) // 0: no match, 1: keep, 2: too many matches
	for i := lo; i < hi; i++ {
		switch nm := int(other[s[i]]); {
		case nm == 0:
			dis[i-lo] = 0
		case nm >= limit:
			dis[i-lo] = 2
		default:
			dis[i-lo] = 1
		}
	}
	ids, pos := make([]LineID, 0, hi-lo), make([]int, 0, hi-lo)
	for i := lo; i < hi; i++ {
		if d := dis[i-lo]; d == 1 || d == 2 && !discardMultimatch(dis, i-lo) {
			ids, pos = append(ids, s[i]), append(pos, i)
		} else {
			chg[i] = true
		}
	}
	return ids, pos
}

// discardMultimatch decides whether a line with many matches (dis[i] == 2)
// is set aside: only when it sits in a run of unmatched and multimatch
// lines on both sides, and multimatch lines are few in that run.
func discardMultimatch(dis []byte, i int) bool {
	s, e := max(0, i-simScanWindow), min(len(dis)-1, i+simScanWindow)
	noBefore, multi := 0, 1
	for r := 1; i-r >= s; r++ {
		if dis[i-r] == 0 {
			noBefore++
		} else if dis[i-r] == 2 {
			multi++
		} else {
			break
		}
	}
	if noBefore == 0 {
		return false
	}
	noAfter, multiAfter := 0, 1
	for r := 1; i+r <= e; r++ {
		if dis[i+r] == 0 {
			noAfter++
		} else if dis[i+r] == 2 {
			multiAfter++
		} else {
			break
		}
	}
	if noAfter == 0 {
		return false
	}
	no := noAfter + noBefore
	multi += multiAfter
	return multi*keepDisRun < multi+no
}

// bogoSqrt is git's cheap square root: the power of two at or above
// sqrt(n).
func bogoSqrt(n int) int {
	i := 1
	for ; n > 0; n >>= 2 {
		i <<= 1
	}
	return i
}
