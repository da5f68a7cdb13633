package linediff

import (
	"bytes"
	"encoding/binary"
)

// InternDataAfter is InternDataLike when the text of like is at hand too
// (blame keeps the version it read last, usually the child of the one it
// reads next): the shared start and end are found by comparing the two
// texts whole, a word at a time, and their lines counted, instead of a
// line at a time, and so are the runs they share between edits
// (internBetween). likeText must be the text whose lines like holds. The
// ids, and the order new lines are numbered in, are InternData's.
func (t *Table) InternDataAfter(content, likeText []byte, like []LineID) []LineID {
	p := sharedStart(content, likeText)
	if p == len(content) && p == len(likeText) {
		return append(make([]LineID, 0, len(like)), like...)
	}
	// The shared start ends at the last line break inside it.
	headBytes := bytes.LastIndexByte(content[:p], '\n') + 1
	head := bytes.Count(content[:headBytes], newline)
	rest, likeRest := content[headBytes:], likeText[headBytes:]
	// The shared end starts at a line start in both texts: where the
	// common suffix starts if that is one, else after its first break.
	x := len(rest) - sharedEnd(rest, likeRest)
	shift := len(likeRest) - len(rest)
	if !lineStart(rest, x) || !lineStart(likeRest, x+shift) {
		if i := bytes.IndexByte(rest[x:], '\n'); i >= 0 {
			x += i + 1
		} else {
			x = len(rest)
		}
	}
	tail := lineCount(rest[x:])
	out := make([]LineID, 0, head+tail+x/32+1)
	out = append(out, like[:head]...)
	out = t.internBetween(out, rest[:x], likeRest[:x+shift], like[head:len(like)-tail])
	return append(out, like[len(like)-tail:]...)
}

// resyncWindow is how far ahead in like internBetween looks for a line
// it had to look up, to follow like again after an edit.
const resyncWindow = 32

// internBetween appends the ids of the lines of mid, the part of a
// version between what it shares with likeMid (like's text) at the start
// and at the end; like holds likeMid's lines. Between edits most lines
// are still like's, in like's order: from the line of like expected
// next, the run of bytes the two texts share is found as the shared
// start was, and its whole lines take like's ids. A line that differs is
// looked up in the table, and found again in like a little further on
// when the edit only removed lines. A new line never equals a line of
// the table, so every new line is looked up, in order, and numbered as
// InternData numbers it.
func (t *Table) internBetween(out []LineID, mid, likeMid []byte, like []LineID) []LineID {
	j, at := 0, 0 // the line of like expected next, and where it starts in likeMid
	for len(mid) > 0 {
		if j < len(like) {
			run := sharedStart(mid, likeMid[at:])
			whole := bytes.LastIndexByte(mid[:run], '\n') + 1
			n := bytes.Count(mid[:whole], newline)
			out = append(out, like[j:j+n]...)
			j, at, mid = j+n, at+whole, mid[whole:]
			if len(mid) == 0 {
				break
			}
		}
		n := bytes.IndexByte(mid, '\n') + 1
		if n == 0 {
			n = len(mid)
		}
		id := t.id(mid[:n])
		out = append(out, id)
		mid = mid[n:]
		for k, skipped := j, 0; k < min(j+resyncWindow, len(like)); k++ {
			skipped += len(t.text[like[k]])
			if like[k] == id {
				j, at = k+1, at+skipped
				break
			}
		}
	}
	return out
}

var newline = []byte{'\n'}

// lineStart says whether offset i of text starts a line.
func lineStart(text []byte, i int) bool { return i == 0 || text[i-1] == '\n' }

// lineCount is the number of lines of text in the line model of
// InternData: each ends at a break, and a last one may have none.
func lineCount(text []byte) int {
	n := bytes.Count(text, newline)
	if len(text) > 0 && text[len(text)-1] != '\n' {
		n++
	}
	return n
}

// sharedStart is the length of the longest start a and b share.
func sharedStart(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	const block = 256 // compared with bytes.Equal, which is vectorised
	for i+block <= n && bytes.Equal(a[i:i+block], b[i:i+block]) {
		i += block
	}
	for i+8 <= n && binary.LittleEndian.Uint64(a[i:]) == binary.LittleEndian.Uint64(b[i:]) {
		i += 8
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// sharedEnd is the length of the longest end a and b share.
func sharedEnd(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0 // bytes shared, counted from the ends
	const block = 256
	for i+block <= n && bytes.Equal(a[len(a)-i-block:len(a)-i], b[len(b)-i-block:len(b)-i]) {
		i += block
	}
	for i+8 <= n && binary.LittleEndian.Uint64(a[len(a)-i-8:]) == binary.LittleEndian.Uint64(b[len(b)-i-8:]) {
		i += 8
	}
	for i < n && a[len(a)-i-1] == b[len(b)-i-1] {
		i++
	}
	return i
}
