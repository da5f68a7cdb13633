package symbols

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// storedCopies is a NewStored that hands out each file's text in one
// buffer per reader, overwritten by the reader's next call, as a search
// index's reader does; fromStore[path] replaces a file's text, so that a
// test can tell which source a definition came from.
type storedCopies struct {
	text    map[string]string
	readers atomic.Int32
	reads   atomic.Int32
}

func (s *storedCopies) newReader() func(repo.Entry) ([]byte, bool) {
	s.readers.Add(1)
	var buf []byte
	return func(e repo.Entry) ([]byte, bool) {
		t, ok := s.text[e.Path]
		if !ok {
			return nil, false
		}
		s.reads.Add(1)
		buf = append(buf[:0], t...)
		return buf, true
	}
}

// The build tags what the stored reader gives when it has a file and
// reads the repository when it does not; each tagging goroutine asks for
// one reader, not one per file.
func TestBuildTagsStoredCopiesWithOneReaderPerWorker(t *testing.T) {
	tree := repotest.Tree{}
	stored := &storedCopies{text: map[string]string{}}
	for i := range 30 {
		p := fmt.Sprintf("src/f%02d.c", i)
		tree[p] = repotest.File{Content: fmt.Sprintf("int from_pack_%d(void) { return %d; }\n", i, i)}
		if i%3 != 0 {
			stored.text[p] = fmt.Sprintf("int from_store_%d(void) { return %d; }\n", i, i)
		}
	}
	rt := repotest.New(t)
	rt.Commit("c", tree)
	r, pin := pintest.Head(t, rt)
	ix, err := Build(context.Background(), r, pin.Tree, Options{NewStored: stored.newReader})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		want := fmt.Sprintf("from_pack_%d", i)
		if i%3 != 0 {
			want = fmt.Sprintf("from_store_%d", i)
		}
		if defs := ix.Defs(want); len(defs) != 1 || defs[0].Path != fmt.Sprintf("src/f%02d.c", i) {
			t.Errorf("file %d: definitions of %s: %v", i, want, defs)
		}
	}
	if n, max := stored.readers.Load(), int32(runtime.GOMAXPROCS(0)); n < 1 || n > max {
		t.Errorf("%d readers for %d goroutines", n, max)
	}
	if n := stored.reads.Load(); n != 20 {
		t.Errorf("%d stored reads, want 20", n)
	}
}

// A tagger stopped at its time limit may still be running over the text
// it was given, so the goroutine that gave it takes a new reader rather
// than overwriting that buffer with the next file.
func TestBuildTakesANewReaderAfterATimeout(t *testing.T) {
	tree := repotest.Tree{}
	stored := &storedCopies{text: map[string]string{}}
	const files = 8
	for i := range files {
		p := fmt.Sprintf("gen/g%d.c", i)
		text := fmt.Sprintf("/* %d */\n", i) + strings.Repeat("int a(void) { return b(c(d(e))); }\n", 20000)
		tree[p] = repotest.File{Content: text}
		stored.text[p] = text
	}
	rt := repotest.New(t)
	rt.Commit("c", tree)
	r, pin := pintest.Head(t, rt)
	ix, err := Build(context.Background(), r, pin.Tree, Options{
		NewStored: stored.newReader,
		Limits:    Limits{Timeout: time.Nanosecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.Skipped) != files {
		t.Fatalf("%d files skipped at a 1 ns limit, want %d: %v", len(ix.Skipped), files, ix.Skipped)
	}
	if n, want := stored.readers.Load(), int32(files+1); n < want {
		t.Errorf("%d readers for %d timed-out files: a buffer a tagger still reads was reused (%v)", n, files, ix.Skipped)
	}
}
