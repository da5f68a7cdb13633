package symbols

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// KeepName lets the Go scan stop after a name's last appearance, and the
// taggers read a stored copy in place: the references and definitions of
// the name must be exactly those of a whole read. The tree holds this
// package's Go files, the sample, cut-up copies (which the parser
// refuses, so the token scan tags them) and CRLF copies (which go/scanner
// scans, not goLexer). The stored copies come from one buffer per reader,
// overwritten before each read, so a name kept without a copy shows.
func TestKeepNameKeepsTheNamesOccurrences(t *testing.T) {
	paths, _ := filepath.Glob("*.go")
	paths = append(paths, "testdata/sample.go")
	tree := repotest.Tree{}
	rng := rand.New(rand.NewSource(29))
	for i, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		tree[p] = repotest.File{Content: s}
		a, z := rng.Intn(len(s)), rng.Intn(len(s))
		a, z = min(a, z), max(a, z)
		tree["cut/"+p] = repotest.File{Content: s[:a] + s[z:]}
		if i%3 == 0 {
			tree["crlf/"+p] = repotest.File{Content: strings.ReplaceAll(s, "\n", "\r\n")}
		}
	}
	rt := repotest.New(t)
	rt.Commit("go", tree)
	r, pin := pintest.Head(t, rt)
	ctx := context.Background()
	scribbled := func() func(repo.Entry) ([]byte, bool) {
		var buf []byte
		return func(e repo.Entry) ([]byte, bool) {
			for i := range buf {
				buf[i] = 'X'
			}
			b, err := r.ReadBlob(ctx, e.Hash, -1)
			if err != nil {
				return nil, false
			}
			buf = append(buf[:0], b.Data...)
			return buf, true
		}
	}
	for _, name := range []string{"src", "out", "the", "err", "File", "Def", "len", "append", "check", "how", "lit", "Line", "tagHow"} {
		keep := func(n string) bool { return n == name }
		whole, err := Build(ctx, r, pin.Tree, Options{KeepOccs: keep, KeepText: true})
		if err != nil {
			t.Fatal(err)
		}
		cut, err := Build(ctx, r, pin.Tree, Options{KeepOccs: keep, KeepName: name, KeepText: true, NewStored: scribbled})
		if err != nil {
			t.Fatal(err)
		}
		if len(whole.Refs(name)) == 0 {
			t.Fatalf("%s: no references in the tree; the test shows nothing", name)
		}
		if got, want := cut.Refs(name), whole.Refs(name); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %d references with KeepName, %d from a whole read; first difference: %v", name, len(got), len(want), firstDiff(got, want))
		}
		if got, want := cut.Defs(name), whole.Defs(name); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: definitions with KeepName %v, from a whole read %v", name, got, want)
		}
	}
}

func firstDiff(a, b []Ref) string {
	for i := range min(len(a), len(b)) {
		if !reflect.DeepEqual(a[i], b[i]) {
			return fmt.Sprintf("%+v != %+v", a[i], b[i])
		}
	}
	return "one is longer"
}

// lastAppearanceEnd is the end of bytes.LastIndex's appearance, for
// overlapping, one-byte, absent and edge appearances.
func TestLastAppearanceEnd(t *testing.T) {
	for _, c := range []struct{ data, name string }{
		{"", "ab"}, {"", "a"}, {"a", "a"}, {"xax", "a"}, {"aaaa", "aa"}, {"abab", "ab"}, {"abcab", "abc"},
		{"ReaderSorker x ReaderSorker", "ReaderSorker"}, {"eaderSorker", "ReaderSorker"}, {"ababab", "aba"},
	} {
		want := 0
		if i := strings.LastIndex(c.data, c.name); i >= 0 {
			want = i + len(c.name)
		}
		if got := lastAppearanceEnd([]byte(c.data), c.name); got != want {
			t.Errorf("lastAppearanceEnd(%q, %q) = %d, want %d", c.data, c.name, got, want)
		}
	}
}
