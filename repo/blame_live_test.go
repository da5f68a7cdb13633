package repo

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// A live blame hands over the lines as they settle: first every line
// pending, then the newest changes, each settled line already final.
func TestBlameLiveSettlesLinesNewestFirst(t *testing.T) {
	tr := repotest.New(t)
	var lines []string
	for i := 0; i < 6; i++ {
		lines = append(lines, "line "+strconv.Itoa(i))
	}
	h := tr.Commit("c0", repotest.Tree{"f": {Content: strings.Join(lines, "\n") + "\n"}})
	for i := 5; i >= 1; i-- { // each commit rewrites one line, the last commit line 1
		lines[i] = "edit " + strconv.Itoa(i)
		h = tr.Commit("edit "+strconv.Itoa(i), tr.Edit(h, repotest.Tree{"f": {Content: strings.Join(lines, "\n") + "\n"}}))
	}
	r, pin := openAt(t, tr)
	want, err := r.Blame(context.Background(), pin.Commit, "f", nil)
	if err != nil {
		t.Fatal(err)
	}
	type call struct {
		lines       []BlameLine
		done, total int
	}
	var calls []call
	got, err := r.BlameLive(context.Background(), pin.Commit, "f", nil, 0, func(p []BlameLine, done, total int) {
		calls = append(calls, call{p, done, total})
	})
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("BlameLive = %v, %v; Blame = %v", got, err, want)
	}
	if len(calls) < 3 {
		t.Fatalf("%d partial results, want one at the start and several while settling", len(calls))
	}
	if c := calls[0]; c.done != 0 || c.total != 6 || len(c.lines) != 6 || c.lines[1].Commit != ZeroHash {
		t.Fatalf("first partial: %+v, want 6 lines, none settled", c)
	}
	if c := calls[1]; c.done != 1 || c.lines[1].Commit != pin.Commit || c.lines[0].Commit != ZeroHash {
		t.Errorf("second partial: %+v, want only line 2 (the pin's change) settled", c)
	}
	prev := -1
	for i, c := range calls {
		n := 0
		for j, l := range c.lines {
			if l.Commit == ZeroHash {
				continue
			}
			n++
			if l != want[j] {
				t.Errorf("partial %d line %d = %+v, final %+v", i, j+1, l, want[j])
			}
		}
		if n != c.done || c.done < prev || c.done >= c.total && i > 0 {
			t.Errorf("partial %d: %d settled, done %d of %d (previous %d)", i, n, c.done, c.total, prev)
		}
		prev = c.done
	}
}
