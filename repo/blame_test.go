package repo

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/repotest"
)

var porcelainHeader = regexp.MustCompile(`^([0-9a-f]{40}) (\d+) (\d+)`)

// gitBlame returns "hash orig final path" for every line, from
// git blame --line-porcelain.
func gitBlame(t *testing.T, dir, rev, path string) []string {
	t.Helper()
	var out []string
	head := ""
	for _, l := range strings.Split(gitOut(t, dir, "blame", "--line-porcelain", rev, "--", path), "\n") {
		if m := porcelainHeader.FindStringSubmatch(l); m != nil {
			head = m[1] + " " + m[2] + " " + m[3]
		} else if name, ok := strings.CutPrefix(l, "filename "); ok && head != "" {
			out = append(out, head+" "+name)
			head = ""
		}
	}
	return out
}

func ourBlame(t *testing.T, r *Repo, rev plumbing.Hash, path string) []string {
	t.Helper()
	lines, err := r.Blame(context.Background(), Hash(rev), path, nil)
	if err != nil {
		t.Fatalf("Blame %q: %v", path, err)
	}
	var out []string
	for _, l := range lines {
		out = append(out, fmt.Sprintf("%s %d %d %s", l.Commit, l.OrigLine, l.FinalLine, QuotePath(l.OrigPath)))
	}
	return out
}

// TestBlameMatchesGitAcrossEditsRenameAndMerge blames files edited over
// six commits, one renamed with edits part-way, one changed on both sides
// of a merge.
func TestBlameMatchesGitAcrossEditsRenameAndMerge(t *testing.T) {
	hasGit(t)
	tr := repotest.New(t)
	v1 := "package p\n\nfunc A() {\n\treturn\n}\n\nfunc B() {\n\treturn\n}\n"
	c1 := tr.Commit("one", repotest.Tree{"a.go": {Content: v1}, "m.txt": {Content: "1\n2\n3\n4\n5\n6\n"}})
	v2 := strings.Replace(v1, "func B() {\n\treturn\n}\n", "func B() {\n\tx := 1\n\treturn\n}\n\nfunc C() {\n\treturn\n}\n", 1)
	c2 := tr.Commit("two", tr.Edit(c1, repotest.Tree{"a.go": {Content: v2}}))
	v3 := "// header\n" + strings.Replace(v2, "func A() {\n\treturn\n}\n", "func A() {\n\tif x {\n\t\treturn\n\t}\n\treturn\n}\n", 1)
	c3 := tr.Commit("three", tr.Edit(c2, repotest.Tree{"a.go": repotest.Delete, "pkg/renamed.go": {Content: v3}}))
	side := tr.CommitWithParents("side", tr.Edit(c3, repotest.Tree{"m.txt": {Content: "1\nside\n3\n4\n5\n6\n"}}), c3)
	c4 := tr.Commit("four", tr.Edit(c3, repotest.Tree{"m.txt": {Content: "1\n2\n3\n4\nmain\n6\n"}}))
	merge := tr.CommitWithParents("merge", tr.Edit(c4, repotest.Tree{"m.txt": {Content: "1\nside\n3\n4\nmain\n6\nmerge\n"}}), c4, side)
	tr.SetHead(merge)
	v5 := strings.Replace(v3, "\tx := 1\n", "\tx := 2\n\ty := x\n", 1)
	tr.Commit("five", tr.Edit(merge, repotest.Tree{"pkg/renamed.go": {Content: v5}}))
	v6 := strings.Replace(v5, "func C() {\n\treturn\n}\n", "func C() {\n\treturn\n}\n\nfunc D() {\n\treturn\n}\n", 1)
	tr.Commit("six", tr.Edit(tr.Head(), repotest.Tree{"pkg/renamed.go": {Content: v6}}))

	r, pin := openAt(t, tr)
	for _, path := range []string{"pkg/renamed.go", "m.txt"} {
		got, want := ourBlame(t, r, plumbing.Hash(pin.Commit), path), gitBlame(t, tr.Dir, "HEAD", path)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("blame %s:\n got %q\nwant %q", path, got, want)
		}
	}
	lines, _ := r.Blame(context.Background(), pin.Commit, "pkg/renamed.go", nil)
	if lines[1].OrigPath != "a.go" || lines[1].Commit != Hash(c1) {
		t.Errorf("line 2 should come from a.go in the first commit: %+v", lines[1])
	}
}

// TestBlameMatchesGitOnRandomHistory blames every file at the head of
// generated histories with merges, renames, swaps and code-like edits.
func TestBlameMatchesGitOnRandomHistory(t *testing.T) {
	hasGit(t)
	n := 120
	if testing.Short() {
		n = 50
	}
	for _, seed := range []int64{3, 4, 5} {
		g := newHistoryGen(t, seed)
		g.frozen = seed == 5 // equal commit times: git's queue order decides
		g.build(n)
		r, pin := openAt(t, g.tr)
		for _, p := range sortedPaths(g.trees[g.tr.Head()]) {
			if strings.HasPrefix(p, "bin/") {
				continue
			}
			got, want := ourBlame(t, r, plumbing.Hash(pin.Commit), p), gitBlame(t, g.tr.Dir, "HEAD", p)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("seed %d blame %s:\n got %q\nwant %q", seed, p, got, want)
			}
		}
	}
}

func TestBlameErrorsAndCancel(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("c", repotest.Tree{"d/f": {Content: "x\n"}, "empty": {Content: ""}})
	r, pin := openAt(t, tr)
	if _, err := r.Blame(context.Background(), pin.Commit, "nope", nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing path: %v", err)
	}
	if _, err := r.Blame(context.Background(), pin.Commit, "d", nil); err == nil {
		t.Error("blame of a directory succeeded")
	}
	if lines, err := r.Blame(context.Background(), pin.Commit, "./d//f", nil); err != nil || len(lines) != 1 || lines[0].OrigPath != "d/f" {
		t.Errorf("blame ./d//f: %+v %v", lines, err)
	}
	if _, err := r.Blame(context.Background(), pin.Commit, "", nil); err == nil {
		t.Error("blame of the root succeeded")
	}
	if lines, err := r.Blame(context.Background(), pin.Commit, "empty", nil); err != nil || len(lines) != 0 {
		t.Errorf("empty file: %v %v", lines, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.Blame(ctx, pin.Commit, "d/f", nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	var calls, last int
	if _, err := r.Blame(context.Background(), pin.Commit, "d/f", func(done, total int) { calls++; last = done }); err != nil || calls == 0 || last != 1 {
		t.Errorf("progress: %d calls, last %d, err %v", calls, last, err)
	}
}
