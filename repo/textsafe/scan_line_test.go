package textsafe

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"testing/iotest"
)

func issueStrings(issues []Issue) []string {
	out := make([]string, len(issues))
	for i, is := range issues {
		out[i] = fmt.Sprintf("%s %s", is.String(), is.Kind)
	}
	return out
}

func TestScanTrojanSource(t *testing.T) {
	issues := Scan([]byte(trojanC))
	got := strings.Join(issueStrings(issues), "\n")
	want := strings.Join([]string{
		"3:5: U+202E RIGHT-TO-LEFT OVERRIDE bidirectional control character",
		"3:11: U+2066 LEFT-TO-RIGHT ISOLATE bidirectional control character",
		"3:26: U+2069 POP DIRECTIONAL ISOLATE bidirectional control character",
		"3:30: U+2066 LEFT-TO-RIGHT ISOLATE bidirectional control character",
		"5:22: U+202E RIGHT-TO-LEFT OVERRIDE bidirectional control character",
		"5:28: U+2066 LEFT-TO-RIGHT ISOLATE bidirectional control character",
	}, "\n")
	if got != want {
		t.Errorf("Scan(trojan.c):\n%s\nwant\n%s", got, want)
	}
	if s := Summarize(issues).String(); s != "6 bidirectional control characters" {
		t.Errorf("banner = %q", s)
	}
}

func TestScanHomoglyphFile(t *testing.T) {
	issues := Scan([]byte(homoglyphJS))
	got := strings.Join(issueStrings(issues), "\n")
	want := strings.Join([]string{
		"2:5: U+0430 CYRILLIC SMALL LETTER A homoglyph",
		"3:6: U+200B ZERO WIDTH SPACE invisible character",
		"4:1: U+FEFF ZERO WIDTH NO-BREAK SPACE invisible character",
		"4:28: U+200D ZERO WIDTH JOINER invisible character",
		"4:36: U+200C ZERO WIDTH NON-JOINER invisible character",
		"4:42: U+2060 WORD JOINER invisible character",
	}, "\n")
	if got != want {
		t.Errorf("Scan(homoglyph.js):\n%s\nwant\n%s", got, want)
	}
	if s := Summarize(issues).String(); s != "5 invisible characters, 1 homoglyph" {
		t.Errorf("banner = %q", s)
	}
}

func TestScanEscapesAndBadUTF8(t *testing.T) {
	s := Summarize(Scan([]byte(escapesTxt + badUTF8Txt)))
	// Lines 2-9: 3 ESC; ESC BEL; 4 ESC; 2 (ESC BEL); 2 ESC; CR; 4 BS.
	if got := s.Count(Control); got != 20 {
		t.Errorf("control count = %d, want 20", got)
	}
	if got := s.Count(C1); got != 1 {
		t.Errorf("C1 count = %d, want 1", got)
	}
	// 0x9b in escapes.txt, then FF FE, C3, ED A0 80, F4 90 80 80, C0 AF.
	if got := s.Count(BadUTF8); got != 1+2+1+3+4+2 {
		t.Errorf("bad byte count = %d, want 13", got)
	}
	if got := s.String(); got != "20 control characters, 1 C1 control character, not valid UTF-8" {
		t.Errorf("banner = %q", got)
	}
	is := ScanLine([]byte(badUTF8Txt), 9)[0]
	if is.Line != 9 || is.Col != 21 || is.Byte != 0xff || is.Code() != `\xFF` || is.Name != "INVALID UTF-8 BYTE" {
		t.Errorf("first bad byte = %+v", is)
	}
}

func TestScanLineEndings(t *testing.T) {
	// A CRLF line ending is not an overprint; a CR inside the line is.
	issues := Scan([]byte("a\r\nb\rc\r\nd\r"))
	if got := strings.Join(issueStrings(issues), ";"); got != "2:2: U+000D CARRIAGE RETURN control character" {
		t.Errorf("issues = %s", got)
	}
	if got := Scan([]byte("\ufeffx\n\ty\n")); len(got) != 1 || got[0].Kind != BOM || got[0].Kind.Hostile() {
		t.Errorf("BOM file: %+v", got)
	}
	if Scan(nil) != nil || Scan([]byte("plain\ttext\n")) != nil {
		t.Error("clean content reported issues")
	}
}

func TestScanField(t *testing.T) {
	got := strings.Join(issueStrings(ScanField("a\tb\nс\u202e")), ";")
	want := "1:2: U+0009 CHARACTER TABULATION control character;" +
		"1:4: U+000A LINE FEED newline;" +
		"1:5: U+0441 CYRILLIC SMALL LETTER ES homoglyph;" +
		"1:7: U+202E RIGHT-TO-LEFT OVERRIDE bidirectional control character"
	if got != want {
		t.Errorf("ScanField:\n%s\nwant\n%s", got, want)
	}
}

func TestHomoglyphs(t *testing.T) {
	tests := []struct {
		in   string
		want []int
	}{
		{"var а = 1", []int{4}},                    // lone Cyrillic а reads as "a"
		{"pаssword", []int{1}},                     // mixed script
		{"сое", []int{0, 2, 4}},                    // every letter a look-alike
		{"привет мир", nil},                        // a Russian word
		{"userПароль", []int{4, 6, 8, 10, 12, 14}}, // Latin + Cyrillic
		{"café naïve", nil},                        // Latin letters are Latin
		{"ＡＢＣ", []int{0, 3, 6}},                    // fullwidth
		{"x_ο1", []int{2}},                         // Greek omicron
		{"Α1", []int{0}},                           // Greek capital alpha alone
		{"αβγ", nil},                               // Greek word: not look-alikes
		{"日本語 text", nil},
		{"\xff\xfeа", []int{2}},
	}
	for _, tt := range tests {
		got := Homoglyphs(tt.in)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("Homoglyphs(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if EscapeRune('а') != `\u{0430}` {
		t.Errorf("EscapeRune = %s", EscapeRune('а'))
	}
}

func TestRuneNames(t *testing.T) {
	for r, want := range map[rune]string{
		0x1b: "ESCAPE", 0x7f: "DELETE", 0x9b: "CONTROL SEQUENCE INTRODUCER", 0x202e: "RIGHT-TO-LEFT OVERRIDE",
		0xfe0f: "VARIATION SELECTOR-16", 0xe0100: "VARIATION SELECTOR-17", 0xe0041: "TAG LATIN CAPITAL LETTER A",
		0xff41: "FULLWIDTH LATIN SMALL LETTER A", 0x0436: "CYRILLIC LETTER", 0x0600: "FORMAT CHARACTER", 0x2603: "U+2603",
	} {
		if got := RuneName(r); got != want {
			t.Errorf("RuneName(%U) = %q, want %q", r, got, want)
		}
	}
}

// TestScanReaderMatchesScan checks the streaming scanner against Scan,
// with buffers small enough that lines are scanned in pieces.
func TestScanReaderMatchesScan(t *testing.T) {
	content := escapesTxt + trojanC + badUTF8Txt + strings.Repeat("x\u202e", 40) + "\r\n" +
		strings.Repeat("y", 100) + "\r" + strings.Repeat("z", 100) + "\n\ufeff"
	checkStream(t, []byte(content), 16, 32)
	checkStream(t, []byte(content), 16, 17)
	checkStream(t, []byte(content), 4096, maxScanLine)
	checkStream(t, []byte(strings.Repeat("\r", 100)+"\n"+strings.Repeat("\r", 40)), 16, 32)
}

func checkStream(t testing.TB, content []byte, bufSize, maxLine int) {
	t.Helper()
	var got []Issue
	err := scanStream(iotest.OneByteReader(bytes.NewReader(content)), bufSize, maxLine, func(is Issue) error {
		if is.Kind != Homoglyph { // identifiers cut at a piece boundary may differ
			got = append(got, is)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var want []Issue
	for _, is := range Scan(content) {
		if is.Kind != Homoglyph {
			want = append(want, is)
		}
	}
	if g, w := strings.Join(issueStrings(got), "\n"), strings.Join(issueStrings(want), "\n"); g != w {
		t.Errorf("buf %d, max line %d: stream\n%s\nScan\n%s", bufSize, maxLine, g, w)
	}
}

func TestHasRTL(t *testing.T) {
	for s, want := range map[string]bool{
		"plain ascii": false, "שלום": true, "x = \"مرحبا\"": true, "привет 世界": false,
		"\u202e only a control": false, "\xff\xfe": false, "ܐ": true,
	} {
		if got := HasRTL(s); got != want {
			t.Errorf("HasRTL(%q) = %v", s, got)
		}
	}
}
