package code

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// pagedFile is a 5 MiB file of numbered lines of varying length ("L<n>
// xxx…"), so every drawn row says which line it really is.
func pagedFile() (string, int) {
	var b strings.Builder
	n := 0
	for b.Len() < 5<<20 {
		n++
		fmt.Fprintf(&b, "L%d %s\n", n, strings.Repeat("x", n%97))
	}
	return b.String(), n
}

// pagedView opens the file in a view whose window is 1 MiB, so crossing
// windows stays fast.
func pagedView(t *testing.T, content string) Model {
	t.Helper()
	_, r, pin := fixture(t, repotest.Tree{"gen/big.txt": {Content: content}})
	m := New(r, pin.Tree, theme.PlainStyles(), DefaultKeyMap())
	m.winSize = 1 << 20
	m.SetSize(80, 20)
	m.Focus()
	return tuitest.Run(t, m, tuitest.Exec(t, m.Open("gen/big.txt", 0))...)
}

var rowRE = regexp.MustCompile(`^..\s*(\d+) L(\d+) `)

// checkRows fails unless every code row's line number is the number the
// line itself carries, the cursor is on want, and the window is bounded.
func checkRows(t *testing.T, m Model, want int) {
	t.Helper()
	if m.Line() != want {
		t.Fatalf("cursor on line %d, want %d\n%s", m.Line(), want, screen(m))
	}
	if got := len(m.Doc().Blob.Data); got > 1<<20 {
		t.Fatalf("window holds %d bytes, more than 1 MiB", got)
	}
	rows, seen := 0, false
	for _, row := range strings.Split(screen(m), "\n") {
		sub := rowRE.FindStringSubmatch(row)
		if sub == nil {
			continue
		}
		rows++
		if sub[1] != sub[2] {
			t.Fatalf("row numbered %s shows line L%s:\n%s", sub[1], sub[2], screen(m))
		}
		seen = seen || sub[1] == strconv.Itoa(want)
	}
	if rows < 5 || !seen {
		t.Fatalf("line %d not on screen (%d code rows):\n%s", want, rows, screen(m))
	}
}

func TestPagedFileReachesEveryLineWithItsRealNumber(t *testing.T) {
	content, last := pagedFile()
	m := pagedView(t, content)
	checkRows(t, m, 1)
	first := m.Total()
	if !strings.Contains(strings.ReplaceAll(screen(m), "\n", ""), fmt.Sprintf("showing lines 1–%s of this 5.0 MiB file", commas(first))) {
		t.Fatalf("no window banner:\n%s", screen(m))
	}

	// G shows the real last line; while it loads the view says so and
	// still answers keys.
	m2, cmd := m.Update(tuitest.Key("G"))
	if !strings.Contains(screen(m2), "loading lines at the end of the file") {
		t.Fatalf("no loading status:\n%s", screen(m2))
	}
	m2 = tuitest.Run(t, m2, tuitest.Key("j"))
	if m2.Line() != 2 {
		t.Fatalf("j while loading: line %d, want 2", m2.Line())
	}
	m = tuitest.Run(t, m2, tuitest.Exec(t, cmd)...)
	checkRows(t, m, last)
	if !strings.Contains(screen(m), fmt.Sprintf("L%d %s", last, strings.Repeat("x", last%97))) {
		t.Fatalf("last line not drawn whole:\n%s", screen(m))
	}
	if strings.Contains(screen(m), "loading lines") {
		t.Fatalf("loading status left on screen:\n%s", screen(m))
	}
	if n := len(m.cp.lfs); n < 5 {
		t.Fatalf("%d checkpoints cached after scanning 5 MiB, want at least 5", n)
	}

	// A line starting right after a cached checkpoint.
	at := strings.Count(content[:2<<20], "\n") + 1
	m = tuitest.Run(t, m, tuitest.Exec(t, m.GotoLine(at))...)
	checkRows(t, m, at)

	// :N into the middle, then up across the window's first line.
	mid := last / 2
	m = tuitest.Run(t, m, tuitest.Exec(t, m.GotoLine(mid))...)
	checkRows(t, m, mid)
	top := m.Doc().Base + 1
	m = tuitest.Run(t, m, tuitest.Exec(t, m.GotoLine(top))...)
	checkRows(t, m, top)
	m = tuitest.Run(t, m, tuitest.Key("k"))
	checkRows(t, m, top-1)

	// gg goes back to the first window.
	m = tuitest.Run(t, m, tuitest.Key("g"), tuitest.Key("g"))
	checkRows(t, m, 1)

	// Down across the first window's edge, line by line.
	m = tuitest.Run(t, m, tuitest.Exec(t, m.GotoLine(first))...)
	checkRows(t, m, first)
	for i := 1; i <= 3; i++ {
		m = tuitest.Run(t, m, tuitest.Key("j"))
		checkRows(t, m, first+i)
	}
	if m.Doc().Base == 0 {
		t.Fatal("moving past the first window did not load the next one")
	}
	// pgdn and a jump past the end land on real lines too.
	m = tuitest.Run(t, m, tuitest.Key("pgdown"))
	checkRows(t, m, first+3+m.textHeight()-1)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.GotoLine(last+1000))...)
	checkRows(t, m, last)
}

func TestStaleWindowIsDropped(t *testing.T) {
	content, last := pagedFile()
	m := pagedView(t, content)
	m, slow := m.Update(tuitest.Key("G"))
	fresh := m.GotoLine(last / 3)
	m = tuitest.Run(t, m, tuitest.Exec(t, fresh)...)
	m = tuitest.Run(t, m, tuitest.Exec(t, slow)...)
	checkRows(t, m, last/3)
}

func TestLineLongerThanTheWindowIsShownCutNeverSkipped(t *testing.T) {
	content := "a\n" + strings.Repeat("y", 3<<19) + "\nend\n"
	m := pagedView(t, content)
	if m.Total() != 1 {
		t.Fatalf("first window ends at line %d, want 1 (the next line is longer than the window)", m.Total())
	}
	m = tuitest.Run(t, m, tuitest.Key("j"))
	if m.Line() != 2 || !strings.Contains(screen(m), "  2 yyyy") {
		t.Fatalf("j: line %d, want the long line 2 on screen:\n%s", m.Line(), screen(m))
	}
	if !strings.Contains(strings.ReplaceAll(screen(m), "\n", ""), "⚠ line 2 goes on past the 1.0 MiB loaded") {
		t.Fatalf("no warning that line 2 is cut:\n%s", screen(m))
	}
	m = tuitest.Run(t, m, tuitest.Key("j"))
	if m.Line() != 3 || !strings.Contains(screen(m), "  3 end") {
		t.Fatalf("j: line %d, want line 3 \"end\":\n%s", m.Line(), screen(m))
	}
}
