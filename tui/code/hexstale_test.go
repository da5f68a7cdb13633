package code

import (
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// Two paths holding the same blob: a search started in the first file
// answers after the same-numbered search in the second, and must not
// replace its match (the hash alone cannot tell them apart).
func TestHexSearchOfAFileLeftDoesNotAnswerTheSameBlobOpenedAgain(t *testing.T) {
	blob := binaryBlob(200_000, map[int]string{hexChunk - 2: "\x7fELF", 150_000: "needle"})
	_, r, pin := fixture(t, repotest.Tree{"fw/a.bin": {Content: blob}, "fw/b.bin": {Content: blob}})
	m := New(r, pin.Tree, theme.PlainStyles(), DefaultKeyMap())
	m.SetSize(100, 20)
	m.Focus()
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open("fw/a.bin", 0))...)
	old := tuitest.Exec(t, m.SetSearch("needle")) // not delivered yet
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open("fw/b.bin", 0))...)
	if !m.HexShown() || m.Path() != "fw/b.bin" {
		t.Fatalf("fw/b.bin not shown as hex:\n%s", screen(m))
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, m.SetSearch("7f454c46"))...)
	m = tuitest.Run(t, m, old...)
	wantPosition(t, m, "offset 0xfff0 / 200,000 B")
	wantScreen(t, m, "0000fff0  ")
	if s := m.SearchStatus(); !strings.Contains(s, "/7f454c46") || !strings.Contains(s, "match at 0xfffe") {
		t.Fatalf("search status %q, want the 7f454c46 match at 0xfffe", s)
	}
}
