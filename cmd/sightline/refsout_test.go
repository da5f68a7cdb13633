package main

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"sightline/repo/symbols"
)

// writeRefsJSON writes, a reference at a time, exactly what writeJSON
// writes of the whole document.
func TestWriteRefsJSONIsWriteJSON(t *testing.T) {
	refs := []refJSON{
		{Path: "a/<b>.c", Line: 3, Col: 7, In: "code", Function: "main", Call: true, Text: "\trun(x) && y < 2;"},
		{Path: "a.go", Line: 10, Col: 1, In: "comment", Text: "// run \x1b[31m\u202e"},
		{Path: "z", Line: 1, Col: 2, In: "string", Text: ""},
	}
	for _, doc := range []refsDoc{
		{Name: "run", Commit: "abc", References: []refJSON{}, Skipped: []symbols.Skipped{}},
		{Name: "run", Commit: "abc", References: refs[:1], Skipped: []symbols.Skipped{}},
		{Name: "r\"un", Commit: "abc", References: refs, Skipped: []symbols.Skipped{{Path: "big.c", Reason: "over 4 MiB"}}},
	} {
		var want, got bytes.Buffer
		if err := writeJSON(&want, doc); err != nil {
			t.Fatal(err)
		}
		if err := writeRefsJSON(&got, doc); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("streamed:\n%s\nwant:\n%s", got.String(), want.String())
		}
	}
}

// A long line is cut to a window around the occurrence, at character
// boundaries, marked where it was cut; a short one is printed whole.
func TestLineAroundBoundsWhatAReferencePrints(t *testing.T) {
	if got := lineAround("\treturn run(x);", 9); got != "\treturn run(x);" {
		t.Errorf("short line: %q", got)
	}
	long := strings.Repeat("é", 300) + "needle" + strings.Repeat("ü", 300) // 1,206 bytes
	col := strings.Index(long, "needle") + 1
	got := lineAround(long, col)
	if !strings.Contains(got, "needle") || !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") ||
		!utf8.ValidString(got) || len(got) > refTextBefore+refTextAfter+2*len("…") {
		t.Errorf("long line around col %d: %d bytes %q", col, len(got), got)
	}
	if got := lineAround(long, 1); strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || !utf8.ValidString(got) {
		t.Errorf("long line at its start: %q", got)
	}
	if got := lineAround(long, len(long)); !strings.HasPrefix(got, "…") || strings.HasSuffix(got, "…") || !utf8.ValidString(got) {
		t.Errorf("long line at its end: %q", got)
	}
	// A line of a hundred thousand references prints in linear, not
	// quadratic, size.
	line := strings.Repeat("x ", 50_000)
	total := 0
	for i := 0; i < len(line); i += 2 {
		total += len(lineAround(line, i+1))
	}
	if total > 50_000*(refTextBefore+refTextAfter+2*len("…")) {
		t.Errorf("50,000 references on one line print %d bytes", total)
	}
}
