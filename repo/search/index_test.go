package search

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/filemode"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// indexTree has what search treats specially: binary files, an
// executable, a symlink (never searched), CRLF lines, no final newline,
// non-ASCII text, and enough similar files that the index must choose.
func indexTree() repotest.Tree {
	t := repotest.Tree{
		"main.go":               {Content: "package main\n\nfunc main() {\n\ttoken := secret()\n}\n"},
		"src/auth/login.go":     {Content: "package auth\n// token check\nfunc check(token string) bool {\n\treturn token == \"backdoor\"\n}"},
		"docs/read me.md":       {Content: "# Read me\r\nthe TOKEN is here\r\n\r\nlast line token"},
		"bin/blob.dat":          {Content: "\x00\x01token\x00binary\n"},
		"bin/clean.dat":         {Content: "\x00\x01nothing\n"},
		"run.sh":                {Content: "#!/bin/sh\necho backdoor token\n", Mode: filemode.Executable},
		"link-to-token":         {Content: "backdoor/token", Mode: filemode.Symlink},
		"unicode/\u00e9t\u00e9": {Content: "caf\u00e9 token\nna\u00efve\n"},
		"empty.txt":             {Content: ""},
	}
	for i := range 40 {
		t[filepath.Join("gen", string(rune('a'+i%26))+string(rune('a'+i/26))+".c")] = repotest.File{
			Content: "static int f(void)\n{\n\treturn -EBUSY;\n}\n" + map[bool]string{true: "/* strcpy(dst, src) */\n", false: ""}[i%7 == 0],
		}
	}
	return t
}

var indexPatterns = []string{
	`token`, `backdoor`, `strcpy\(`, `return -E(BUSY|AGAIN);`, `caf\x{e9}`, `na\x{ef}ve`,
	`(?i)token`, `^token`, `tok`, `to`, `[a-z]+door`, `(back|front)door`, `x*`, `TOKEN is`,
	`secret\(\)|strcpy`, `(token){2,}`, `nothing`, `no such text anywhere`,
}

func indexedRepo(t *testing.T) (*repo.Repo, repo.Pin, string) {
	t.Helper()
	tr := repotest.New(t)
	tr.Commit("tree", indexTree())
	r, pin := pintest.Head(t, tr)
	path := IndexPath(t.TempDir(), pin.Tree)
	if err := BuildIndex(context.Background(), r, pin.Tree, path); err != nil {
		t.Fatal(err)
	}
	return r, pin, path
}

func collect(t *testing.T, search func(func(Match) error) error) []Match {
	t.Helper()
	var out []Match
	if err := search(func(m Match) error { out = append(out, m); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGrepIndexedGivesGrepsResults(t *testing.T) {
	r, pin, path := indexedRepo(t)
	idx, err := OpenIndex(path, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	ctx := context.Background()
	for _, p := range indexPatterns {
		re := regexp.MustCompile(p)
		for _, skip := range []bool{false, true} {
			opts := Options{SkipBinary: skip}
			want := collect(t, func(fn func(Match) error) error { return Grep(ctx, r, pin.Tree, re, opts, fn) })
			got := collect(t, func(fn func(Match) error) error { return GrepIndexed(ctx, r, idx, pin.Tree, re, opts, fn) })
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q (skip binary %v): indexed search gave\n%+v\nGrep gave\n%+v", p, skip, got, want)
			}
		}
	}
}

// TestIndexFromManySegments forces a segment per few files, so the merge
// must rebase every posting list, and checks the results again.
func TestIndexFromManySegments(t *testing.T) {
	defer func(n int) { segmentPostings = n }(segmentPostings)
	segmentPostings = 1024
	TestGrepIndexedGivesGrepsResults(t)
}

// TestDamagedPostingListIsCaught flips the last byte of the postings: the
// list holding it must fail its CRC when read.
func TestDamagedPostingListIsCaught(t *testing.T) {
	_, pin, path := indexedRepo(t)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p := len(indexMagic)
	data[uint64(headerSize)+binary.LittleEndian.Uint64(data[p+44:])+binary.LittleEndian.Uint64(data[p+36:])-1] ^= 0x01
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	idx, err := OpenIndex(path, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	caught := false
	for i := 0; i < len(idx.table); i += tableEntrySize {
		if _, err := idx.postings(binary.LittleEndian.Uint32(idx.table[i:]), 0); errors.Is(err, ErrIndexInvalid) {
			caught = true
		}
	}
	if !caught {
		t.Error("a flipped posting byte went unnoticed")
	}
}

// TestGrepIndexedWithTwoReaders reads every candidate set with two
// readers, as big result sets are.
func TestGrepIndexedWithTwoReaders(t *testing.T) {
	defer func(n int) { parallelCandidates = n }(parallelCandidates)
	parallelCandidates = 0
	TestGrepIndexedGivesGrepsResults(t)
}

func TestIndexNarrowsCandidates(t *testing.T) {
	_, pin, path := indexedRepo(t)
	idx, err := OpenIndex(path, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	for p, want := range map[string]int{`strcpy\(`: 6, `backdoor`: 2, `no such text anywhere`: 0, `(?i)token`: 6, `to`: -1} {
		ids, all, err := queryFor(regexp.MustCompile(p)).eval(idx)
		switch {
		case err != nil:
			t.Errorf("%q: %v", p, err)
		case want < 0 && !all:
			t.Errorf("%q: index narrowed to %d files; a pattern without a 3-byte literal must search all", p, len(ids))
		case want >= 0 && (all || len(ids) != want):
			t.Errorf("%q: %d candidates (all=%v), want %d", p, len(ids), all, want)
		}
	}
}

func TestOpenIndexRejectsDamageAndOtherTrees(t *testing.T) {
	_, pin, path := indexedRepo(t)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	flipped := append([]byte(nil), data...)
	flipped[len(flipped)/2] ^= 0x40
	damaged := filepath.Join(t.TempDir(), "damaged.tri")
	if err := os.WriteFile(damaged, flipped, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenIndex(damaged, pin.Tree); !errors.Is(err, ErrIndexInvalid) {
		t.Errorf("flipped byte: err = %v, want ErrIndexInvalid", err)
	}
	if _, err := OpenIndex(path, pin.Commit); !errors.Is(err, ErrIndexInvalid) {
		t.Errorf("other tree: err = %v, want ErrIndexInvalid", err)
	}
	if _, err := OpenIndex(filepath.Join(t.TempDir(), "none.tri"), pin.Tree); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v, want not-exist", err)
	}
}

// TestIndexOfAnotherTreeIsCaught labels a well-formed index of one tree
// with another tree's id: the checks against the repository's objects
// must refuse it, and GrepCached must fall back to a full search.
func TestIndexOfAnotherTreeIsCaught(t *testing.T) {
	tr := repotest.New(t)
	first := tr.Commit("one", indexTree())
	second := tr.Commit("two", tr.Edit(first, repotest.Tree{"src/auth/login.go": {Content: "package auth\n// strcpy(backdoor)\n"}}))
	r := pintest.Open(t, tr.Dir)
	ctx := context.Background()
	p1 := pintest.Resolve(t, r, first.String())
	p2 := pintest.Resolve(t, r, second.String())
	dir := t.TempDir()
	if err := BuildIndex(ctx, r, p1.Tree, IndexPath(dir, p1.Tree)); err != nil {
		t.Fatal(err)
	}
	forge(t, IndexPath(dir, p1.Tree), IndexPath(dir, p2.Tree), p2.Tree)
	forged, err := OpenIndex(IndexPath(dir, p2.Tree), p2.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer forged.Close()
	re := regexp.MustCompile(`backdoor`)
	err = GrepIndexed(ctx, r, forged, p2.Tree, re, Options{}, func(Match) error { return nil })
	if !errors.Is(err, ErrIndexInvalid) {
		t.Fatalf("forged index: err = %v, want ErrIndexInvalid", err)
	}
	want := collect(t, func(fn func(Match) error) error { return Grep(ctx, r, p2.Tree, re, Options{}, fn) })
	var used bool
	got := collect(t, func(fn func(Match) error) error {
		var err error
		used, err = New(r, dir).GrepCached(ctx, p2.Tree, re, Options{}, fn)
		return err
	})
	if used || !reflect.DeepEqual(got, want) {
		t.Errorf("GrepCached with a forged index: used=%v, got %+v, want %+v", used, got, want)
	}
}

// forge copies the index at from to to, relabelled as the index of tree
// with a correct checksum: well-formed, but for the wrong tree.
func forge(t *testing.T, from, to string, tree repo.Hash) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	copy(data[len(indexMagic):], tree[:])
	resum(data)
	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// resum recomputes the checksum of an index's header, file list and
// table, as someone who altered them would.
func resum(data []byte) {
	p := len(indexMagic)
	nTris := uint64(binary.LittleEndian.Uint32(data[p+24:]))
	filesLen := binary.LittleEndian.Uint64(data[p+28:])
	meta := uint64(headerSize) + binary.LittleEndian.Uint64(data[p+36:]) + binary.LittleEndian.Uint64(data[p+44:])
	h := sha256.New()
	h.Write(data[:headerSize-sha256.Size])
	h.Write(data[meta : meta+filesLen+nTris*tableEntrySize])
	copy(data[headerSize-sha256.Size:], h.Sum(nil))
}

func TestGrepCachedUsesTheIndexOnceBuilt(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("tree", indexTree())
	r, pin := pintest.Head(t, tr)
	ctx := context.Background()
	dir := t.TempDir()
	re := regexp.MustCompile(`backdoor`)
	search := func() ([]Match, bool) {
		var used bool
		got := collect(t, func(fn func(Match) error) error {
			var err error
			used, err = New(r, dir).GrepCached(ctx, pin.Tree, re, Options{}, fn)
			return err
		})
		return got, used
	}
	before, used := search()
	if used {
		t.Fatal("GrepCached claims an index before one was built")
	}
	if err := BuildIndex(ctx, r, pin.Tree, IndexPath(dir, pin.Tree)); err != nil {
		t.Fatal(err)
	}
	after, used := search()
	if !used || !reflect.DeepEqual(before, after) || len(after) != 2 {
		t.Errorf("after BuildIndex: used=%v, %d results %+v, want the index and the 2 results %+v", used, len(after), after, before)
	}
}

// TestIndexStreamsLargeFiles extracts every file's trigrams a piece at a
// time, pieces far smaller than the files, and checks that the index
// lists the same files under every trigram as one built from whole files,
// and that searches through it (which then read the files from the
// repository: streamed files are not stored) still give Grep's results.
func TestIndexStreamsLargeFiles(t *testing.T) {
	r, pin, path := indexedRepo(t)
	whole := allPostings(t, path, pin.Tree)
	defer func(n int64, p int) { streamAbove, streamPiece = n, p }(streamAbove, streamPiece)
	for _, piece := range []int{1, 2, 3, 7} {
		streamAbove, streamPiece = 4, piece
		streamed := filepath.Join(t.TempDir(), "streamed.tri")
		if err := BuildIndex(context.Background(), r, pin.Tree, streamed); err != nil {
			t.Fatal(err)
		}
		if got := allPostings(t, streamed, pin.Tree); !reflect.DeepEqual(got, whole) {
			t.Errorf("pieces of %d bytes: the postings differ from those built from whole files", piece)
		}
	}
	TestGrepIndexedGivesGrepsResults(t)
}

// allPostings reads every posting list of the index at path.
func allPostings(t *testing.T, path string, tree repo.Hash) map[uint32][]uint32 {
	t.Helper()
	idx, err := OpenIndex(path, tree)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	out := map[uint32][]uint32{}
	for i := 0; i < len(idx.table); i += tableEntrySize {
		tri := binary.LittleEndian.Uint32(idx.table[i:])
		if out[tri], err = idx.postings(tri, 0); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestBuildIndexMemoryIsSmall bounds what building the index of a small
// tree allocates: the builder's tables must be sized to the indexable
// trigrams (a table over all 2^24 trigrams alone is 64 MiB), and its
// posting buffer to what the tree needs.
func TestBuildIndexMemoryIsSmall(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("tree", indexTree())
	r, pin := pintest.Head(t, tr)
	path := IndexPath(t.TempDir(), pin.Tree)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := BuildIndex(context.Background(), r, pin.Tree, path); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 16<<20 {
		t.Errorf("building the index of %d files allocated %.1f MiB, want under 16 MiB", len(indexTree()), float64(got)/(1<<20))
	}
}

// TestAddTrigramsMatchesDefinition compares the rolling extraction with
// the definition (every three consecutive indexable bytes, once each) on
// random data rich in bytes that are not indexable.
func TestAddTrigramsMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("ab\t \x00\n\x7f\xe9~")
	next := make([]uint8, triSpace)
	for n := range 200 {
		data := make([]byte, n)
		for i := range data {
			data[i] = alphabet[rng.IntN(len(alphabet))]
		}
		// Each trigram with the classes of the bytes after it; the last
		// trigram of the data is followed by the class of NUL.
		want := map[uint32]uint8{}
		for i := 0; i+2 < len(data); i++ {
			if indexable[data[i]] && indexable[data[i+1]] && indexable[data[i+2]] {
				var c byte
				if i+3 < len(data) {
					c = data[i+3]
				}
				want[uint32(data[i])<<16|uint32(data[i+1])<<8|uint32(data[i+2])] |= nextBit(c)
			}
		}
		got := addTrigrams(data, next, nil)
		takeMasks(next, got, false)
		gotSet := map[uint32]uint8{}
		for _, d := range got {
			gotSet[rawTrigram(d&denseBits)] = uint8(d >> maskShift)
		}
		if len(got) != len(gotSet) || !reflect.DeepEqual(gotSet, want) {
			t.Fatalf("%q: got %v, want %v", data, gotSet, want)
		}
		for _, m := range next {
			if m != 0 {
				t.Fatalf("%q: takeMasks left a mask in the table", data)
			}
		}
	}
}
