package linediff

import (
	"slices"
	"strings"
	"testing"
)

// Changes marks what a line diff must: nothing for equal files, every
// line of a file diffed against nothing, and an edited line in the
// middle on both sides.
func TestChanges(t *testing.T) {
	lines := func(s string) [][]byte {
		var out [][]byte
		for _, l := range strings.SplitAfter(s, "\n") {
			if l != "" {
				out = append(out, []byte(l))
			}
		}
		return out
	}
	count := func(bs []bool) (n int) {
		for _, b := range bs {
			if b {
				n++
			}
		}
		return n
	}
	a := lines("one\ntwo\nthree\n")
	if del, add := Changes(a, a); count(del) != 0 || count(add) != 0 {
		t.Errorf("equal files: %v %v", del, add)
	}
	if del, add := Changes(nil, a); len(del) != 0 || count(add) != 3 {
		t.Errorf("added file: %v %v", del, add)
	}
	del, add := Changes(a, lines("one\n2\nthree\n"))
	if want := []bool{false, true, false}; !slices.Equal(del, want) || !slices.Equal(add, want) {
		t.Errorf("edited middle line: %v %v", del, add)
	}
}
