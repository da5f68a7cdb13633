package code

import (
	"fmt"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// hostileFile is pagedFile with hostile characters on lines 10 (in the
// first window), 45,000 (two) and 80,000.
func hostileFile() string {
	var b strings.Builder
	for n := 1; b.Len() < 5<<20; n++ {
		switch n {
		case 10:
			fmt.Fprintf(&b, "L%d x = 1 /* \u202e */\n", n)
		case 45000:
			fmt.Fprintf(&b, "L%d a\u200bb\u200bc\n", n)
		case 80000:
			fmt.Fprintf(&b, "L%d \x1b[2J\n", n)
		default:
			fmt.Fprintf(&b, "L%d %s\n", n, strings.Repeat("x", n%97))
		}
	}
	return b.String()
}

// HOST-16: the hostile characters of a file larger than the window are
// counted over the whole file in the background; until then the count is
// the window's and the banner says so.
func TestLargeFileCountsHostileCharactersOfTheWholeFile(t *testing.T) {
	_, r, pin := fixture(t, repotest.Tree{"gen/big.txt": {Content: hostileFile()}})
	m := New(r, pin.Tree, theme.PlainStyles(), DefaultKeyMap())
	m.winSize = 1 << 20
	m.SetSize(200, 20) // banners on one row each
	m.Focus()
	loaded := tuitest.Exec(t, m.Open("gen/big.txt", 0))
	m, rest := m.Update(loaded[0])
	first := m.Total()
	if m.HostileCount() != 1 || m.HostileCountIsWhole() {
		t.Fatalf("before the whole count: %d (whole %v), want the window's 1", m.HostileCount(), m.HostileCountIsWhole())
	}
	counting := fmt.Sprintf("⚠ in lines 1–%s: 1 bidirectional", commas(first))
	if s := strings.ReplaceAll(screen(m), "\n", ""); !strings.Contains(s, counting) || !strings.Contains(s, "counting the whole file …") {
		t.Fatalf("banner while counting lacks %q and \"counting the whole file …\":\n%s", counting, screen(m))
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, rest)...)
	if m.HostileCount() != 4 || !m.HostileCountIsWhole() {
		t.Fatalf("after the whole count: %d (whole %v), want 4", m.HostileCount(), m.HostileCountIsWhole())
	}
	s := strings.ReplaceAll(screen(m), "\n", "")
	if !strings.Contains(s, "⚠ whole file: 1 bidirectional") || !strings.Contains(s, fmt.Sprintf("; in lines 1–%s: 1 bidirectional", commas(first))) {
		t.Fatalf("banner after the count:\n%s", screen(m))
	}
	m = tuitest.Run(t, m, tuitest.Key("G"))
	if m.HostileCount() != 4 || !strings.Contains(strings.ReplaceAll(screen(m), "\n", ""), "1 control character") {
		t.Fatalf("the last window lost the whole count (%d):\n%s", m.HostileCount(), screen(m))
	}
}

// A U+FEFF opening a line is a byte order mark only on the file's line 1:
// on the first line of a later window it is an invisible character,
// flagged and counted like the same character on any other line.
func TestWindowFirstLineIsNotExcusedAsAByteOrderMark(t *testing.T) {
	var b strings.Builder
	for n := 1; b.Len() < 3<<20; n++ {
		fmt.Fprintf(&b, "\ufeffL%d %s\n", n, strings.Repeat("x", n%97))
	}
	m := pagedView(t, b.String())
	mid := m.Total() + 5000
	m = tuitest.Run(t, m, tuitest.Exec(t, m.GotoLine(mid))...)
	d := m.Doc()
	if d.Base == 0 {
		t.Fatalf("line %d is in the first window", mid)
	}
	if got := d.Summary.Total(); got != len(d.Lines) {
		t.Errorf("window of %d lines, each opening with U+FEFF, counts %d hostile characters", len(d.Lines), got)
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, m.GotoLine(d.Base+1))...)
	if row := screen(m); !strings.Contains(row, fmt.Sprintf("! %d <U+FEFF>L%d", d.Base+1, d.Base+1)) {
		t.Errorf("the window's first line is not flagged ! with its U+FEFF marked:\n%s", row)
	}
}
