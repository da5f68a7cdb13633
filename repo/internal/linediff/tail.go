package linediff

// tailBlock is the block size of git's trim_common_tail (xdiff-interface.c).
const tailBlock = 1024

// DiffNoContext is Diff as git runs it when no context lines are wanted,
// as in blame: git first cuts the files' common tail in whole 1024-byte
// blocks (then forward to a line start), so the diff never sees those
// lines. It matters for placement: a change cannot slide into the cut
// lines, the indent heuristic sees the file end before them, and the
// "many matches" counts leave them out.
func (df *Differ) DiffNoContext(a, b []LineID) (chgA, chgB []bool) {
	k := df.t.tailCut(a, b)
	chgA, chgB = df.Diff(a[:len(a)-k], b[:len(b)-k])
	return append(chgA, make([]bool, k)...), append(chgB, make([]bool, k)...)
}

// tailCut is how many trailing lines, common to a and b, git's
// trim_common_tail removes: it compares the files' last bytes in blocks
// of tailBlock (never the whole of the smaller file), then gives back the
// bytes up to and including the first LF in what it cut, so the lines
// removed are those starting after the cut point.
func (t *Table) tailCut(a, b []LineID) int {
	common, commonBytes := 0, 0
	for common < len(a) && common < len(b) && a[len(a)-1-common] == b[len(b)-1-common] {
		commonBytes += len(t.text[a[len(a)-1-common]])
		common++
	}
	suffix := commonBytes
	if common < len(a) && common < len(b) {
		// The equal bytes run on into the last differing lines (never past
		// their start: a line holds no LF but its last byte).
		suffix += commonSuffix(t.text[a[len(a)-1-common]], t.text[b[len(b)-1-common]])
	}
	trimmed := min(suffix, t.size(a), t.size(b)) / tailBlock * tailBlock
	cut, fromEnd := 0, 0
	for cut < common {
		fromEnd += len(t.text[a[len(a)-1-cut]])
		if fromEnd >= trimmed {
			break
		}
		cut++
	}
	return cut
}

func (t *Table) size(s []LineID) int {
	n := 0
	for _, id := range s {
		n += len(t.text[id])
	}
	return n
}

func commonSuffix(x, y string) int {
	n := 0
	for n < len(x) && n < len(y) && x[len(x)-1-n] == y[len(y)-1-n] {
		n++
	}
	return n
}
