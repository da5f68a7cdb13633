package search

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// Issue 17.1: a line longer than grep's chunk is searched in windows, not
// held whole; it matches exactly when the whole line would, and the match
// is reported by its byte offset in the line with an excerpt.
func TestGrepLongLinesInWindows(t *testing.T) {
	long := strings.Repeat("b", 20000) + "NEEDLE" + strings.Repeat("b", 20000)
	content := "head\n" + long + "\nNEEDLE tail\n" + strings.Repeat("a", 30000) + "NEEDLE"
	patterns := []string{"NEEDLE", "^NEEDLE", "NEEDLE$", "^b", "b$", `\bNEEDLE\b`, "bNEEDLEb", "e", "^head$", "a+", "^$", "x*"}
	for _, p := range patterns {
		m := newLineMatcher(regexp.MustCompile(p))
		var want []int
		m.matchAll([]byte(content), func(l int, _ []byte) bool { want = append(want, l); return true })
		for _, chunk := range []int{97, 1000, 4096, 8001, 20003, 20006, 40000} {
			got, err := grepReader(context.Background(), "f", strings.NewReader(content), int64(len(content)), chunk, m, false)
			if err != nil {
				t.Fatal(err)
			}
			var lines []int
			for _, g := range got {
				lines = append(lines, g.Line)
				if g.Cut && len(g.Text) > excerptMax || len(g.Text) > max(chunk, 8000) {
					t.Errorf("%q chunk %d: line %d shows %d bytes, more than %d", p, chunk, g.Line, len(g.Text), excerptMax)
				}
			}
			if !reflect.DeepEqual(lines, want) {
				t.Errorf("%q chunk %d: lines %v, want %v", p, chunk, lines, want)
			}
		}
	}
	// Where the match is: byte 20000 of line 2, byte 30000 of line 4.
	m := newLineMatcher(regexp.MustCompile("NEEDLE"))
	got, _ := grepReader(context.Background(), "f", strings.NewReader(content), int64(len(content)), 4096, m, false)
	wantAt := map[int]int64{2: 20000, 3: 0, 4: 30000}
	for _, g := range got {
		i := bytes.Index(g.Text, []byte("NEEDLE"))
		if i < 0 || g.Col+int64(i) != wantAt[g.Line] || g.Cut != (g.Line != 3) {
			t.Errorf("line %d: NEEDLE at %d+%d (cut %v), want at %d", g.Line, g.Col, i, g.Cut, wantAt[g.Line])
		}
	}
}

// A long line costs a window, not the line: the buffer grep holds never
// grows past the chunk, however long the line.
func TestGrepLongLineBufferBounded(t *testing.T) {
	const chunk = 1 << 16
	content := strings.Repeat("z", 50*chunk) + "NEEDLE"
	biggest := 0
	err := grepStream(context.Background(), strings.NewReader(content), int64(len(content)), chunk, streamVisitor{
		lines: func(l []byte, _ int, _ bool) bool { biggest = max(biggest, cap(l)); return true },
		long:  func(w longWindow, _ bool) bool { biggest = max(biggest, cap(w.data)); return true },
	})
	if err != nil || biggest > 2*chunk {
		t.Fatalf("held %d bytes for a %d-byte line with %d-byte chunks (err %v)", biggest, len(content), chunk, err)
	}
	m := newLineMatcher(regexp.MustCompile("NEEDLE"))
	got, _ := grepReader(context.Background(), "f", strings.NewReader(content), int64(len(content)), chunk, m, false)
	if len(got) != 1 || !got[0].Cut || got[0].Line != 1 || !bytes.HasSuffix(got[0].Text, []byte("NEEDLE")) {
		t.Fatalf("got %s", fmt.Sprint(got))
	}
}
