package files

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/code"
)

// noStream is a code.Source that cannot stream a blob.
type noStream struct{ code.Source }

// The base view's source streams a blob whenever the source it reads
// from can, through that source's own reader, so a large base file is
// paged and checked against its id as the pin's files are; it finds no
// other path than the base file's; over a source that cannot stream it
// does not pretend to.
func TestBaseSourceStreamsThroughTheRepository(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("c", repotest.Tree{"src/a.c": {Content: "int a;\n"}})
	r, pin := pintest.Head(t, rt)
	e, err := r.Lookup(context.Background(), pin.Tree, "src/a.c")
	if err != nil {
		t.Fatal(err)
	}
	src := baseSource(r, e)
	op, ok := src.(blobStreamer)
	if !ok {
		t.Fatal("the base source over the repository cannot stream: a large base file would never be checked")
	}
	rd, size, err := op.OpenBlob(context.Background(), e.Hash)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(rd)
	_ = rd.Close()
	if err != nil || string(b) != "int a;\n" || size != int64(len(b)) {
		t.Fatalf("streamed %q (size %d), %v", b, size, err)
	}
	if _, err := src.Lookup(context.Background(), pin.Tree, "src/b.c"); !errors.Is(err, repo.ErrNotFound) {
		t.Errorf("the base source found another path: %v", err)
	}

	// The repository's stream is the checking one: a substituted object
	// fails at its end.
	rt.SubstituteBlob(rt.Blob("int a;\n"), "int b;\n")
	rd, _, err = op.OpenBlob(context.Background(), e.Hash)
	if err == nil {
		_, err = io.ReadAll(rd)
		_ = rd.Close()
	}
	if !errors.Is(err, repo.ErrHashMismatch) || !strings.Contains(err.Error(), e.Hash.String()) {
		t.Errorf("a substituted base blob streamed without a mismatch: %v", err)
	}

	if _, ok := baseSource(noStream{r}, e).(blobStreamer); ok {
		t.Error("the base source claims to stream over a source that cannot")
	}
}
