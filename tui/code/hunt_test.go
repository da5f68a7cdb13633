package code

import (
	"fmt"
	"strings"
	"testing"

	"sightline/tui/tuitest"
)

// needleFile is pagedFile with NEEDLE twice on line 50 and once on lines
// 45,000 and 80,000: in the first window, and two windows further on.
func needleFile() (string, int) {
	var b strings.Builder
	n := 0
	for b.Len() < 5<<20 {
		n++
		switch n {
		case 50:
			fmt.Fprintf(&b, "L%d NEEDLE and NEEDLE\n", n)
		case 45000, 80000:
			fmt.Fprintf(&b, "L%d NEEDLE\n", n)
		default:
			fmt.Fprintf(&b, "L%d %s\n", n, strings.Repeat("x", n%97))
		}
	}
	return b.String(), n
}

// pressRun sends key k and runs what it starts; mid is the view before
// the Cmds run.
func pressRun(t *testing.T, m Model, k string) (after, mid Model) {
	t.Helper()
	m, cmd := m.Update(tuitest.Key(k))
	return tuitest.Run(t, m, tuitest.Exec(t, cmd)...), m
}

// HOST-16: n and N find matches past the loaded window of a large file,
// in a Cmd, saying so while they search and when there are no more; the
// count says it is the window's.
func TestSearchGoesOnPastTheWindow(t *testing.T) {
	content, _ := needleFile()
	m := pagedView(t, content)
	first := m.Total()
	if first >= 45000 {
		t.Fatalf("the first window reaches line %d: the test needs 45,000 outside it", first)
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, m.SetSearch("NEEDLE"))...)
	checkRows(t, m, 50)
	want := fmt.Sprintf("/NEEDLE: 1/2 matches in lines 1–%s (the part loaded; n/N search on)", commas(first))
	if got := m.SearchStatus(); got != want {
		t.Fatalf("status %q, want %q", got, want)
	}
	m, _ = pressRun(t, m, "n")
	m, mid := pressRun(t, m, "n")
	searching := fmt.Sprintf("/NEEDLE: searching below line %s …", commas(first))
	if mid.SearchStatus() != searching || !strings.Contains(screen(mid), searching) {
		t.Fatalf("while searching past the window: status %q, screen\n%s", mid.SearchStatus(), screen(mid))
	}
	checkRows(t, m, 45000)
	if got := m.SearchStatus(); !strings.HasPrefix(got, "/NEEDLE: 1/1 matches in lines ") || strings.Contains(screen(m), "searching") {
		t.Fatalf("at line 45,000: status %q\n%s", got, screen(m))
	}
	m, _ = pressRun(t, m, "n")
	checkRows(t, m, 80000)
	m, _ = pressRun(t, m, "n")
	checkRows(t, m, 80000)
	if got := m.SearchStatus(); !strings.HasPrefix(got, "/NEEDLE: no more matches below") {
		t.Fatalf("n past the last match: status %q", got)
	}

	m, _ = pressRun(t, m, "N")
	checkRows(t, m, 45000)
	m, mid = pressRun(t, m, "N")
	if got := mid.SearchStatus(); !strings.HasPrefix(got, "/NEEDLE: searching above line ") {
		t.Fatalf("while searching above the window: status %q", got)
	}
	checkRows(t, m, 50)
	if got := m.SearchStatus(); !strings.HasPrefix(got, "/NEEDLE: 2/2 matches") {
		t.Fatalf("N lands on the found line's last match: status %q", got)
	}
	m, _ = pressRun(t, m, "N")
	m, _ = pressRun(t, m, "N")
	checkRows(t, m, 50)
	if got := m.SearchStatus(); got != "/NEEDLE: no more matches above: this is the start of the file" {
		t.Fatalf("N before the first match: status %q", got)
	}
}

// A search past the window answered after the reviewer moved elsewhere is
// dropped, and a window loaded by moving keeps the cursor where the move
// put it rather than jumping to a match.
func TestSearchPastTheWindowIsDroppedWhenStaleAndMovesDoNotJump(t *testing.T) {
	content, last := needleFile()
	m := pagedView(t, content)
	first := m.Total()
	m = tuitest.Run(t, m, tuitest.Exec(t, m.SetSearch("NEEDLE"))...)
	m = tuitest.Run(t, m, tuitest.Key("n")) // 2/2, line 50
	m, hunt := m.Update(tuitest.Key("n"))
	if hunt == nil {
		t.Fatal("n past the window's last match started nothing")
	}
	m, load := m.Update(tuitest.Key("G"))
	m = tuitest.Run(t, m, tuitest.Exec(t, load)...)
	m = tuitest.Run(t, m, tuitest.Exec(t, hunt)...)
	checkRows(t, m, last)
	if got := m.SearchStatus(); !strings.HasPrefix(got, "/NEEDLE: 1 match in lines ") { // line 80,000
		t.Fatalf("after G: status %q", got)
	}
	m, _ = pressRun(t, m, "N") // from the cursor, not from a match
	checkRows(t, m, 80000)
	m = tuitest.Run(t, m, tuitest.Key("g"), tuitest.Key("g"))
	m = tuitest.Run(t, m, tuitest.Exec(t, m.GotoLine(first))...)
	m = tuitest.Run(t, m, tuitest.Key("j"))
	checkRows(t, m, first+1) // not line 45,000, the next match
}

// HOST-16: ! past the window's last hostile line looks on through the rest
// of the file in a Cmd, saying so, and says when there is none further.
func TestNextHostileGoesOnPastTheWindow(t *testing.T) {
	m := pagedView(t, hostileFile())
	first := m.Total()
	m, _ = pressRun(t, m, "!")
	checkRows(t, m, 10)
	m, mid := pressRun(t, m, "!")
	looking := fmt.Sprintf("looking for hostile characters below line %s …", commas(first))
	if !strings.Contains(strings.ReplaceAll(screen(mid), "\n", ""), looking) {
		t.Fatalf("no %q while looking:\n%s", looking, screen(mid))
	}
	checkRows(t, m, 45000)
	m, _ = pressRun(t, m, "!")
	checkRows(t, m, 80000)
	m, _ = pressRun(t, m, "!")
	checkRows(t, m, 80000)
	if s := strings.ReplaceAll(screen(m), "\n", ""); !strings.Contains(s, "no hostile characters below") {
		t.Fatalf("! past the last hostile line says nothing:\n%s", screen(m))
	}
	m, _ = pressRun(t, m, "k")
	if strings.Contains(screen(m), "no hostile characters below") {
		t.Errorf("the note stayed after the next key:\n%s", screen(m))
	}
}

// longLineFile is issue 17.8's file: a short line, then 18 MiB of spaces
// with NEEDLE at the end of the same line, then a last line.
func longLineFile() (string, int64) {
	head := "L1 start\n" + strings.Repeat(" ", 18<<20)
	return head + "NEEDLE here\nL3 end\n", int64(len(head))
}

// Issue 17.8: n finds a match past the window deep inside a line longer
// than the window (and longer than the 16 MiB a hunt used to look at), and
// the window it opens holds the match, with the cursor on it and a banner
// saying the line starts before what is shown; N from there goes back.
func TestSearchReachesMatchDeepInsideLongLine(t *testing.T) {
	content, at := longLineFile()
	m := pagedView(t, content)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.SetSearch("NEEDLE"))...)
	m, _ = pressRun(t, m, "n")
	if got := m.SearchStatus(); !strings.HasPrefix(got, "/NEEDLE: 1/1 matches") {
		t.Fatalf("n: status %q, want the match found and shown\n%s", got, screen(m))
	}
	d := m.Doc()
	if m.Line() != 2 || d.Start > at || d.Start+int64(len(d.Blob.Data)) < at+6 || len(d.Blob.Data) > 1<<20 {
		t.Fatalf("cursor on line %d, window [%d, +%d), want line 2 and byte %d inside a window of at most 1 MiB",
			m.Line(), d.Start, len(d.Blob.Data), at)
	}
	s := screen(m)
	if !strings.Contains(s, "NEEDLE here") || !strings.Contains(s, "line 2 starts") {
		t.Fatalf("the match and the banner are not on screen:\n%s", s)
	}
	m, _ = pressRun(t, m, "n")
	if got := m.SearchStatus(); !strings.HasPrefix(got, "/NEEDLE: no more matches below") {
		t.Fatalf("n past the last match: status %q", got)
	}
	m, _ = pressRun(t, m, "N")
	if got := m.SearchStatus(); !strings.HasPrefix(got, "/NEEDLE: no more matches above") {
		t.Fatalf("N before the only match: status %q", got)
	}
}
