package keys

import "testing"

func TestWordAtAndMatchWord(t *testing.T) {
	for _, c := range []struct {
		text string
		col  int
		want string
	}{
		{"\tcount := total", 0, "count"},
		{"// header 0", 0, "header"},
		{"a.b(c)", 2, "b"},
		{"foo bar", 3, "bar"},
		{"foo bar", 7, ""},
		{"vаr x", 0, "vаr"}, // a Cyrillic а: one identifier, as the compiler reads it
		{"---", 0, ""},
	} {
		if got := WordAt(c.text, c.col); got != c.want {
			t.Errorf("WordAt(%q, %d) = %q, want %q", c.text, c.col, got, c.want)
		}
	}
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
