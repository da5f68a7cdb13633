package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// served runs serveRefs in this process on the repository at dir, asks
// it each name in turn, and returns its answers, one per name: the
// document, or "error: ..." for an error head.
func served(t *testing.T, dir string, names ...string) []string {
	t.Helper()
	var in, out, errOut bytes.Buffer
	for _, n := range names {
		json.NewEncoder(&in).Encode(refsRequest{Name: n})
	}
	s, err := openNav(&navArgs{repoPath: dir, rev: "HEAD"}, &out, &errOut)
	if err != nil {
		t.Fatal(err)
	}
	defer s.r.Close()
	if err := serveRefs(s, &in); err != nil {
		t.Fatalf("serveRefs: %v (stderr %q)", err, errOut.String())
	}
	return answers(t, &out, len(names))
}

// answers reads n answers of a serving child from out.
func answers(t *testing.T, out io.Reader, n int) []string {
	t.Helper()
	dec := json.NewDecoder(out)
	var got []string
	for range n {
		var head refsHead
		if err := dec.Decode(&head); err != nil {
			t.Fatalf("answer %d: head: %v", len(got)+1, err)
		}
		if head.Error != "" {
			got = append(got, "error: "+head.Error)
			continue
		}
		var doc refsDoc
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("answer %d: document: %v", len(got)+1, err)
		}
		b, _ := json.Marshal(doc)
		got = append(got, string(b))
	}
	if dec.More() {
		t.Fatalf("more than the %d answers asked for", n)
	}
	return got
}

// oneShot is what "refs --json NAME" prints, as served would give it.
func oneShot(t *testing.T, dir, name string) string {
	t.Helper()
	var doc refsDoc
	if err := json.Unmarshal([]byte(oneShotRaw(t, dir, name)), &doc); err != nil {
		t.Fatalf("refs --json %s: %v", name, err)
	}
	b, _ := json.Marshal(doc)
	return string(b)
}

// The serving child answers each name of a session exactly as a refs of
// its own would: with the search index, which it checks once and then
// keeps, and without one; for names found, not found, and not an ASCII
// identifier (which the index cannot narrow).
func TestServingChildAnswersAsRefsDoes(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	tr := repotest.New(t)
	tree := refsTextTree()
	tree["unicode.go"] = repotest.File{Content: "package p\n\nvar größe = 1\n\nfunc f() int { return größe + ReaderSorker }\n"}
	tr.Commit("refs text", tree)
	names := []string{"ReaderSorker", "f3_last", "NotThere", "größe", "ReaderSorker"}
	check := func(t *testing.T) {
		got := served(t, tr.Dir, names...)
		for i, n := range names {
			if want := oneShot(t, tr.Dir, n); got[i] != want {
				t.Errorf("request %d, %s: served\n%s\nrefs gives\n%s", i+1, n, got[i], want)
			}
		}
	}
	t.Run("no index", check)
	if code, out, errOut := runCmd("index", "--repo", tr.Dir); code != 0 {
		t.Fatalf("index: exit %d, %q, %q", code, out, errOut)
	}
	t.Run("index", check)
}

// An index that does not check out is never trusted: not for the first
// name, whose tagging began on its candidates, nor for any later one.
// Its stored copies would otherwise show src/d1's references.
func TestServingChildNeverTrustsAnIndexThatDoesNotCheckOut(t *testing.T) {
	tr := indexedRefsText(t)
	r, pin := pintest.Head(t, tr)
	sub, err := r.Lookup(context.Background(), pin.Tree, "src/d1")
	if err != nil {
		t.Fatal(err)
	}
	tr.RemoveObject(plumbing.Hash(sub.Hash))
	got := served(t, tr.Dir, "ReaderSorker", "ReaderSorker", "f1_last")
	if err := os.RemoveAll(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "sightline")); err != nil {
		t.Fatal(err)
	}
	for i, n := range []string{"ReaderSorker", "ReaderSorker", "f1_last"} {
		if strings.Contains(got[i], "src/d1/") {
			t.Errorf("request %d, %s: references from the unreadable src/d1:\n%s", i+1, n, got[i])
		}
		if want := oneShot(t, tr.Dir, n); got[i] != want {
			t.Errorf("request %d, %s: served\n%s\nwithout the index, refs gives\n%s", i+1, n, got[i], want)
		}
	}
}

// A child that left a tagger running past its time limit says so with
// its answer and ends, so that the runaway tagger ends with it.
func TestServingChildRetiresAfterAnAbandonedTagger(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	tr := repotest.New(t)
	tr.Commit("c", navTree)
	old := abandonedTaggers
	t.Cleanup(func() { abandonedTaggers = old })
	// Asked before and after each name: the second name leaves one.
	asked := 0
	abandonedTaggers = func() int64 {
		if asked++; asked >= 4 {
			return 1
		}
		return 0
	}
	var in, out, errOut bytes.Buffer
	for _, n := range []string{"helper", "twice", "helper"} {
		json.NewEncoder(&in).Encode(refsRequest{Name: n})
	}
	s, err := openNav(&navArgs{repoPath: tr.Dir, rev: "HEAD"}, &out, &errOut)
	if err != nil {
		t.Fatal(err)
	}
	defer s.r.Close()
	if err := serveRefs(s, &in); err != nil {
		t.Fatal(err)
	}
	if asked != 4 {
		t.Fatalf("the child asked %d times; want 4 (it ends after the second name)", asked)
	}
	dec := json.NewDecoder(&out)
	for i, retire := range []bool{false, true} {
		var head refsHead
		var doc refsDoc
		if err := dec.Decode(&head); err != nil || head.Error != "" || head.Retire != retire {
			t.Fatalf("answer %d: head %+v, %v; want retire %v", i+1, head, err, retire)
		}
		if err := dec.Decode(&doc); err != nil || len(doc.References) == 0 {
			t.Fatalf("answer %d: %+v, %v; want the references, retiring or not", i+1, doc, err)
		}
	}
}

// The workbench asks one child for every name of a session, and starts
// another only when the last one is gone: it retired, failed or was
// stopped.
func TestReferencesAskOneChildUntilItIsGone(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("c", navTree)
	r, pin := pintest.Head(t, rt)
	doc := `{"name": "x", "commit": "c", "references": [{"path": "a.c", "line": 1, "col": 1, "in": "code", "text": "x"}], "skipped": []}`
	// A child that answers every name, then one that retires after its
	// first answer (and would hang after it).
	answering := "while read line; do echo '{}'; echo '" + doc + "'; done"
	exe, runs := countingChild(t, answering)
	src := &symbolSource{r: r, pin: pin, why: "no build in this test", exe: exe}
	t.Cleanup(src.close)
	childRuns := func() int {
		b, _ := os.ReadFile(runs)
		return strings.Count(string(b), "\n")
	}
	for _, n := range []string{"a", "b", "c"} {
		if hits, err := src.References(context.Background(), n); err != nil || len(hits) != 1 {
			t.Fatalf("gr %s: %+v, %v", n, hits, err)
		}
	}
	if childRuns() != 1 {
		t.Fatalf("three names ran %d children; want 1", childRuns())
	}
	retiring := "read line; echo '{\"retire\": true}'; echo '" + doc + "'; exec sleep 600"
	if err := os.WriteFile(exe, []byte("#!/bin/sh\necho run >> "+runs+"\n"+retiring+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	stopRefsChild(src)
	for i, n := range []string{"d", "e"} {
		if hits, err := src.References(context.Background(), n); err != nil || len(hits) != 1 {
			t.Fatalf("gr %s: %+v, %v", n, hits, err)
		}
		if childRuns() != 2+i {
			t.Fatalf("after gr %s: %d runs; want %d (a retired child is replaced)", n, childRuns(), 2+i)
		}
	}
	// The session's end stops the last one, as it would a child that
	// kept running, and no gr after it starts another.
	src.refs = refsMemo{}
	if _, err := src.References(context.Background(), "f"); err != nil {
		t.Fatal(err)
	}
	src.close()
	if src.refsProc.p != nil {
		t.Fatal("a child is still held after close")
	}
	if _, err := src.References(context.Background(), "g"); err == nil || childRuns() != 4 {
		t.Fatalf("gr after the session closed: %v, %d runs; want an error and no new child", err, childRuns())
	}
}

// stopRefsChild stops gr's child as a failure would, leaving the
// session open.
func stopRefsChild(src *symbolSource) {
	c := src.refsProc
	c.mu.Lock()
	p := c.p
	c.mu.Unlock()
	if p != nil {
		c.stop(p)
	}
}

// A child that ends between two names (it crashed while idle) is
// replaced at the next name, which gets its answer.
func TestReferencesChildGoneWhileIdleIsReplaced(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("c", navTree)
	r, pin := pintest.Head(t, rt)
	doc := `{"name": "x", "commit": "c", "references": [], "skipped": []}`
	exe, runs := countingChild(t, "read line; echo '{}'; echo '"+doc+"'; exit 0")
	src := &symbolSource{r: r, pin: pin, why: "no build in this test", exe: exe}
	t.Cleanup(src.close)
	if _, err := src.References(context.Background(), "a"); err != nil {
		t.Fatal(err)
	}
	p := src.refsProc.p
	if p == nil {
		t.Fatal("no child held after an answer")
	}
	<-p.exited
	if _, err := src.References(context.Background(), "b"); err != nil {
		t.Fatalf("the name after the child ended: %v", err)
	}
	if b, _ := os.ReadFile(runs); strings.Count(string(b), "\n") != 2 {
		t.Fatalf("%q: want two runs", b)
	}
}

// The real child, through the workbench's side, gives what refs --json
// gives, name after name.
func TestReferencesFromTheServingChild(t *testing.T) {
	tr := indexedRefsText(t)
	r, pin := pintest.Head(t, tr)
	src := &symbolSource{r: r, pin: pin, why: "no build in this test", exe: sightlineBinary(t)}
	t.Cleanup(src.close)
	for _, n := range []string{"ReaderSorker", "NotThere", "f2_last"} {
		hits, err := src.References(context.Background(), n)
		if err != nil {
			t.Fatalf("gr %s: %v", n, err)
		}
		var doc refsDoc
		if err := json.Unmarshal([]byte(oneShotRaw(t, tr.Dir, n)), &doc); err != nil {
			t.Fatal(err)
		}
		if len(hits) != len(doc.References)+len(doc.Skipped) {
			t.Fatalf("gr %s: %d hits; refs --json has %d references and %d skipped", n, len(hits), len(doc.References), len(doc.Skipped))
		}
		for i, ref := range doc.References {
			h := hits[i]
			if h.Path != ref.Path || h.Line != ref.Line || h.Col != ref.Col || h.In != ref.In || h.Func != ref.Function || h.Call != ref.Call {
				t.Errorf("gr %s, hit %d: %+v; refs --json: %+v", n, i, h, ref)
			}
		}
	}
	if p := src.refsProc.p; p == nil {
		t.Fatal("no child is kept between names")
	}
}

func oneShotRaw(t *testing.T, dir, name string) string {
	t.Helper()
	_, out, _ := runCmd("refs", "--json", "--repo", dir, name)
	return out
}

// Lookups asked at once take turns at the one child, and each gets its
// own name's answer.
func TestReferencesAskedAtOnceTakeTurns(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	tr := repotest.New(t)
	tr.Commit("refs text", refsTextTree())
	r, pin := pintest.Head(t, tr)
	src := &symbolSource{r: r, pin: pin, why: "no build in this test", exe: sightlineBinary(t)}
	t.Cleanup(src.close)
	names := []string{"ReaderSorker", "f1_last", "f2_last", "f3_last", "NotThere", "f5_last"}
	got := make([]int, len(names))
	errs := make(chan error, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hits, err := src.runRefs(context.Background(), n)
			for _, h := range hits {
				if !strings.Contains(h.Text, n) {
					err = fmt.Errorf("gr %s was given %+v", n, h)
				}
			}
			got[i] = len(hits)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for i, n := range names {
		var doc refsDoc
		if err := json.Unmarshal([]byte(oneShotRaw(t, tr.Dir, n)), &doc); err != nil {
			t.Fatal(err)
		}
		if got[i] != len(doc.References) {
			t.Errorf("gr %s: %d references; refs gives %d", n, got[i], len(doc.References))
		}
	}
}
