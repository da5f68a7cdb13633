package code

import (
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// substitutedPaged opens a file larger than the window whose loose
// object was replaced by another large blob, and lets the whole-file
// count find that out; the view keeps its 1 MiB window and a 200-column
// width (each banner on one row).
func substitutedPaged(t *testing.T) (Model, string) {
	t.Helper()
	content, _ := pagedFile()
	rt, r, pin := fixture(t, repotest.Tree{"gen/big.txt": {Content: content}, "ok.c": {Content: "int ok;\n"}})
	h := rt.Blob(content)
	rt.SubstituteBlob(h, strings.Replace(content, "L2 xx\n", "L2 system(\"sh\") \n", 1))
	m := New(r, pin.Tree, theme.PlainStyles(), DefaultKeyMap())
	m.winSize = 1 << 20
	m.SetSize(200, 20)
	m.Focus()
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open("gen/big.txt", 0))...)
	return m, "⚠ object content does not match its ID (blob " + h.String()[:7]
}

// HOST-28: once the whole-file count finds that a paged blob does not
// hash to its id, every later view of that blob says so: a window loaded
// by moving, and the file opened again, before its new count is in.
func TestMismatchBannerStaysOnEveryWindowAndReopen(t *testing.T) {
	m, banner := substitutedPaged(t)
	if !strings.Contains(screen(m), banner) {
		t.Fatalf("no mismatch banner after the whole-file count:\n%s", screen(m))
	}
	last := m.Total()
	for _, to := range []int{last + 5000, 3 * last, 1} {
		m = tuitest.Run(t, m, tuitest.Exec(t, m.GotoLine(to))...)
		if m.Line() != to {
			t.Fatalf("cursor on line %d, want %d:\n%s", m.Line(), to, screen(m))
		}
		if !strings.Contains(screen(m), banner) {
			t.Fatalf("the window around line %d lost the mismatch banner:\n%s", to, screen(m))
		}
	}
	m = tuitest.Run(t, m, tuitest.Key("ctrl+d"), tuitest.Key("ctrl+u"))
	if !strings.Contains(screen(m), banner) {
		t.Fatalf("scrolling lost the mismatch banner:\n%s", screen(m))
	}

	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open("ok.c", 0))...)
	if strings.Contains(screen(m), "does not match") {
		t.Fatalf("an intact blob has the mismatch banner:\n%s", screen(m))
	}
	// Only the load: the new whole-file count is still running.
	loaded := tuitest.Exec(t, m.Open("gen/big.txt", 0))
	m, _ = m.Update(loaded[0])
	if !strings.Contains(screen(m), banner) {
		t.Fatalf("the file opened again does not say its blob is known not to match:\n%s", screen(m))
	}
}

// A window that reads to the end of a substituted blob fails on the
// mismatch; that is as good as the whole-file count's word, so the
// banner is set even if the count has not come in.
func TestWindowReadFindingTheMismatchSetsTheBanner(t *testing.T) {
	content, _ := pagedFile()
	rt, r, pin := fixture(t, repotest.Tree{"gen/big.txt": {Content: content}})
	h := rt.Blob(content)
	rt.SubstituteBlob(h, strings.Replace(content, "L2 xx\n", "L2 yy\n", 1))
	m := New(r, pin.Tree, theme.PlainStyles(), DefaultKeyMap())
	m.winSize = 1 << 20
	m.SetSize(200, 20)
	m.Focus()
	loaded := tuitest.Exec(t, m.Open("gen/big.txt", 0))
	m, _ = m.Update(loaded[0]) // the whole-file count is never delivered
	m = tuitest.Run(t, m, tuitest.Key("G"))
	if s := screen(m); !strings.Contains(s, "⚠ object content does not match its ID (blob "+h.String()[:7]) {
		t.Fatalf("a window read that hit the mismatch left no banner:\n%s", s)
	}
}
