package search

import (
	"context"
	"errors"
	"regexp"
	"testing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// Every file a search finds is a candidate, and the stored copy a
// candidate reads is its blob.
func TestCandidatesHoldEveryFileGrepFinds(t *testing.T) {
	r, pin, path := indexedRepo(t)
	idx, err := OpenIndex(path, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	ctx := context.Background()
	stored := idx.NewStoredReader()
	for _, p := range []string{"token", "backdoor", "strcpy", "no such text"} {
		re := regexp.MustCompile(p)
		cands, all, err := idx.Candidates(ctx, r, pin.Tree, re)
		if err != nil || all {
			t.Fatalf("%q: all=%v, %v", p, all, err)
		}
		in := map[string]bool{}
		for _, c := range cands {
			in[c.Path] = true
			data, ok := stored.Read(c)
			b, err := r.ReadBlob(ctx, c.Hash, -1)
			if err != nil || ok && string(data) != string(b.Data) {
				t.Errorf("%q: %s's stored copy is not its blob (%v)", p, c.Path, err)
			}
		}
		for _, m := range collect(t, func(fn func(Match) error) error { return Grep(ctx, r, pin.Tree, re, Options{}, fn) }) {
			if !in[m.Path] {
				t.Errorf("%q: %s matches but is no candidate", p, m.Path)
			}
		}
	}
	if _, all, err := idx.Candidates(ctx, r, pin.Tree, regexp.MustCompile("to")); err != nil || !all {
		t.Errorf("a two-byte pattern: all=%v, %v; want all", all, err)
	}
}

// An index of another tree, relabelled with this tree's id, is refused
// even when what changed is a file it would not give as a candidate: a
// file added that holds the name, which GrepIndexed's checks of the
// candidates alone would not see.
func TestCandidatesRefuseAnotherTreesIndex(t *testing.T) {
	tr := repotest.New(t)
	first := tr.Commit("one", indexTree())
	second := tr.Commit("two", tr.Edit(first, repotest.Tree{"src/new.go": {Content: "package src\n// strcpy(backdoor)\n"}}))
	third := tr.Commit("three", tr.Edit(first, repotest.Tree{"main.go": repotest.Delete}))
	r := pintest.Open(t, tr.Dir)
	ctx := context.Background()
	p1 := pintest.Resolve(t, r, first.String())
	dir := t.TempDir()
	if err := BuildIndex(ctx, r, p1.Tree, IndexPath(dir, p1.Tree)); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{second.String(), third.String()} {
		p := pintest.Resolve(t, r, c)
		forge(t, IndexPath(dir, p1.Tree), IndexPath(dir, p.Tree), p.Tree)
		forged, err := OpenIndex(IndexPath(dir, p.Tree), p.Tree)
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = forged.Candidates(ctx, r, p.Tree, regexp.MustCompile(`backdoor`))
		forged.Close()
		if !errors.Is(err, ErrIndexInvalid) {
			t.Errorf("index of the first tree as %s: err = %v, want ErrIndexInvalid", c[:7], err)
		}
	}
	idx, err := OpenIndex(IndexPath(dir, p1.Tree), p1.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	p2 := pintest.Resolve(t, r, second.String())
	if _, _, err := idx.Candidates(ctx, r, p2.Tree, regexp.MustCompile(`backdoor`)); !errors.Is(err, ErrIndexInvalid) {
		t.Errorf("asked for another tree: err = %v, want ErrIndexInvalid", err)
	}
}

// Unchecked lists, before any walk, exactly the candidates Candidates
// gives once its walk has passed; Check passes on the index of the tree
// and refuses an index of another tree relabelled with this tree's id,
// as Candidates does.
func TestUncheckedIsCandidatesAndCheckRefusesAnotherTree(t *testing.T) {
	tr := repotest.New(t)
	first := tr.Commit("one", indexTree())
	second := tr.Commit("two", tr.Edit(first, repotest.Tree{"src/new.go": {Content: "package src\n// strcpy(backdoor)\n"}}))
	r := pintest.Open(t, tr.Dir)
	ctx := context.Background()
	p1 := pintest.Resolve(t, r, first.String())
	dir := t.TempDir()
	if err := BuildIndex(ctx, r, p1.Tree, IndexPath(dir, p1.Tree)); err != nil {
		t.Fatal(err)
	}
	idx, err := OpenIndex(IndexPath(dir, p1.Tree), p1.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if err := idx.Check(ctx, r, p1.Tree); err != nil {
		t.Fatalf("Check of the index's own tree: %v", err)
	}
	for _, p := range []string{"token", "backdoor", "strcpy", "no such text"} {
		re := regexp.MustCompile(p)
		want, _, err := idx.Candidates(ctx, r, p1.Tree, re)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := idx.Unchecked(p1.Tree, re)
		if !ok || len(got) != len(want) {
			t.Fatalf("%q: Unchecked gives %d (ok %v), Candidates %d", p, len(got), ok, len(want))
		}
		for i := range got {
			if got[i].Path != want[i].Path || got[i].Hash != want[i].Hash || got[i].file != want[i].file {
				t.Errorf("%q: candidate %d is %s, want %s", p, i, got[i].Path, want[i].Path)
			}
		}
	}
	if _, ok := idx.Unchecked(p1.Tree, regexp.MustCompile("to")); ok {
		t.Error("Unchecked narrows a two-byte pattern")
	}
	p2 := pintest.Resolve(t, r, second.String())
	if _, ok := idx.Unchecked(p2.Tree, regexp.MustCompile("backdoor")); ok {
		t.Error("Unchecked answers for another tree")
	}
	forge(t, IndexPath(dir, p1.Tree), IndexPath(dir, p2.Tree), p2.Tree)
	forged, err := OpenIndex(IndexPath(dir, p2.Tree), p2.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer forged.Close()
	if err := forged.Check(ctx, r, p2.Tree); !errors.Is(err, ErrIndexInvalid) {
		t.Errorf("Check of an index of the first tree relabelled as the second: %v, want ErrIndexInvalid", err)
	}
}
