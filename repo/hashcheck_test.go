package repo

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/repotest"
)

// substitutedBlobs is the fixture's three refused blobs, each with the id
// its content hashes to.
func substitutedBlobs(s *repotest.Substituted) map[string][2]Hash {
	evil := plumbing.ComputeHash(plumbing.BlobObject, []byte(repotest.SubstitutedLooseEvil))
	return map[string][2]Hash{
		"loose":  {Hash(s.Loose), Hash(evil)},
		"packed": {Hash(s.Packed), Hash(s.Decoy)}, // the swapped index sends each to the other
		"decoy":  {Hash(s.Decoy), Hash(s.Packed)},
	}
}

// Every blob read refuses a substituted blob, loose or packed, with an
// error that says what happened and names both ids (issue 17 item 2).
func TestBlobReadsRefuseSubstitutedBlobs(t *testing.T) {
	s := repotest.NewSubstituted(t)
	r, pin := openAt(t, s.Repo)
	ctx := context.Background()
	for name, ids := range substitutedBlobs(s) {
		h, got := ids[0], ids[1]
		want := "blob " + h.String() + ": object content does not match its id (hashes to " + got.String() + "): the object was substituted or damaged"
		b, err := r.ReadBlob(ctx, h, -1)
		if !errors.Is(err, ErrHashMismatch) || err.Error() != want {
			t.Errorf("%s: ReadBlob = %q, %v;\nwant %s", name, b.Data, err, want)
		}
		if _, err := r.ReadBlob(ctx, h, 1<<20); !errors.Is(err, ErrHashMismatch) {
			t.Errorf("%s: ReadBlob with a limit above its size: %v", name, err)
		}
		if err := r.VerifyObject(ctx, h); !errors.Is(err, ErrHashMismatch) || err.Error() != want {
			t.Errorf("%s: VerifyObject = %v;\nwant %s", name, err, want)
		}
		// A blob read in one go (small, or a delta) fails at OpenBlob; a
		// streamed one at the read that would complete it.
		for _, exact := range []bool{true, false} {
			rd, size, err := r.OpenBlob(ctx, h)
			if err == nil {
				if exact {
					_, err = io.ReadFull(rd, make([]byte, size))
				} else {
					_, err = io.ReadAll(rd)
				}
				rd.Close()
			}
			if !errors.Is(err, ErrHashMismatch) || err.Error() != want {
				t.Errorf("%s: OpenBlob and read (exactly its size: %v) = %v;\nwant %s", name, exact, err, want)
			}
		}
	}
	e, err := r.Lookup(ctx, pin.Tree, repotest.SubstitutedIntactPath)
	if err == nil {
		var b Blob
		b, err = r.ReadBlob(ctx, e.Hash, -1)
		if string(b.Data) != repotest.SubstitutedIntact {
			t.Errorf("intact file reads %q", b.Data)
		}
	}
	if err != nil {
		t.Errorf("intact file: %v", err)
	}
}

// substituteObject writes the loose file of object src (its zlib bytes,
// as they are) under the path of object dst.
func substituteObject(t *testing.T, tr *repotest.Repo, dst, src Hash) {
	t.Helper()
	data, err := os.ReadFile(tr.ObjectPath(src.plumbing()))
	if err != nil {
		t.Fatal(err)
	}
	p := tr.ObjectPath(dst.plumbing())
	_ = os.Chmod(p, 0o644)
	if err := os.WriteFile(p, data, 0o444); err != nil {
		t.Fatal(err)
	}
}

// Tree and commit reads refuse a substituted tree or commit, naming it.
func TestTreeAndCommitReadsRefuseSubstitutes(t *testing.T) {
	tr := repotest.New(t)
	c1 := Hash(tr.Commit("one", repotest.Tree{"a.go": {Content: "package a\n"}, "d/b.go": {Content: "package b\n"}}))
	c2 := Hash(tr.Commit("two", repotest.Tree{"a.go": {Content: "package a // two\n"}, "d/b.go": {Content: "package b // two\n"}}))
	r0, _ := openAt(t, tr)
	ctx := context.Background()
	one, err := r0.ReadCommit(ctx, c1)
	if err != nil {
		t.Fatal(err)
	}
	two, err := r0.ReadCommit(ctx, c2)
	if err != nil {
		t.Fatal(err)
	}
	_ = r0.Close()
	substituteObject(t, tr, one.Tree, two.Tree)
	substituteObject(t, tr, c1, c2)

	r, err := Open(tr.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.ReadTree(ctx, one.Tree, ""); !errors.Is(err, ErrHashMismatch) || !strings.Contains(err.Error(), one.Tree.String()) || !strings.Contains(err.Error(), two.Tree.String()) {
		t.Errorf("ReadTree of a substituted tree: %v", err)
	}
	if _, err := r.ReadCommit(ctx, c1); !errors.Is(err, ErrHashMismatch) || !strings.Contains(err.Error(), c1.String()) || !strings.Contains(err.Error(), c2.String()) {
		t.Errorf("ReadCommit of a substituted commit: %v", err)
	}
	if _, err := r.ReadTree(ctx, two.Tree, "d"); err != nil {
		t.Errorf("intact tree: %v", err)
	}
}
