package search

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"testing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// The masks leave out a file whose trigrams of a name all occur, but
// never one after the other (the generated sources of the large
// benchmark tree, where refs read 3.5 times the files that hold the
// name), and keep the file that holds it.
func TestIndexMasksLeaveOutScatteredTrigrams(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("tree", repotest.Tree{
		"scattered.ts": {Content: "let timerReader = workerSonfig(regionSorker)\n"},
		"holds.ts":     {Content: "type T = ReaderSorker\n"},
		"at-end.ts":    {Content: "x ReaderSorker"},
	})
	r, pin := pintest.Head(t, tr)
	path := IndexPath(t.TempDir(), pin.Tree)
	if err := BuildIndex(context.Background(), r, pin.Tree, path); err != nil {
		t.Fatal(err)
	}
	idx, err := OpenIndex(path, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	cands, all, err := idx.Candidates(context.Background(), r, pin.Tree, regexp.MustCompile("ReaderSorker"))
	if err != nil || all {
		t.Fatalf("all=%v, %v", all, err)
	}
	var got []string
	for _, c := range cands {
		got = append(got, c.Path)
	}
	if fmt.Sprint(got) != "[at-end.ts holds.ts]" {
		t.Errorf("candidates for ReaderSorker: %v, want [at-end.ts holds.ts]", got)
	}
}

// Whatever the files, the candidates for a literal hold every file that
// holds it: the masks narrow, never lose. Files and literals are drawn
// from a small alphabet so that most trigrams occur in most files, with
// bytes that are not indexed and files that end on a literal, and built
// both whole and streamed in small pieces (whose masks are unknown).
func TestIndexMasksNeverLoseAFile(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	// Runes, so that a literal cut at any of them is a valid pattern.
	alphabet := []rune("abcSR_\n\u00e9(")
	draw := func(n int) []rune {
		b := make([]rune, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return b
	}
	files := repotest.Tree{}
	var runes [][]rune
	var contents [][]byte
	for i := range 60 {
		c := draw(rng.IntN(400))
		files[fmt.Sprintf("f%02d.txt", i)] = repotest.File{Content: string(c)}
		runes = append(runes, c)
		contents = append(contents, []byte(string(c)))
	}
	tr := repotest.New(t)
	tr.Commit("tree", files)
	r, pin := pintest.Head(t, tr)
	var literals [][]byte
	for range 300 {
		c := runes[rng.IntN(len(runes))]
		n := 3 + rng.IntN(6)
		if len(c) > n && rng.IntN(2) == 0 {
			at := rng.IntN(len(c) - n + 1)
			literals = append(literals, []byte(string(c[at:at+n]))) // one that occurs
		} else {
			literals = append(literals, []byte(string(draw(n))))
		}
	}
	defer func(n int64, p int) { streamAbove, streamPiece = n, p }(streamAbove, streamPiece)
	for _, stream := range []bool{false, true} {
		if stream {
			streamAbove, streamPiece = 4, 5
		}
		path := IndexPath(t.TempDir(), pin.Tree)
		if err := BuildIndex(context.Background(), r, pin.Tree, path); err != nil {
			t.Fatal(err)
		}
		idx, err := OpenIndex(path, pin.Tree)
		if err != nil {
			t.Fatal(err)
		}
		narrowed := 0
		for _, lit := range literals {
			re := regexp.MustCompile(regexp.QuoteMeta(string(lit)))
			cands, all, err := idx.Candidates(context.Background(), r, pin.Tree, re)
			if err != nil {
				t.Fatal(err)
			}
			if all {
				continue
			}
			in := map[string]bool{}
			for _, c := range cands {
				in[c.Path] = true
			}
			for i, c := range contents {
				name := fmt.Sprintf("f%02d.txt", i)
				if bytes.Contains(c, lit) && !in[name] {
					t.Fatalf("streamed=%v: %s holds %q but is no candidate", stream, name, lit)
				}
				if !bytes.Contains(c, lit) && !in[name] {
					narrowed++
				}
			}
		}
		idx.Close()
		if narrowed == 0 {
			t.Errorf("streamed=%v: no literal left out any file; the test draws nothing the index can narrow", stream)
		}
	}
}

// Go's regexp reads an invalid byte of the text as U+FFFD, so a pattern
// with U+FFFD may match bytes other than its own encoding when the
// search runs the expression itself (an alternation, which leaves no
// literal to look for first): the byte after a trigram is then no
// constraint, and the indexed search finds what Grep finds.
func TestIndexMasksIgnoreBytesBeyondASCII(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("tree", repotest.Tree{"bad-utf8.txt": {Content: "0xya\xfeb\n"}})
	r, pin := pintest.Head(t, tr)
	path := IndexPath(t.TempDir(), pin.Tree)
	if err := BuildIndex(context.Background(), r, pin.Tree, path); err != nil {
		t.Fatal(err)
	}
	idx, err := OpenIndex(path, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	re := regexp.MustCompile("xya\uFFFDb|qqq\uFFFDb")
	ctx := context.Background()
	want := collect(t, func(fn func(Match) error) error { return Grep(ctx, r, pin.Tree, re, Options{}, fn) })
	if len(want) != 1 {
		t.Fatalf("the premise: Grep finds %v for %q, want the line of bad-utf8.txt", want, re)
	}
	got := collect(t, func(fn func(Match) error) error { return GrepIndexed(ctx, r, idx, pin.Tree, re, Options{}, fn) })
	if !reflect.DeepEqual(got, want) {
		t.Errorf("search for %q through the index: %v, want Grep's %v", re, got, want)
	}
}
