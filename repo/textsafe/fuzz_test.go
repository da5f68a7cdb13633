package textsafe

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostileSeeds are the fixture contents of every HOST case, plus edge
// cases; they run as ordinary tests in CI.
var hostileSeeds = []string{
	escapesTxt, trojanC, homoglyphJS, badUTF8Txt,
	"text\x00with NUL\n", "int main(void){\x00return 42;}\n",
	"esc\x1b[31mred.txt", "name\nwith newline.txt", "bidi\u202etxt.exe",
	"Evil\x1b]0;pwned\x07\x1b[2J Author",
	"subject \x1b]52;c;ZXZpbA==\x07 hidden\n\nbody \x1b[8mconcealed\x1b[0m\r overprint",
	"", "\t", "\r\n", "\ufeff", "\xef\xbb", "\xc2", "\xf0\x9f\x98", "\U0001F600 \u00ad\u2028\u2029\U000E0041\U000E0100",
	"\x7f\x80\x9f\xa0", "pаypal.com", "\u3164\u115f = 1", "ＡＢＣ𝐚",
	"\x1bP\x1b\\\x9d0;x\x9c",
}

// forbidden reports the first rune of s that must never reach a terminal.
func forbidden(s string, allowTab, allowLF bool) (int, bool) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		bad := false
		switch {
		case r == utf8.RuneError && size == 1:
			bad = true
		case r == '\t':
			bad = !allowTab
		case r == '\n':
			bad = !allowLF
		case r < 0x20, r >= 0x7f && r <= 0x9f:
			bad = true
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c,
			r >= 0x200b && r <= 0x200d, r >= 0x2060 && r <= 0x2064, r == 0xfeff, r == 0x00ad,
			r == 0x2028, r == 0x2029, r >= 0xe0000 && r <= 0xe007f:
			bad = true
		}
		if bad {
			return i, true
		}
		i += size
	}
	return 0, false
}

// decode turns spans back into the bytes they display, proving that no
// byte is dropped or invented.
func decode(t *testing.T, spans []Span) string {
	var b strings.Builder
	for _, sp := range spans {
		switch sp.Kind {
		case Plain, Homoglyph:
			b.WriteString(sp.Text)
		case Control, NUL, Newline:
			for i := 0; i < len(sp.Text); i += 2 {
				b.WriteByte(sp.Text[i+1] ^ 0x40)
			}
		case BadUTF8:
			for i := 0; i < len(sp.Text); i += 4 {
				v, err := strconv.ParseUint(sp.Text[i+2:i+4], 16, 8)
				if err != nil {
					t.Fatalf("bad marker %q", sp.Text)
				}
				b.WriteByte(byte(v))
			}
		default: // <U+XXXX> markers
			for _, m := range strings.SplitAfter(sp.Text, ">") {
				if m == "" {
					continue
				}
				v, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimPrefix(m, "<U+"), ">"), 16, 32)
				if err != nil {
					t.Fatalf("bad marker %q", sp.Text)
				}
				b.WriteRune(rune(v))
			}
		}
	}
	return b.String()
}

func FuzzSanitize(f *testing.F) {
	for _, s := range hostileSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if i, bad := forbidden(Sanitize(s), false, false); bad {
			t.Fatalf("Sanitize(%q) leaks %q at %d", s, Sanitize(s), i)
		}
		if i, bad := forbidden(SanitizeMultiline(s), true, true); bad {
			t.Fatalf("SanitizeMultiline(%q) leaks at %d", s, i)
		}
		if strings.Count(SanitizeMultiline(s), "\n") != strings.Count(s, "\n") {
			t.Fatalf("SanitizeMultiline(%q) changed the line count", s)
		}
	})
}

func FuzzSpans(f *testing.F) {
	for _, s := range hostileSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, lineNo := range []int{1, 2} {
			spans := LineSpans(s, lineNo)
			for i, sp := range spans {
				if sp.Text == "" {
					t.Fatalf("empty span %d in %q", i, spans)
				}
				if i > 0 && spans[i-1].Kind == sp.Kind {
					t.Fatalf("adjacent spans of one kind in %q", spans)
				}
				if _, bad := forbidden(sp.Text, true, false); bad {
					t.Fatalf("span %q of %q leaks", sp.Text, s)
				}
			}
			if got := decode(t, spans); got != s {
				t.Fatalf("spans of %q decode to %q", s, got)
			}
		}
		// Sanitize is Spans with TAB marked.
		if got, want := Sanitize(s), strings.ReplaceAll(joined(Spans(s)), "\t", "^I"); got != want {
			t.Fatalf("Sanitize(%q) = %q, Spans give %q", s, got, want)
		}
	})
}

func FuzzScan(f *testing.F) {
	for _, s := range hostileSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		lines := bytes.SplitAfter(content, []byte("\n"))
		issues := Scan(content)
		markers := 0
		for n, l := range lines {
			body := strings.TrimSuffix(strings.TrimSuffix(string(l), "\n"), "\r")
			for _, sp := range LineSpans(body, n+1) {
				switch sp.Kind {
				case Plain:
				case BadUTF8:
					markers += len(sp.Text) / 4
				case Control, NUL:
					markers += len(sp.Text) / 2
				case Homoglyph:
					markers += utf8.RuneCountInString(sp.Text)
				default:
					markers += strings.Count(sp.Text, "<")
				}
			}
		}
		if markers != len(issues) {
			t.Fatalf("%q: %d issues, %d markers", content, len(issues), markers)
		}
		checkStream(t, content, 16, 32)
		for _, is := range issues {
			l := lines[is.Line-1]
			off := is.Col - 1
			if is.Kind == BadUTF8 {
				if int(l[off]) != is.Byte {
					t.Fatalf("%+v points at %x", is, l[off])
				}
				continue
			}
			if r, _ := utf8.DecodeRune(l[off:]); r != is.Rune || is.Byte != -1 || is.Name == "" {
				t.Fatalf("%+v points at %U", is, r)
			}
		}
	})
}
