package repo

import (
	"reflect"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/repotest"
)

func TestReplaceRefsAreListedAndNeverApplied(t *testing.T) {
	tr := repotest.New(t)
	real := tr.Commit("the real commit", repotest.Tree{"f.txt": {Content: "real\n"}})
	decoy := tr.CommitWithParents("a decoy", repotest.Tree{"f.txt": {Content: "decoy\n"}})
	tr.SetHead(real)
	r, pin := openAt(t, tr)
	if got := r.ReplaceRefs(); len(got) != 0 {
		t.Fatalf("no replace refs yet, got %v", got)
	}
	name := plumbing.ReferenceName("refs/replace/" + real.String())
	if err := tr.Git.Storer.SetReference(plumbing.NewHashReference(name, decoy)); err != nil {
		t.Fatal(err)
	}
	r, pin2 := openAt(t, tr)
	if got, want := r.ReplaceRefs(), []string{name.String()}; !reflect.DeepEqual(got, want) {
		t.Fatalf("ReplaceRefs = %v, want %v", got, want)
	}
	if pin2 != pin {
		t.Fatalf("the pin moved with a replace ref: %v, was %v", pin2, pin)
	}
	b, err := r.ReadBlob(t.Context(), mustLookup(t, r, pin2.Tree, "f.txt"), -1)
	if err != nil || string(b.Data) != "real\n" {
		t.Fatalf("f.txt reads %q (%v), want the original object's content", b.Data, err)
	}
}

func mustLookup(t *testing.T, r *Repo, tree Hash, path string) Hash {
	t.Helper()
	e, err := r.Lookup(t.Context(), tree, path)
	if err != nil {
		t.Fatal(err)
	}
	return e.Hash
}
