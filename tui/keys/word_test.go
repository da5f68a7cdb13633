package keys

import (
	"strings"
	"testing"
)

func TestMatchWord(t *testing.T) {
	for _, c := range []struct {
		word, text string
		want       bool
	}{
		{"count", "count = 1", true},
		{"count", "count2 = recount", false},
		{"count", "recount(count)", true},
		{"count", "Count", false},
		{"vаr", "vаrx vаr", true},
		{"var", "vаr", false},
	} {
		if got := MatchWord(c.word, c.text); got != c.want {
			t.Errorf("MatchWord(%q, %q) = %v", c.word, c.text, got)
		}
	}
}

func TestScrollLines(t *testing.T) {
	for _, c := range []struct{ top, cursor, n, total, height, wantTop, wantCursor int }{
		{0, 0, 1, 100, 10, 1, 1},     // the cursor is dragged down with the top row
		{0, 5, 1, 100, 10, 1, 5},     // on screen: it stays
		{5, 14, -1, 100, 10, 4, 13},  // off the bottom: dragged up
		{90, 95, 1, 100, 10, 90, 95}, // the last screenful: no further
		{0, 3, -1, 100, 10, 0, 3},
		{0, 2, 1, 5, 10, 0, 2}, // shorter than the screen: nothing to scroll
	} {
		top, cur := ScrollLines(c.top, c.cursor, c.n, c.total, c.height)
		if top != c.wantTop || cur != c.wantCursor {
			t.Errorf("ScrollLines%v = %d, %d; want %d, %d", c, top, cur, c.wantTop, c.wantCursor)
		}
	}
}

// The column cursor's word motions and the word it takes, in bytes of
// the stored text (a multi-byte letter is part of a word).
func TestWordMotions(t *testing.T) {
	const line = "int crypto_verify_file(const char *päth)"
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"w from 0", NextWordStart(line, 0), 4},
		{"w from -1", NextWordStart(line, -1), 0},
		{"w in a word", NextWordStart(line, 6), 23},
		{"w past the last", NextWordStart(line, 35), -1},
		{"b from inside", PrevWordStart(line, 6), 4},
		{"b from a start", PrevWordStart(line, 4), 0},
		{"b at 0", PrevWordStart(line, 0), -1},
		{"e from 0", NextWordEnd(line, 0), 2},
		{"e at an end", NextWordEnd(line, 2), 21},
		{"e from -1", NextWordEnd("a b", -1), 0},
		{"e multi-byte", NextWordEnd(line, 35), 39},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.name, c.got, c.want)
		}
	}
	for _, c := range []struct {
		off  int
		want string
	}{{0, "int"}, {3, "crypto_verify_file"}, {10, "crypto_verify_file"}, {22, "const"}, {36, "päth"}, {40, ""}} {
		s, e, ok := WordRange(line, c.off)
		got := ""
		if ok {
			got = line[s:e]
		}
		if got != c.want {
			t.Errorf("WordRange(%d) = %q, want %q", c.off, got, c.want)
		}
	}
}

// Words gives each word once, in order, those keep accepts, up to max;
// a word at the end of the text counts.
func TestWords(t *testing.T) {
	all := func(string) bool { return true }
	noX := func(w string) bool { return w != "x" }
	for _, c := range []struct {
		text string
		max  int
		keep func(string) bool
		want string
	}{
		{"if (check(x, x_1) != x) return žluť;", 10, all, "if check x x_1 return žluť"},
		{"if (check(x, x_1) != x) return žluť", 10, noX, "if check x_1 return žluť"},
		{"a b c d", 2, all, "a b"},
		{"a a a b", 2, all, "a b"},
		{"  ;; ", 5, all, ""},
	} {
		if got := strings.Join(Words(c.text, c.max, c.keep), " "); got != c.want {
			t.Errorf("Words(%q, %d) = %q, want %q", c.text, c.max, got, c.want)
		}
	}
}
