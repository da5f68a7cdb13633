package repotest

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"

	"github.com/go-git/go-git/v5/plumbing"
)

// Damaged object stores (SECURITY-NOTES HOST-25, -26, -28), for tests of
// what the reviewer sees when the vendor's repository is broken or
// tampered with.

// SubstituteBlob overwrites the loose object file of h with a valid blob
// holding content. Reads of h then return content, which does not hash to
// h: go-git and git cat-file do not check (HOST-28).
func (r *Repo) SubstituteBlob(h plumbing.Hash, content string) {
	r.t.Helper()
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	fmt.Fprintf(zw, "blob %d\x00%s", len(content), content)
	if err := zw.Close(); err != nil {
		r.t.Fatalf("repotest: substitute %s: %v", h, err)
	}
	p := r.ObjectPath(h)
	_ = os.Chmod(p, 0o644) // loose objects are read-only
	if err := os.WriteFile(p, z.Bytes(), 0o444); err != nil {
		r.t.Fatalf("repotest: substitute %s: %v", h, err)
	}
}

// RemoveObject deletes the loose object file of h: a missing blob
// (HOST-26) or, for a tree, an unreadable subtree (HOST-25).
func (r *Repo) RemoveObject(h plumbing.Hash) {
	r.t.Helper()
	if err := os.Remove(r.ObjectPath(h)); err != nil {
		r.t.Fatalf("repotest: remove object %s: %v", h, err)
	}
}
