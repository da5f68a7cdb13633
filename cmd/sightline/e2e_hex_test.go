package main

import (
	"testing"

	"sightline/repo/repotest"
)

// TestE2EHexViewGoesToTheLastOffset is the done-when of issue 12.4 in a
// real terminal: a 200 KB binary file opens as hex, G shows its last row
// and offset (the old preview stopped at 256 bytes), :0x… goes to an
// offset and / finds hex bytes past the first window.
func TestE2EHexViewGoesToTheLastOffset(t *testing.T) {
	const size = 200_000
	b := make([]byte, size)
	for i := range b {
		b[i] = byte(i % 13)
	}
	copy(b[size-4:], "TAIL")
	copy(b[150_000:], "\x7fELF")
	rt := repotest.New(t)
	rt.Commit("fw", repotest.Tree{"fw/image.bin": {Content: string(b)}, "README": {Content: "hi\n"}})

	s := startTUI(t, "open", rt.Dir, "--no-index", "--workspace", t.TempDir()+"/ws")
	s.WaitFor("1 Files")
	s.Send("C-p")
	s.WaitFor("find:")
	s.Type("image.bin")
	s.WaitFor("1/2 files")
	s.Send("Enter")
	s.WaitFor("binary file, 195.3 KiB (200,000 bytes)", "offset 0x0 / 200,000 B")
	s.Type("G")
	s.WaitFor("00030d30  ", "TAIL|", "offset 0x30d30 / 200,000 B")
	s.Type(":0x1000")
	s.Send("Enter")
	s.WaitFor("00001000  ", "offset 0x1000 / 200,000 B")
	s.Type("/7f 45 4c 46")
	s.Send("Enter")
	s.WaitFor("offset 0x249f0 / 200,000 B", "000249f0  7f 45 4c 46")
}
