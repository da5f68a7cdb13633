package textsafe

import (
	"strings"
	"testing"
)

// The fixture contents of SECURITY-NOTES §3.4, byte for byte as the shell
// recipe there writes them.
const (
	escapesTxt = "normal line\n" +
		"ESC CSI: \x1b[31mRED\x1b[0m and clear \x1b[2J\n" +
		"OSC52: \x1b]52;c;Y3VybCBldmlsfHNo\x07\n" +
		"OSC8: \x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\\n" +
		"TITLE: \x1b]0;owned\x07 \x1b]2;owned2\x07\n" +
		"DCS: \x1bP$q\"p\x1b\\\n" +
		"C1 CSI byte: \xc2\x9b31m (UTF-8 U+009B) raw C1 \x9b31m\n" +
		"CR overprint: rm -rf /\rechoXXXXXXXX\n" +
		"BS overprint: good\b\b\b\bevil\n"
	trojanC = "#include <stdio.h>\nint main(){ int isAdmin=0;\n" +
		"  /*\u202e } \u2066if (isAdmin)\u2069 \u2066 begin admins only */\n" +
		"  puts(\"admin\");\n" +
		"  /* end admins only \u202e { \u2066*/\n}\n"
	homoglyphJS = "var a = \"x\";\n" +
		"var \xd0\xb0 = \"cyrillic a\";  // U+0430\n" +
		"if (a\xe2\x80\x8b == \"x\") {} // ZWSP U+200B\n" +
		"\xef\xbb\xbfBOM mid-file U+FEFF, ZWJ\xe2\x80\x8d ZWNJ\xe2\x80\x8c WJ\xe2\x81\xa0\n"
	badUTF8Txt = "valid then invalid: \xff\xfe \xc3\x28 \xed\xa0\x80 (surrogate) \xf4\x90\x80\x80 (>U+10FFFF) overlong \xc0\xaf\n"
)

// line returns line n (1-based) of content without its LF.
func line(content string, n int) string {
	return strings.Split(content, "\n")[n-1]
}

func joined(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.Text)
	}
	return b.String()
}

// TestHostDisplays checks the exact displays of SECURITY-NOTES §3.4.
func TestHostDisplays(t *testing.T) {
	tests := []struct {
		id, in, want string
		kinds        []Kind // kinds that must be marked on the line
	}{
		{"HOST-01", line(escapesTxt, 2), `ESC CSI: ^[[31mRED^[[0m and clear ^[[2J`, []Kind{Control}},
		{"HOST-02", line(escapesTxt, 3), `OSC52: ^[]52;c;Y3VybCBldmlsfHNo^G`, []Kind{Control}},
		{"HOST-03", line(escapesTxt, 4), `OSC8: ^[]8;;https://evil.example/^[\click^[]8;;^[\`, []Kind{Control}},
		{"HOST-04", line(escapesTxt, 5), `TITLE: ^[]0;owned^G ^[]2;owned2^G`, []Kind{Control}},
		{"HOST-05", line(escapesTxt, 6), `DCS: ^[P$q"p^[\`, []Kind{Control}},
		{"HOST-06", line(escapesTxt, 7), `C1 CSI byte: <U+009B>31m (UTF-8 U+009B) raw C1 \x9B31m`, []Kind{C1, BadUTF8}},
		{"HOST-07", line(escapesTxt, 8), `CR overprint: rm -rf /^MechoXXXXXXXX`, []Kind{Control}},
		{"HOST-08", line(escapesTxt, 9), `BS overprint: good^H^H^H^Hevil`, []Kind{Control}},
		{"HOST-09a", line(trojanC, 3), `  /*<U+202E> } <U+2066>if (isAdmin)<U+2069> <U+2066> begin admins only */`, []Kind{Bidi}},
		{"HOST-09b", line(trojanC, 5), `  /* end admins only <U+202E> { <U+2066>*/`, []Kind{Bidi}},
		{"HOST-10", line(homoglyphJS, 2), `var а = "cyrillic a";  // U+0430`, []Kind{Homoglyph}},
		{"HOST-11a", line(homoglyphJS, 3), `if (a<U+200B> == "x") {} // ZWSP U+200B`, []Kind{Invisible}},
		{"HOST-11b", line(homoglyphJS, 4), `<U+FEFF>BOM mid-file U+FEFF, ZWJ<U+200D> ZWNJ<U+200C> WJ<U+2060>`, []Kind{Invisible}},
		{"HOST-12", line(badUTF8Txt, 1), `valid then invalid: \xFF\xFE \xC3( \xED\xA0\x80 (surrogate) \xF4\x90\x80\x80 (>U+10FFFF) overlong \xC0\xAF`, []Kind{BadUTF8}},
		{"HOST-13", "text\x00with NUL", `text^@with NUL`, []Kind{NUL}},
		{"HOST-14", "int main(void){\x00return 42;}", `int main(void){^@return 42;}`, []Kind{NUL}},
		{"HOST-21", "esc\x1b[31mred.txt", `esc^[[31mred.txt`, []Kind{Control}},
		{"HOST-22", "name\nwith newline.txt", `name^Jwith newline.txt`, []Kind{Newline}},
		{"HOST-23", "bidi\u202etxt.exe", `bidi<U+202E>txt.exe`, []Kind{Bidi}},
		{"HOST-24 author", "Evil\x1b]0;pwned\x07\x1b[2J Author", `Evil^[]0;pwned^G^[[2J Author`, []Kind{Control}},
		{"HOST-24 subject", "subject \x1b]52;c;ZXZpbA==\x07 hidden", `subject ^[]52;c;ZXZpbA==^G hidden`, []Kind{Control}},
		{"HOST-24 body", "body \x1b[8mconcealed\x1b[0m\r overprint", `body ^[[8mconcealed^[[0m^M overprint`, []Kind{Control}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			spans := Spans(tt.in)
			if got := joined(spans); got != tt.want {
				t.Errorf("Spans display\n got %s\nwant %s", got, tt.want)
			}
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize\n got %s\nwant %s", got, tt.want)
			}
			for _, k := range tt.kinds {
				if !hasKind(spans, k) {
					t.Errorf("no %v span in %q", k, spans)
				}
			}
		})
	}
}

func hasKind(spans []Span, k Kind) bool {
	for _, s := range spans {
		if s.Kind == k {
			return true
		}
	}
	return false
}

func TestSpansMarkExactlyTheHostileParts(t *testing.T) {
	got := Spans("a\x1b[1mb\u202ec\x9b\tа")
	want := []Span{
		{"a", Plain}, {"^[", Control}, {"[1mb", Plain}, {"<U+202E>", Bidi},
		{"c", Plain}, {`\x9B`, BadUTF8}, {"\t", Plain}, {"а", Homoglyph},
	}
	if len(got) != len(want) {
		t.Fatalf("Spans = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("span %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestAdjacentMarkersShareASpan(t *testing.T) {
	got := Spans("x\xed\xa0\x80y")
	if len(got) != 3 || got[1] != (Span{`\xED\xA0\x80`, BadUTF8}) {
		t.Errorf("Spans = %q", got)
	}
}

func TestBOMOnlyAtStartOfFile(t *testing.T) {
	if got := LineSpans("\ufeffpackage x", 1); got[0] != (Span{"<U+FEFF>", BOM}) {
		t.Errorf("line 1: %q, want a BOM span", got)
	}
	if got := LineSpans("\ufeffpackage x", 2); got[0] != (Span{"<U+FEFF>", Invisible}) {
		t.Errorf("line 2: %q, want an invisible span", got)
	}
	if got := Spans("\ufeffx"); got[0].Kind != Invisible {
		t.Errorf("Spans: %q, want invisible (not known to be a file start)", got)
	}
}

func TestSanitizeSingleLineAndMultiline(t *testing.T) {
	if got := Sanitize("a\tb\nc"); got != "a^Ib^Jc" {
		t.Errorf("Sanitize = %q", got)
	}
	if got := SanitizeMultiline("subject\n\n\tbody\x1b[8m\r\n"); got != "subject\n\n\tbody^[[8m^M\n" {
		t.Errorf("SanitizeMultiline = %q", got)
	}
	s := "plain/path.go"
	if got := Sanitize(s); got != s {
		t.Errorf("Sanitize(%q) = %q", s, got)
	}
	if got := Sanitize("Jürgen Müller 日本"); got != "Jürgen Müller 日本" {
		t.Errorf("ordinary non-ASCII changed: %q", got)
	}
}
