package search

import (
	"context"
	"os"
	"testing"

	"sightline/repo"
)

// Every file of the tree that the index keeps a copy of reads back, by
// its tree entry, as exactly its blob; an entry whose blob is not the
// one indexed at its path, or a path the index does not hold, reads
// nothing (the caller reads the repository).
func TestStoredReaderReadsEachFileByEntry(t *testing.T) {
	r, pin, path := indexedRepo(t)
	idx, err := OpenIndex(path, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	ctx := context.Background()
	read, readEntry := 0, idx.NewEntryReader()
	err = r.WalkFiles(ctx, pin.Tree, func(e repo.Entry) error {
		if e.Kind != repo.KindFile && e.Kind != repo.KindExec {
			return nil
		}
		if _, ok := idx.CandidateOf(e); !ok {
			t.Errorf("%s: not found in the index of its own tree", e.Path)
			return nil
		}
		data, ok := readEntry(e)
		if !ok {
			return nil
		}
		read++
		b, err := r.ReadBlob(ctx, e.Hash, -1)
		if err != nil || string(data) != string(b.Data) {
			t.Errorf("%s: stored copy %q is not the blob %q (%v)", e.Path, data, b.Data, err)
		}
		other := e
		other.Hash[0] ^= 1
		if _, ok := idx.CandidateOf(other); ok {
			t.Errorf("%s: another blob at the same path is taken for the indexed one", e.Path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if read < 40 {
		t.Errorf("read %d stored copies; the tree has more than 40 text files", read)
	}
	if _, ok := idx.CandidateOf(repo.Entry{Path: "no/such/file.go"}); ok {
		t.Error("a path the index does not hold is found")
	}
}

// A stored copy damaged in the cache directory is not handed out: it no
// longer hashes to its blob id, and the reader says so (read the
// repository), rather than giving the tagger another text.
func TestStoredReaderRefusesADamagedCopy(t *testing.T) {
	r, pin, path := indexedRepo(t)
	idx, err := OpenIndex(path, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	e, err := r.Lookup(context.Background(), pin.Tree, "src/auth/login.go")
	if err != nil {
		t.Fatal(err)
	}
	c, ok := idx.CandidateOf(e)
	if !ok || idx.files[c.file].stored == 0 {
		t.Fatalf("login.go: in the index %v, stored %d", ok, idx.files[c.file].stored)
	}
	if _, ok := idx.NewStoredReader().Read(c); !ok {
		t.Fatal("login.go's intact copy does not read")
	}
	// Flip the last byte of its compressed copy: the literal text's end.
	at := idx.content + idx.files[c.file].off + int64(idx.files[c.file].stored) - 1
	idx.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 1)
	if _, err := f.ReadAt(b, at); err != nil {
		t.Fatal(err)
	}
	b[0] ^= 0x20
	if _, err := f.WriteAt(b, at); err != nil {
		t.Fatal(err)
	}
	f.Close()
	idx, err = OpenIndex(path, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if data, ok := idx.NewStoredReader().Read(c); ok {
		t.Errorf("a damaged copy is handed out: %q", data)
	}
}
