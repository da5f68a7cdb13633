package compare

import (
	"fmt"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/internal/drive"
	"sightline/tui/nav"
)

// firmware is n bytes of small values with edits written at their offsets.
func firmware(n int, edits map[int]string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i % 13)
	}
	for off, s := range edits {
		copy(b[off:], s)
	}
	return string(b)
}

// hexPage opens the Changes page of a binary file changed from base to
// head, with its diff focused.
func hexPage(t *testing.T, base, head string) Model {
	t.Helper()
	rt := repotest.New(t)
	c1 := rt.Commit("base", repotest.Tree{"fw.bin": {Content: base}})
	c2 := rt.Commit("head", rt.Edit(c1, repotest.Tree{"fw.bin": {Content: head}}))
	r := pintest.Open(t, rt.Dir)
	m := New(r, asciiStyles())
	m.SetSize(160, 40)
	m.Focus()
	m, _ = drive.Run(m, update, m.Compare(repo.Hash(c1), repo.Hash(c2), "v1", "v2"))
	m, _ = drive.Keys(m, update, []any{nav.OpenFileMsg{}}, "enter")
	return m
}

// Issue 12.4: enter on a binary file in Changes shows the sizes, the blob
// ids and the changed byte ranges, with their rows base over pin; ]c/[c
// move between the ranges, even across the comparison's chunk edge.
func TestHexDiffListsChangedRangesAndWalksThem(t *testing.T) {
	const size = 150_000
	base := firmware(size, nil)
	head := firmware(size+16, map[int]string{
		0x20:             "AB",
		0x25:             "C",        // 3 bytes after AB: joined into one range
		hexDiffChunk - 2: "EDGE",     // across the first 64 KiB chunk edge
		size:             "appended", // the tail only the pin has
	})
	m := hexPage(t, base, head)
	keep := []any{nav.OpenFileMsg{}}
	m, out := drive.Keys(m, update, keep, "enter")
	if len(out) != 0 {
		t.Fatalf("enter on a binary diff sent %v", out)
	}
	v := m.View()
	ch := m.List().Changes()[0]
	for _, want := range []string{
		"hex diff of fw.bin (binary), base → pin",
		fmt.Sprintf("base  blob %s  150,000 bytes", ch.OldHash),
		fmt.Sprintf("pin   blob %s  150,016 bytes", ch.NewHash),
		"method: bytes compared at the same offsets",
		"3 changed ranges",
		"range 1/3: 0x20–0x25 (6 bytes)",
		"  base 00000020  06 07 08 09 0a 0b 0c 00",
		"  pin  00000020  41 42 08 09 0a 43 0c 00",
		"|AB...C",
	} {
		if !strings.Contains(v, want) {
			t.Fatalf("hex diff lacks %q:\n%s", want, v)
		}
	}
	m, _ = drive.Keys(m, update, keep, "]", "c", "]", "c")
	v = m.View()
	for _, want := range []string{"range 2/3: 0xfffe–0x10001 (4 bytes)", "  pin  0000fff0", "EDGE"[:2] + "|"} {
		if !strings.Contains(v, want) {
			t.Fatalf("]c did not reach the range across the chunk edge (%q):\n%s", want, v)
		}
	}
	m, _ = drive.Keys(m, update, keep, "]", "c")
	v = m.View()
	if !strings.Contains(v, "range 3/3: 0x249f0–0x249ff (16 bytes)") || !strings.Contains(v, "(past the end of this blob)") {
		t.Fatalf("the appended tail is not the last range:\n%s", v)
	}
	m, _ = drive.Keys(m, update, keep, "]", "c")
	if v := m.View(); !strings.Contains(v, "this is the last changed range") {
		t.Fatalf("]c at the last range says nothing:\n%s", v)
	}
	m, _ = drive.Keys(m, update, keep, "[", "c")
	if v := m.View(); !strings.Contains(v, "range 2/3") {
		t.Fatalf("[c did not go back:\n%s", v)
	}
}
