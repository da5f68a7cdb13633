package code

import (
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/tui/tuitest"
)

func TestEscapeNonASCIIModeShowsHomoglyphsAsCodePoints(t *testing.T) {
	_, r, pin := fixture(t, repotest.Tree{
		"homoglyph.js": {Content: repotest.HostileHomoglyph + "// café\t日本 \u202e x\n"},
	})
	m := opened(t, r, pin, "homoglyph.js", 0)
	before := screen(m)
	if !strings.Contains(before, "  2 var а = \"cyrillic a\";  // U+0430") || m.EscapeNonASCII() {
		t.Fatalf("default view (mode %v):\n%s", m.EscapeNonASCII(), before)
	}
	m = tuitest.Run(t, m, tuitest.Key("u"))
	s := screen(m)
	if !m.EscapeNonASCII() {
		t.Fatal("u did not turn the mode on")
	}
	for _, want := range []string{
		`  1 var a = "x";`, // ASCII untouched
		`  2 var \u{0430} = "cyrillic a";  // U+0430`,
		`  3 if (a<U+200B> == "x") {} // ZWSP U+200B`,     // markers stay markers
		`  5 // caf\u{00E9}  \u{65E5}\u{672C} <U+202E> x`, // tab expanded after the escapes
	} {
		if !strings.Contains(s, want) {
			t.Errorf("escape mode lacks %q:\n%s", want, s)
		}
	}
	if strings.ContainsAny(s, "а日é") {
		t.Errorf("a non-ASCII character is still drawn as itself:\n%s", s)
	}
	m = tuitest.Run(t, m, tuitest.Key("u"))
	if got := screen(m); got != before || m.EscapeNonASCII() {
		t.Errorf("u again did not restore the view:\n%s", got)
	}
}
