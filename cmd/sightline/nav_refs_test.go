package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// refsTextTree is many files that name ReaderSorker: on the first line
// and on the last, with CRLF line ends, without a trailing newline, one
// blob at two paths, and a line that names it twice. Every line is
// different, so a line's text shown from the wrong file or at the wrong
// number is seen.
func refsTextTree() repotest.Tree {
	tr := repotest.Tree{}
	for i := range 40 {
		var b strings.Builder
		fmt.Fprintf(&b, "int ReaderSorker_use_%d = ReaderSorker; /* f%d first */\n", i, i)
		for j := range i % 7 {
			fmt.Fprintf(&b, "int f%d_pad%d;\n", i, j)
		}
		end := "\n"
		switch i % 3 {
		case 1:
			end = "\r\n"
		case 2:
			end = "" // no newline at the end of the file
		}
		fmt.Fprintf(&b, "int f%d_last(void) { return ReaderSorker(%d) + ReaderSorker(%d); }%s", i, i, -i, end)
		tr[fmt.Sprintf("src/d%d/f%02d.c", i%4, i)] = repotest.File{Content: b.String()}
	}
	tr["copy/f05.c"] = tr["src/d1/f05.c"]
	tr["only.c"] = repotest.File{Content: "ReaderSorker"}
	tr["crlf.c"] = repotest.File{Content: "\r\n// ReaderSorker\r\n\r\nint x = ReaderSorker;\r"}
	return tr
}

// wantLines is every (path, line) of tree whose line holds the word
// name, with the line's text as a viewer shows it (without its LF).
func wantLines(tree repotest.Tree, name string) map[string]string {
	word := regexp.MustCompile(`\b` + name + `\b`)
	out := map[string]string{}
	for p, f := range tree {
		for i, l := range strings.SplitAfter(f.Content, "\n") {
			if word.MatchString(l) {
				out[fmt.Sprintf("%s:%d", p, i+1)] = strings.TrimSuffix(l, "\n")
			}
		}
	}
	return out
}

// refs shows, for every occurrence, the text of its own line of its own
// file, with the search index and without: none is lost, none comes from
// another file or line.
func TestRefsShowEachOccurrencesOwnLine(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	tree := refsTextTree()
	tr := repotest.New(t)
	tr.Commit("refs text", tree)
	want := wantLines(tree, "ReaderSorker")
	check := func(how string) {
		t.Helper()
		code, out, errOut := runCmd("refs", "--json", "ReaderSorker", "--repo", tr.Dir)
		var doc refsDoc
		if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 0 {
			t.Fatalf("%s: exit %d, %v, stderr %q", how, code, err, errOut)
		}
		got := map[string]string{}
		perLine := map[string]int{}
		for _, r := range doc.References {
			at := fmt.Sprintf("%s:%d", r.Path, r.Line)
			got[at] = r.Text
			perLine[at]++
			if w, ok := want[at]; !ok || r.Text != w {
				t.Errorf("%s: %s:%d:%d shows %q, want %q", how, r.Path, r.Line, r.Col, r.Text, w)
			}
		}
		for at, w := range want {
			if _, ok := got[at]; !ok {
				t.Errorf("%s: no reference at %s (%q)", how, at, w)
			}
		}
		// The last line of each src file names it twice; its first line
		// twice too, once inside a longer word that is not the name.
		if n := perLine["src/d0/f00.c:2"]; n != 2 {
			t.Errorf("%s: src/d0/f00.c:2 has %d references, want 2", how, n)
		}
		if n := perLine["src/d0/f00.c:1"]; n != 1 {
			t.Errorf("%s: src/d0/f00.c:1 has %d references, want 1 (ReaderSorker_use_0 is another name)", how, n)
		}
	}
	check("without an index")
	if code, out, errOut := runCmd("index", "--repo", tr.Dir); code != 0 {
		t.Fatalf("index: exit %d, %q, %q", code, out, errOut)
	}
	check("with the index")
}

// A file the search admits that does not hold the name as a word (it is
// inside a longer name; its pieces are apart, which the index's
// trigrams cannot tell from the name; a binary file) gives no reference
// and is not reported as skipped; a file too large to tag is reported
// only when it holds the name.
func TestRefsCandidateWithoutTheNameGivesNothing(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	tr := repotest.New(t)
	tr.Commit("near misses", repotest.Tree{
		"longer.c": {Content: "int ReaderSorkerX;\nint xReaderSorker;\n"},
		"pieces.c": {Content: "int ReaderSor;\nint rSorker;\n"},
		"blob.c":   {Content: "int ReaderSorker;\x00\x01\n"},
		"real.go":  {Content: "package p\n\nfunc f() { ReaderSorker() }\n"},
		// Over the tagger's 4 MiB: one holding the name past the part
		// read to know that is still reported, one without is not.
		"big.c":   {Content: strings.Repeat("int x;\n", 700_000) + "int ReaderSorker;\n"},
		"bigno.c": {Content: strings.Repeat("int x;\n", 700_000) + "int ReaderSor, rSorker;\n"},
	})
	skippedBig := "sightline: skipped big.c: over the size limit (4.7 MiB)\n"
	for _, how := range []string{"without an index", "with the index"} {
		if how == "with the index" {
			if code, out, errOut := runCmd("index", "--repo", tr.Dir); code != 0 {
				t.Fatalf("index: exit %d, %q, %q", code, out, errOut)
			}
		}
		code, out, errOut := runCmd("refs", "ReaderSorker", "--repo", tr.Dir)
		if code != 0 || out != "real.go:3:12: code in f: func f() { ReaderSorker() }\n" || errOut != skippedBig {
			t.Errorf("%s: refs ReaderSorker: exit %d, stderr %q, output\n%s", how, code, errOut, out)
		}
		code, out, errOut = runCmd("refs", "--json", "eaderSorker", "--repo", tr.Dir)
		var doc refsDoc
		if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 1 || len(doc.References) != 0 ||
			len(doc.Skipped) != 1 || doc.Skipped[0].Path != "big.c" || !strings.HasPrefix(errOut, skippedBig+"sightline refs: no occurrence of \"eaderSorker\"") {
			t.Errorf("%s: refs eaderSorker (only inside longer names; big.c cannot be told): exit %d, %v, stderr %q, output %s", how, code, err, errOut, out)
		}
	}
}

// With a search index that no longer checks out against the tree (a
// subtree it lists has become unreadable), refs answers exactly as it
// does without the index: what the tagging began on the index's
// candidates, beside the walk that checks the index, is thrown away. The
// index's stored copies would otherwise show src/d1's references.
func TestRefsWithAnIndexThatDoesNotCheckOut(t *testing.T) {
	tr := indexedRefsText(t)
	r, pin := pintest.Head(t, tr)
	sub, err := r.Lookup(context.Background(), pin.Tree, "src/d1")
	if err != nil {
		t.Fatal(err)
	}
	tr.RemoveObject(plumbing.Hash(sub.Hash))
	withIndex := func() (int, string, string) { return runCmd("refs", "ReaderSorker", "--repo", tr.Dir) }
	code, out, errOut := withIndex()
	if strings.Contains(out, "src/d1/") || !strings.Contains(out, "src/d0/f00.c:") {
		t.Errorf("refs with an index of the whole tree, src/d1 unreadable: exit %d, stderr %q, output\n%s", code, errOut, out)
	}
	cache := os.Getenv("XDG_CACHE_HOME")
	if err := os.RemoveAll(filepath.Join(cache, "sightline")); err != nil {
		t.Fatal(err)
	}
	code2, out2, errOut2 := withIndex()
	if code2 != code || out2 != out || errOut2 != errOut {
		t.Errorf("with the index: exit %d, stderr %q\n%s\nwithout: exit %d, stderr %q\n%s", code, errOut, out, code2, errOut2, out2)
	}
}

// indexedRefsText commits refsTextTree and builds its indexes ("sightline
// index") under a cache of the test's own.
func indexedRefsText(t *testing.T) *repotest.Repo {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	tr := repotest.New(t)
	tr.Commit("refs text", refsTextTree())
	if code, out, errOut := runCmd("index", "--repo", tr.Dir); code != 0 {
		t.Fatalf("index: exit %d, %q, %q", code, out, errOut)
	}
	return tr
}
