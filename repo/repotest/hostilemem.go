package repotest

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// MemFixture names one of the repositories of issue 17.1: objects whose
// compressed size is small and whose content is huge, which every reader
// must handle in memory independent of that content.
type MemFixture string

// The memory fixtures. Each is a repository whose HEAD adds one hostile
// object on top of a small first commit (so diff, log and blame have a
// base), except MemMessage, whose HEAD commit itself is the hostile
// object.
const (
	MemNoNewline MemFixture = "no-newline" // big.txt: size bytes of 'a', no LF, then "NEEDLE"
	MemZeros     MemFixture = "zeros"      // big.bin: size NUL bytes
	MemMessage   MemFixture = "message"    // a commit whose message is size bytes without an LF
	MemLongLine  MemFixture = "long-line"  // long.txt: "head\n", one line of size bytes of 'b', "\nNEEDLE tail\n"
)

// MemFixtures lists every fixture, in the order tests report them.
var MemFixtures = []MemFixture{MemNoNewline, MemZeros, MemMessage, MemLongLine}

// MemNeedle is the text every blob fixture holds after its huge part, so a
// search must reach past it to find it.
const MemNeedle = "NEEDLE"

// HostileMem builds fixture f with its huge part size bytes long, writing
// the huge object as a loose zlib stream without ever holding it.
func HostileMem(t testing.TB, f MemFixture, size int64) *Repo {
	t.Helper()
	r := New(t)
	base := r.Commit("small start", Tree{"README": {Content: "hello\n"}})
	gitDir := filepath.Join(r.Dir, ".git")
	var big plumbing.Hash
	switch f {
	case MemNoNewline:
		big = WriteLooseObject(t, gitDir, "blob", size+int64(len(MemNeedle)), func(w io.Writer) error {
			if err := writeRepeat(w, 'a', size); err != nil {
				return err
			}
			_, err := io.WriteString(w, MemNeedle)
			return err
		})
		r.Commit("add big.txt", Tree{"README": {Content: "hello\n"}, "big.txt": {Blob: big}})
	case MemZeros:
		big = WriteLooseObject(t, gitDir, "blob", size, func(w io.Writer) error { return writeRepeat(w, 0, size) })
		r.Commit("add big.bin", Tree{"README": {Content: "hello\n"}, "big.bin": {Blob: big}})
	case MemLongLine:
		head, tail := "head\n", "\n"+MemNeedle+" tail\n"
		big = WriteLooseObject(t, gitDir, "blob", int64(len(head))+size+int64(len(tail)), func(w io.Writer) error {
			io.WriteString(w, head)
			if err := writeRepeat(w, 'b', size); err != nil {
				return err
			}
			_, err := io.WriteString(w, tail)
			return err
		})
		r.Commit("add long.txt", Tree{"README": {Content: "hello\n"}, "long.txt": {Blob: big}})
	case MemMessage:
		tree := r.WriteTree(Tree{"README": {Content: "hello\n"}, "after.txt": {Content: "after\n"}})
		hdr := fmt.Sprintf("tree %s\nparent %s\nauthor A U Thor <a@example.com> 1704110400 +0000\ncommitter A U Thor <a@example.com> 1704110400 +0000\n\n", tree, base)
		c := WriteLooseObject(t, gitDir, "commit", int64(len(hdr))+size, func(w io.Writer) error {
			io.WriteString(w, hdr)
			return writeRepeat(w, 'm', size)
		})
		r.Commits = append(r.Commits, c)
		r.SetHead(c)
	default:
		t.Fatalf("repotest: unknown memory fixture %q", f)
	}
	return r
}

// WriteLooseObject writes a loose object of type typ and the given size
// into gitDir's objects/, its content made by write, streaming: neither
// the content nor its compressed form is held in memory.
func WriteLooseObject(t testing.TB, gitDir, typ string, size int64, write func(io.Writer) error) plumbing.Hash {
	t.Helper()
	tmp, err := os.CreateTemp(gitDir, "big")
	if err != nil {
		t.Fatal(err)
	}
	h := sha1.New()
	zw, _ := zlib.NewWriterLevel(tmp, zlib.BestSpeed) // fixtures run to GiBs
	cw := &countWriter{w: io.MultiWriter(zw, h)}
	fmt.Fprintf(cw, "%s %d\x00", typ, size)
	cw.n = 0
	if err := write(cw); err != nil {
		t.Fatal(err)
	}
	if cw.n != size {
		t.Fatalf("repotest: object content is %d bytes, declared %d", cw.n, size)
	}
	if err := zw.Close(); err != nil || tmp.Close() != nil {
		t.Fatal(err)
	}
	var id plumbing.Hash
	copy(id[:], h.Sum(nil))
	p := filepath.Join(gitDir, "objects", id.String()[:2], id.String()[2:])
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		t.Fatal(err)
	}
	return id
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// writeRepeat writes n copies of b a MiB at a time.
func writeRepeat(w io.Writer, b byte, n int64) error {
	chunk := bytes.Repeat([]byte{b}, 1<<20)
	for ; n > 0; n -= int64(len(chunk)) {
		if _, err := w.Write(chunk[:min(n, int64(len(chunk)))]); err != nil {
			return err
		}
	}
	return nil
}
