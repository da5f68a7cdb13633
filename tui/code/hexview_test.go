package code

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/repotest"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// binaryBlob is n bytes of small values (never a letter nor 0x7f, so a
// search finds only what is planted), with plants written at their
// offsets.
func binaryBlob(n int, plants map[int]string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i % 13)
	}
	for off, s := range plants {
		copy(b[off:], s)
	}
	return string(b)
}

// hexOpened opens a binary blob in a focused 100×20 code view.
func hexOpened(t *testing.T, content string) Model {
	t.Helper()
	_, r, pin := fixture(t, repotest.Tree{"fw/image.bin": {Content: content}})
	m := New(r, pin.Tree, theme.PlainStyles(), DefaultKeyMap())
	m.SetSize(100, 20)
	m.Focus()
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open("fw/image.bin", 0))...)
	if !m.HexShown() {
		t.Fatalf("binary file not shown as hex:\n%s", screen(m))
	}
	return m
}

func keysOf(s ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range s {
		out = append(out, tuitest.Key(k))
	}
	return out
}

func wantScreen(t *testing.T, m Model, wants ...string) {
	t.Helper()
	s := screen(m)
	for _, w := range wants {
		if !strings.Contains(s, w) {
			t.Fatalf("view lacks %q:\n%s", w, s)
		}
	}
}

func wantPosition(t *testing.T, m Model, want string) {
	t.Helper()
	if got := m.Position(); got != want {
		t.Fatalf("status position %q, want %q\n%s", got, want, screen(m))
	}
}

func TestHexViewScrollsPastTheOld256ByteLimit(t *testing.T) {
	m := hexOpened(t, binaryBlob(4096, nil))
	wantPosition(t, m, "offset 0x0 / 4,096 B")
	m = tuitest.Run(t, m, keysOf("j", "j", "j")...)
	wantPosition(t, m, "offset 0x30 / 4,096 B")
	m = tuitest.Run(t, m, keysOf("ctrl+d", "ctrl+d", "ctrl+d")...)
	if !strings.Contains(screen(m), "00000100  ") || m.hx.row <= 16 {
		t.Fatalf("ctrl+d did not scroll past byte 256 (row %d):\n%s", m.hx.row, screen(m))
	}
	m = tuitest.Run(t, m, keysOf("g", "g")...)
	wantPosition(t, m, "offset 0x0 / 4,096 B")
	m = tuitest.Run(t, m, keysOf("pgdown")...)
	if m.hx.row == 0 {
		t.Fatalf("pgdown did not move")
	}
}

func TestHexGGoesToTheLastOffsetOfALargeBlobThroughABoundedWindow(t *testing.T) {
	const size = 200_000 // past the 64 KiB window three times over
	m := hexOpened(t, binaryBlob(size, map[int]string{size - 4: "TAIL"}))
	m = tuitest.Run(t, m, keysOf("G")...)
	// The last row starts at 199,984 = 0x30d30 and holds the last 16 bytes.
	wantPosition(t, m, "offset 0x30d30 / 200,000 B")
	wantScreen(t, m, "00030d30  ", "TAIL|")
	if n := len(m.hx.data); n > hexWindow {
		t.Fatalf("hex view holds %d bytes, more than its %d-byte window", n, hexWindow)
	}
	if m.hx.start == 0 {
		t.Fatalf("G showed the end without loading a window there")
	}
	m = tuitest.Run(t, m, keysOf("g", "g")...)
	wantScreen(t, m, "00000000  00 01 02 03")
}

func TestHexGotoOffsetTakesDecimalAndHex(t *testing.T) {
	m := hexOpened(t, binaryBlob(100_000, map[int]string{0x12340: "MARK"}))
	cmd, err := m.GotoOffset("0x12345")
	if err != nil {
		t.Fatal(err)
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, cmd)...)
	wantPosition(t, m, "offset 0x12340 / 100,000 B")
	wantScreen(t, m, "00012340  4d 41 52 4b", "|MARK")
	cmd, err = m.GotoOffset("4096")
	if err != nil {
		t.Fatal(err)
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, cmd)...)
	wantPosition(t, m, "offset 0x1000 / 100,000 B")
	for _, bad := range []string{"0x186a0", "zz", "0xg1", "-5"} {
		if _, err := m.GotoOffset(bad); err == nil {
			t.Errorf("offset %q accepted", bad)
		}
	}
	if _, err := m.GotoOffset("100000"); err == nil || !strings.Contains(err.Error(), "past the end") {
		t.Errorf("offset past the end: %v", err)
	}
}

func TestHexSearchFindsBytesAndTextAcrossChunkEdges(t *testing.T) {
	const size = 200_000
	// The ELF magic straddles the first 64 KiB chunk edge, the text the
	// second; the text is planted in capitals and searched in lower case.
	m := hexOpened(t, binaryBlob(size, map[int]string{
		hexChunk - 2:   "\x7fELF",
		2*hexChunk - 3: "NEEDLE",
		150_000:        "needle",
	}))
	m = tuitest.Run(t, m, tuitest.Exec(t, m.SetSearch("7f 45 4c 46"))...)
	if m.hx.find.match != hexChunk-2 {
		t.Fatalf("hex bytes found at %d, want %d: %s", m.hx.find.match, hexChunk-2, m.SearchStatus())
	}
	wantPosition(t, m, "offset 0xfff0 / 200,000 B")
	if s := m.SearchStatus(); !strings.Contains(s, "hex bytes 7f 45 4c 46") || !strings.Contains(s, "match at 0xfffe") {
		t.Fatalf("search status %q", s)
	}
	// The same bytes typed without spaces.
	m = tuitest.Run(t, m, tuitest.Exec(t, m.SetSearch(""))...)
	m = tuitest.Run(t, m, keysOf("g", "g")...)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.SetSearch("7f454c46"))...)
	if m.hx.find.match != hexChunk-2 {
		t.Fatalf("7f454c46 found at %d", m.hx.find.match)
	}

	m = tuitest.Run(t, m, tuitest.Exec(t, m.SetSearch(""))...)
	m = tuitest.Run(t, m, keysOf("g", "g")...)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.SetSearch("needle"))...)
	if m.hx.find.match != 2*hexChunk-3 {
		t.Fatalf("text found at %d, want %d across the chunk edge: %s", m.hx.find.match, 2*hexChunk-3, m.SearchStatus())
	}
	wantScreen(t, m, "NEE|", "|DLE") // the window moved to the match
	m = tuitest.Run(t, m, keysOf("n")...)
	if m.hx.find.match != 150_000 {
		t.Fatalf("n went to %d, want 150000", m.hx.find.match)
	}
	m = tuitest.Run(t, m, keysOf("n")...)
	if s := m.SearchStatus(); m.hx.find.match != 150_000 || !strings.Contains(s, "no match at or below") {
		t.Fatalf("n past the last match: at %d, %q", m.hx.find.match, s)
	}
	m = tuitest.Run(t, m, keysOf("N")...)
	if m.hx.find.match != 2*hexChunk-3 {
		t.Fatalf("N went to %d, want %d", m.hx.find.match, 2*hexChunk-3)
	}
	m = tuitest.Run(t, m, keysOf("N")...)
	if s := m.SearchStatus(); !strings.Contains(s, "no match above") {
		t.Fatalf("N before the first match: %q", s)
	}
}

func TestHexAsciiColumnNeverEmitsControlBytes(t *testing.T) {
	m := hexOpened(t, "\x00\x1b[31mred\x1b]52;c;aGk=\x07\x9b2J\x7f\xff")
	if err := tuitest.Inert(m.View(), false); err != nil {
		t.Fatal(err)
	}
	wantScreen(t, m, "|..[31mred.]52;c;|", "|aGk=..2J..|")
}
