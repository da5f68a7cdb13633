package search

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"runtime"
	"testing"
	"unicode"
	"unicode/utf8"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// The masks leave out a file whose trigrams of a name all occur, but
// never one after the other (the generated sources of the large
// benchmark tree, where refs read 3.5 times the files that hold the
// name), and keep the file that holds it.
func TestIndexMasksLeaveOutScatteredTrigrams(t *testing.T) {
	r, pin, idx := indexOf(t, repotest.Tree{
		"scattered.ts": {Content: "let timerReader = workerSonfig(regionSorker)\n"},
		"holds.ts":     {Content: "type T = ReaderSorker\n"},
		"at-end.ts":    {Content: "x ReaderSorker"},
	})
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
	g := &randomTexts{rng: rand.New(rand.NewPCG(7, 11)), alphabet: []rune("abcSR_\n\u00e9(")}
	r, pin := g.commit(t, 60, 400)
	var contents [][]byte
	for _, c := range g.texts {
		contents = append(contents, []byte(string(c)))
	}
	var literals [][]byte
	for range 300 {
		literals = append(literals, []byte(string(g.literal(6))))
	}
	bothWays(func(stream bool) {
		idx := builtIndex(t, r, pin)
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
		if narrowed == 0 {
			t.Errorf("streamed=%v: no literal left out any file; the test draws nothing the index can narrow", stream)
		}
	})
}

// Go's regexp reads an invalid byte of the text as U+FFFD, so a pattern
// with U+FFFD may match bytes other than its own encoding when the
// search runs the expression itself (an alternation, which leaves no
// literal to look for first): the byte after a trigram is then no
// constraint, and the indexed search finds what Grep finds.
func TestIndexMasksIgnoreBytesBeyondASCII(t *testing.T) {
	r, pin, idx := indexOf(t, repotest.Tree{"bad-utf8.txt": {Content: "0xya\xfeb\n"}})
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

// A search that ignores case is narrowed by the case variants of its
// trigrams, and still finds every line Grep finds: also where a "k" or
// an "s" of the pattern matches the Kelvin sign or the long s, which
// Go's case folding allows.
func TestIndexNarrowsSearchesThatIgnoreCase(t *testing.T) {
	r, pin, idx := indexOf(t, repotest.Tree{
		"upper.c":   {Content: "if (BACKDOOR_ENABLED) open_BackDoor();\n"},
		"lower.c":   {Content: "int backdoor;\n"},
		"kelvin.c":  {Content: "XYZ\u212aABC\n"},
		"long-s.c":  {Content: "PA\u017f\u017fWORD = 1\n"},
		"scatter.c": {Content: "back  door BACK DOOR\n"},
		"none.c":    {Content: "nothing here\n"},
	})
	ctx := context.Background()
	// A file with the Kelvin sign or the long s need only hold the
	// trigrams without k or s: kelvin.c and long-s.c are candidates for
	// what they match, and scatter.c (neither rune) is not for backdoor.
	for p, cands := range map[string]string{
		`(?i)backdoor`:        "[lower.c upper.c]",
		`(?i)xyzkabc|xyzsabc`: "[kelvin.c]",
		`(?i)BackDoor_`:       "[upper.c]",
		`(?i)xyzkabc`:         "[kelvin.c]",
		`(?i)xyzkabc|qqqqq`:   "[kelvin.c]", // no literal for Grep to look for first: its regexp matches the Kelvin sign
		`(?i)password`:        "[long-s.c]",
		`(?i)nothing|nowhere`: "[none.c]",
		`(?i)no`:              "[all]",
	} {
		re := regexp.MustCompile(p)
		got, all, err := idx.Candidates(ctx, r, pin.Tree, re)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range got {
			names = append(names, c.Path)
		}
		if all {
			names = []string{"all"}
		}
		if fmt.Sprint(names) != cands {
			t.Errorf("%s: candidates %v, want %s", p, names, cands)
		}
		want := collect(t, func(fn func(Match) error) error { return Grep(ctx, r, pin.Tree, re, Options{}, fn) })
		if p == `(?i)xyzkabc|qqqqq` && (len(want) != 1 || want[0].Path != "kelvin.c") {
			t.Fatalf("the premise: Grep finds %v for %s, want the Kelvin sign's line", want, p)
		}
		found := collect(t, func(fn func(Match) error) error { return GrepIndexed(ctx, r, idx, pin.Tree, re, Options{}, fn) })
		if !reflect.DeepEqual(found, want) {
			t.Errorf("%s through the index: %v, want Grep's %v", p, found, want)
		}
	}
}

// Searches that ignore case, drawn at random over letters with and
// without case folds beyond ASCII (and the Kelvin sign and long s
// themselves), find through the index exactly what Grep finds.
func TestIndexSearchesThatIgnoreCaseFindWhatGrepFinds(t *testing.T) {
	g := &randomTexts{rng: rand.New(rand.NewPCG(3, 5)), alphabet: []rune("aAbBkKsS_( \u212a\u017f\n")}
	r, pin := g.commit(t, 40, 300)
	// Streamed in pieces of 5 bytes, a Kelvin sign (3 bytes) often
	// straddles a seam.
	bothWays(func(bool) { searchIgnoringCase(t, r, pin, g) })
}

func searchIgnoringCase(t *testing.T, r *repo.Repo, pin repo.Pin, g *randomTexts) {
	t.Helper()
	idx := builtIndex(t, r, pin)
	ctx := context.Background()
	found := 0
	for range 200 {
		p := "(?i)" + regexp.QuoteMeta(string(g.literal(5)))
		if g.rng.IntN(3) == 0 {
			p += "|qqqq" // leaves Grep no literal to look for first
		}
		re := regexp.MustCompile(p)
		want := collect(t, func(fn func(Match) error) error { return Grep(ctx, r, pin.Tree, re, Options{}, fn) })
		got := collect(t, func(fn func(Match) error) error { return GrepIndexed(ctx, r, idx, pin.Tree, re, Options{}, fn) })
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q through the index: %v, want Grep's %v", p, got, want)
		}
		found += len(want)
	}
	if found == 0 {
		t.Error("no pattern found anything; the test draws nothing to check")
	}
}

// The index lists the files with the long s and the Kelvin sign because
// they are the only runes beyond ASCII that Go's case folding matches to
// ASCII letters. A Unicode version that adds one must add it here too.
func TestOnlyKAndSFoldBeyondASCII(t *testing.T) {
	var got []string
	for r := rune(0); r < utf8.RuneSelf; r++ {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f >= utf8.RuneSelf {
				got = append(got, fmt.Sprintf("%c:%U", r, f))
			}
		}
	}
	if want := "[K:U+212A S:U+017F k:U+212A s:U+017F]"; fmt.Sprint(got) != want {
		t.Errorf("ASCII runes folding beyond ASCII: %v, want %s", got, want)
	}
}

// A posting list is read as the table describes it, and the table may be
// hostile: a count beyond what the list holds, a list cut before a mask,
// a file number past the list are each ErrIndexInvalid, never a panic or
// an allocation the size of the count.
func TestDecodePostingsRefusesHostileLists(t *testing.T) {
	good := []byte{1, 0xff, 2, 0x01, 1, 0x02} // files 0, 2 and 3; file 2 never followed by "a"
	if got, err := decodePostings(good, 3, 4, 0); err != nil || fmt.Sprint(got) != "[0 2 3]" {
		t.Fatalf("a good list: %v, %v", got, err)
	}
	if got, err := decodePostings(good, 3, 4, nextBit('a')); err != nil || fmt.Sprint(got) != "[0 3]" {
		t.Fatalf("a good list, needing 'a' after: %v, %v", got, err)
	}
	for name, c := range map[string]struct {
		buf   []byte
		count uint32
		files int
	}{
		"a count of four billion": {good, 1<<32 - 1, 4},
		"one more than it holds":  {good, 4, 4},
		"cut before a mask":       {good[:5], 3, 4},
		"a zero delta":            {[]byte{0, 0xff}, 1, 4},
		"past the file list":      {good, 3, 3},
		"a uvarint cut short":     {[]byte{0x80, 0x80}, 1, 4},
	} {
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		got, err := decodePostings(c.buf, c.count, c.files, 0)
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if !errors.Is(err, ErrIndexInvalid) {
			t.Errorf("%s: %v, %v; want ErrIndexInvalid", name, got, err)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
			t.Errorf("%s: allocated %d bytes", name, grew)
		}
	}
}

// indexOf commits tree and returns it with its index.
func indexOf(t *testing.T, tree repotest.Tree) (*repo.Repo, repo.Pin, *Index) {
	t.Helper()
	tr := repotest.New(t)
	tr.Commit("tree", tree)
	r, pin := pintest.Head(t, tr)
	return r, pin, builtIndex(t, r, pin)
}

// builtIndex builds the index of pin's tree and opens it, until t ends.
func builtIndex(t *testing.T, r *repo.Repo, pin repo.Pin) *Index {
	t.Helper()
	path := IndexPath(t.TempDir(), pin.Tree)
	if err := BuildIndex(context.Background(), r, pin.Tree, path); err != nil {
		t.Fatal(err)
	}
	idx, err := OpenIndex(path, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx
}

// bothWays runs build twice: with every file read whole, then with every
// file streamed in pieces of 5 bytes (whose masks are unknown at seams).
func bothWays(build func(stream bool)) {
	defer func(n int64, p int) { streamAbove, streamPiece = n, p }(streamAbove, streamPiece)
	build(false)
	streamAbove, streamPiece = 4, 5
	build(true)
}

// randomTexts draws texts from a small alphabet of runes (so that a
// literal cut at any of them is a valid pattern), where most trigrams
// occur in most texts.
type randomTexts struct {
	rng      *rand.Rand
	alphabet []rune
	texts    [][]rune // those committed
}

func (g *randomTexts) draw(n int) []rune {
	b := make([]rune, n)
	for i := range b {
		b[i] = g.alphabet[g.rng.IntN(len(g.alphabet))]
	}
	return b
}

// commit commits n texts of up to maxLen runes as f00.txt, f01.txt...
func (g *randomTexts) commit(t *testing.T, n, maxLen int) (*repo.Repo, repo.Pin) {
	t.Helper()
	files := repotest.Tree{}
	for i := range n {
		c := g.draw(g.rng.IntN(maxLen))
		files[fmt.Sprintf("f%02d.txt", i)] = repotest.File{Content: string(c)}
		g.texts = append(g.texts, c)
	}
	tr := repotest.New(t)
	tr.Commit("tree", files)
	return pintest.Head(t, tr)
}

// literal is 3 to 2+spread runes: half the time cut from a committed
// text, so that it occurs, else drawn.
func (g *randomTexts) literal(spread int) []rune {
	c := g.texts[g.rng.IntN(len(g.texts))]
	n := 3 + g.rng.IntN(spread)
	if len(c) > n && g.rng.IntN(2) == 0 {
		at := g.rng.IntN(len(c) - n + 1)
		return c[at : at+n]
	}
	return g.draw(n)
}
