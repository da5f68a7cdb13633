package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"testing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// renderGrep renders results like "git grep -n" output.
func renderGrep(ms []Match) []string {
	var out []string
	for _, m := range ms {
		switch {
		case m.Err != nil:
			out = append(out, "error "+m.Path+": "+m.Err.Error())
		case m.Binary:
			out = append(out, "Binary file "+m.Path+" matches")
		default:
			out = append(out, fmt.Sprintf("%s:%d:%s", m.Path, m.Line, m.Text))
		}
	}
	return out
}

// TestIndexedGrepMatchesGitGrep searches through the index's stored
// contents and compares with git grep -n on the same commit.
func TestIndexedGrepMatchesGitGrep(t *testing.T) {
	hasGit(t)
	tr := repotest.New(t)
	tr.Commit("tree", indexTree())
	r, pin := pintest.Head(t, tr)
	path := IndexPath(t.TempDir(), pin.Tree)
	ctx := context.Background()
	if err := BuildIndex(ctx, r, pin.Tree, path); err != nil {
		t.Fatal(err)
	}
	idx, err := OpenIndex(path, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	cases := []struct {
		pattern string
		skip    bool
		gitArgs []string
	}{
		{`token`, false, []string{"-F", "token"}},
		{`token`, true, []string{"-I", "-F", "token"}},
		{`backdoor`, false, []string{"-F", "backdoor"}},
		{`return -E(BUSY|AGAIN);`, false, []string{"-E", "return -E(BUSY|AGAIN);"}},
		{`strcpy\(`, false, []string{"-F", "strcpy("}},
		{`^token`, false, []string{"-E", "^token"}},
		{`token$`, false, []string{"-E", "token$"}},
		{`caf\x{e9} tok`, false, []string{"-F", "caf\u00e9 tok"}},
		{`nothing`, false, []string{"-F", "nothing"}},
		{`no such text anywhere`, false, []string{"-F", "no such text anywhere"}},
	}
	for _, c := range cases {
		re := regexp.MustCompile(c.pattern)
		if _, all, _ := queryFor(re).eval(idx); all {
			t.Fatalf("%q: the index does not narrow it; pick a pattern it answers", c.pattern)
		}
		got := renderGrep(collect(t, func(fn func(Match) error) error {
			return GrepIndexed(ctx, r, idx, pin.Tree, re, Options{SkipBinary: c.skip}, fn)
		}))
		if want := gitGrep(t, tr.Dir, pin.Commit.String(), c.gitArgs...); !reflect.DeepEqual(got, want) {
			t.Errorf("%q (skip binary %v)\n got %q\ngit  %q", c.pattern, c.skip, got, want)
		}
	}
}

// TestGrepIndexedReadsStoredContents removes a file's blob from the
// repository after indexing: the indexed search still finds its lines,
// from the index's copy (checked against the blob id the tree still
// names), while a full search reports the object missing.
func TestGrepIndexedReadsStoredContents(t *testing.T) {
	tr := repotest.New(t)
	tree := indexTree()
	tr.Commit("tree", tree)
	r, pin := pintest.Head(t, tr)
	path := IndexPath(t.TempDir(), pin.Tree)
	ctx := context.Background()
	if err := BuildIndex(ctx, r, pin.Tree, path); err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`backdoor`)
	before := collect(t, func(fn func(Match) error) error { return Grep(ctx, r, pin.Tree, re, Options{}, fn) })
	if err := os.Remove(tr.ObjectPath(tr.Blob(tree["src/auth/login.go"].Content))); err != nil {
		t.Fatal(err)
	}
	idx, err := OpenIndex(path, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	got := collect(t, func(fn func(Match) error) error { return GrepIndexed(ctx, r, idx, pin.Tree, re, Options{}, fn) })
	if !reflect.DeepEqual(got, before) {
		t.Errorf("indexed search without the blob gave %+v, want %+v", got, before)
	}
	full := collect(t, func(fn func(Match) error) error { return Grep(ctx, r, pin.Tree, re, Options{}, fn) })
	missing := false
	for _, m := range full {
		missing = missing || m.Path == "src/auth/login.go" && m.Err != nil
	}
	if !missing {
		t.Errorf("full search without the blob gave %+v, want an error for src/auth/login.go", full)
	}
}

// TestTamperedContentFallsBack flips each byte of the stored contents in
// turn, as someone with write access to the cache directory could. The
// file list's checksum does not cover the contents, so the index opens;
// every candidate's content must then fail its blob id check, and
// GrepCached must fall back to a full search with Grep's results.
func TestTamperedContentFallsBack(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("tree", indexTree())
	r, pin := pintest.Head(t, tr)
	dir := t.TempDir()
	path := IndexPath(dir, pin.Tree)
	ctx := context.Background()
	if err := BuildIndex(ctx, r, pin.Tree, path); err != nil {
		t.Fatal(err)
	}
	clean, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`token|TOKEN|nothing|return`)
	want := collect(t, func(fn func(Match) error) error { return Grep(ctx, r, pin.Tree, re, Options{}, fn) })
	idx, err := OpenIndex(path, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	ids, all, err := queryFor(re).eval(idx)
	if err != nil || all {
		t.Fatalf("the index must narrow %q: all=%v, err=%v", re, all, err)
	}
	candidate := make([]bool, idx.nContent)
	for _, id := range ids {
		f := idx.files[id]
		for k := range int64(f.stored) {
			candidate[f.off+k] = true
		}
	}
	idx.Close()
	for k := range len(candidate) {
		data := append([]byte(nil), clean...)
		data[headerSize+k] ^= 0x20
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		var used bool
		got := collect(t, func(fn func(Match) error) error {
			var err error
			used, err = New(r, dir).GrepCached(ctx, pin.Tree, re, Options{}, fn)
			return err
		})
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("content byte %d flipped: got %+v, want %+v", k, got, want)
		}
		if used && candidate[k] {
			t.Fatalf("content byte %d of a candidate file flipped, and the index was still used", k)
		}
	}
	// The checks themselves report ErrIndexInvalid, not a per-file error.
	data := append([]byte(nil), clean...)
	data[headerSize] ^= 0x20
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	idx, err = OpenIndex(path, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	for _, re := range []string{`token`, `return`, `nothing`, `token|TOKEN|nothing|return`} {
		err := GrepIndexed(ctx, r, idx, pin.Tree, regexp.MustCompile(re), Options{}, func(Match) error { return nil })
		if err != nil && !errors.Is(err, ErrIndexInvalid) {
			t.Errorf("%q: err = %v, want ErrIndexInvalid or none", re, err)
		}
	}
}

// TestRelabelledContentIsCaught points candidate files at each other's
// stored contents, as someone who rewrote the file list (and its
// checksum, which is no secret) could: every such content is a real
// content, just not the file's, and the blob id check must refuse it.
func TestRelabelledContentIsCaught(t *testing.T) {
	r, pin, path := indexedRepo(t)
	idx, err := OpenIndex(path, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	re := regexp.MustCompile(`token`)
	ids, _, err := queryFor(re).eval(idx)
	if err != nil || len(ids) < 2 {
		t.Fatalf("want 2 or more candidates, got %v (%v)", ids, err)
	}
	a, b := &idx.files[ids[0]], &idx.files[ids[1]]
	a.stored, a.off, b.stored, b.off = b.stored, b.off, a.stored, a.off
	err = GrepIndexed(context.Background(), r, idx, pin.Tree, re, Options{}, func(Match) error { return nil })
	if !errors.Is(err, ErrIndexInvalid) {
		t.Errorf("%s given %s's content: err = %v, want ErrIndexInvalid", a.path, b.path, err)
	}
}
