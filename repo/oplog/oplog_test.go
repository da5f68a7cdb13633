package oplog

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

func newLog(t *testing.T, entries ...string) (*Store, string, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "store")
	if err := Init(dir, []byte(`{"v":1}`)); err != nil {
		t.Fatal(err)
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	const ref = "refs/sightline/reviewers/a"
	head := ""
	for _, e := range entries {
		if head, err = s.Append(ref, head, []byte(e)); err != nil {
			t.Fatal(err)
		}
	}
	return s, dir, head
}

// A chain's links read one at a time give the entries in order, the
// same as EntriesAt.
func TestChainReadsEntriesInOrder(t *testing.T) {
	want := []string{"first\n", strings.Repeat("second line\n", 50000), "third\n"}
	s, _, head := newLog(t, want...)
	links, err := s.Chain(head)
	if err != nil || len(links) != 3 || links[2].Commit != head {
		t.Fatalf("chain %v, %v", links, err)
	}
	ents, err := s.EntriesAt(head)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range links {
		data, err := s.Read(l)
		if err != nil || string(data) != want[i] || !bytes.Equal(ents[i].Data, data) || ents[i].Commit != l.Commit {
			t.Fatalf("entry %d: %d bytes, %v", i, len(data), err)
		}
	}
}

// A loose object whose bytes are not those its name hashes (another
// entry's, put there by whoever held the stick) is refused, not read as
// the entry.
func TestSwappedEntryRefused(t *testing.T) {
	s, dir, head := newLog(t, "mine\n", "second\n")
	ents, err := s.EntriesAt(head)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.r.CommitObject(plumbing.NewHash(ents[0].Commit))
	if err != nil {
		t.Fatal(err)
	}
	tree, err := s.r.TreeObject(c.TreeHash)
	if err != nil {
		t.Fatal(err)
	}
	hex := tree.Entries[0].Hash.String()
	p := filepath.Join(dir, "objects", hex[:2], hex[2:])
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	fmt.Fprintf(w, "blob 6\x00forged")
	_ = w.Close()
	_ = os.Chmod(p, 0o644)
	if err := os.WriteFile(p, z.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(dir); err != nil { // no cache of the real entry
		t.Fatal(err)
	}
	ents, err = s.EntriesAt(head)
	if err == nil || !strings.Contains(err.Error(), "do not hash to "+hex) {
		t.Fatalf("read %q, %v; want the entry refused as not matching its id", ents, err)
	}
}
