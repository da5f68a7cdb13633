package main

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// The child's stderr is kept to its last maxChildStderr bytes however
// much it writes, in any size of writes.
func TestChildStderrKeepsOnlyItsEnd(t *testing.T) {
	var all bytes.Buffer
	w := &tailWriter{max: maxChildStderr}
	for i := 0; i < 5000; i++ {
		p := bytes.Repeat([]byte{byte('a' + i%26)}, i%97)
		if i%1000 == 999 {
			p = bytes.Repeat([]byte{'Z'}, 3*maxChildStderr)
		}
		all.Write(p)
		if n, err := w.Write(p); n != len(p) || err != nil {
			t.Fatalf("Write: %d, %v", n, err)
		}
		if len(w.bytes()) > maxChildStderr {
			t.Fatalf("%d bytes kept", len(w.bytes()))
		}
	}
	if want := all.Bytes()[all.Len()-maxChildStderr:]; !bytes.Equal(w.bytes(), want) {
		t.Fatal("the kept bytes are not the end of what was written")
	}
}

// Why the child failed: its last line of stderr (the command's error),
// a panic's first line, or how it ended when it said nothing; never a
// raw control byte, never longer than a message line.
func TestChildFailureWords(t *testing.T) {
	exitErr := func(script string) error {
		err := exec.Command("sh", "-c", script).Run()
		if err == nil {
			t.Fatal("the script succeeded")
		}
		return err
	}
	status1 := exitErr("exit 1")
	for _, c := range []struct {
		err    error
		stderr string
		want   string
	}{
		{status1, "sightline index: note: x not tagged\nsightline index: index of tree abc: disk full\n\n", "index of tree abc: disk full"},
		{status1, "", "exit status 1"},
		{exitErr("exit 2"), "panic: runtime error: index out of range\n\ngoroutine 1 [running]:\nmain.main()\n", "panic: runtime error: index out of range"},
		{exitErr("kill -9 $$"), "sightline index: note: a note\n", "signal: killed"},
		{status1, "sightline index: bad \x1b]52;c;aGk=\x07 name\n", "bad ^[]52;c;aGk=^G name"},
	} {
		if got := childFailure(c.err, []byte(c.stderr)); got != c.want {
			t.Errorf("childFailure(%v, %q) = %q, want %q", c.err, c.stderr, got, c.want)
		}
	}
	long := childFailure(status1, []byte(strings.Repeat("x", 5000)))
	if len(long) > 300 {
		t.Errorf("a long reason is %d bytes", len(long))
	}
}
