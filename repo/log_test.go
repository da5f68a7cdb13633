package repo

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/repotest"
)

func collectLog(t testing.TB, r *Repo, from Hash, path string, all bool) []string {
	t.Helper()
	var got []string
	fn := func(c Commit) error { got = append(got, c.Hash.String()); return nil }
	var err error
	if all {
		err = r.Log(context.Background(), from, fn)
	} else {
		err = r.PathLog(context.Background(), from, path, fn)
	}
	if err != nil {
		t.Fatalf("log %q: %v", path, err)
	}
	return got
}

// TestPathLogMatchesGitOnHandBuiltHistory covers a side branch merged
// back (one merge TREESAME to its side parent, one evil merge), and a
// renamed file, whose history git does not follow by default.
func TestPathLogMatchesGitOnHandBuiltHistory(t *testing.T) {
	hasGit(t)
	tr := repotest.New(t)
	c1 := tr.Commit("add", repotest.Tree{"a.txt": {Content: "1\n2\n3\n"}, "d/x.txt": {Content: "x\n"}, "d/y.txt": {Content: "y\n"}})
	c2 := tr.Commit("edit a", tr.Edit(c1, repotest.Tree{"a.txt": {Content: "1\n2\n3\n4\n"}}))
	s1 := tr.CommitWithParents("side edits d/x", tr.Edit(c2, repotest.Tree{"d/x.txt": {Content: "x2\n"}}), c2)
	c3 := tr.Commit("main edits a", tr.Edit(c2, repotest.Tree{"a.txt": {Content: "0\n1\n2\n3\n4\n"}}))
	s2 := tr.CommitWithParents("side edits a", tr.Edit(s1, repotest.Tree{"a.txt": {Content: "1\n2\n3\n4\n5\n"}}), s1)
	m1 := tr.CommitWithParents("merge", tr.Edit(c3, repotest.Tree{"d/x.txt": {Content: "x2\n"}, "a.txt": {Content: "0\n1\n2\n3\n4\n5\n"}}), c3, s2)
	tr.SetHead(m1)
	c4 := tr.Commit("rename a", tr.Edit(m1, repotest.Tree{"a.txt": repotest.Delete, "b.txt": {Content: "0\n1\n2\n3\n4\n5\n"}}))
	s3 := tr.CommitWithParents("side 2", tr.Edit(c4, repotest.Tree{"d/y.txt": {Content: "y2\n"}}), c4)
	c5 := tr.Commit("main 2", tr.Edit(c4, repotest.Tree{"b.txt": {Content: "0\n1\n2\n3\n4\n5\n6\n"}}))
	tr.SetHead(tr.CommitWithParents("merge 2 (takes side's d/y)", tr.Edit(c5, repotest.Tree{"d/y.txt": {Content: "y2\n"}}), c5, s3))
	tr.Commit("mode change", tr.Edit(tr.Head(), repotest.Tree{"d/x.txt": {Content: "x2\n", Mode: 0o100755}}))

	r, pin := openAt(t, tr)
	if got, want := collectLog(t, r, pin.Commit, "", true), gitLines(t, tr.Dir, "log", "--format=%H", "HEAD"); !reflect.DeepEqual(got, want) {
		t.Errorf("Log:\n got %v\nwant %v", got, want)
	}
	for _, path := range []string{"a.txt", "b.txt", "d", "d/x.txt", "d/y.txt", "nope", "d/x.txt/z", ""} {
		want := gitLines(t, tr.Dir, "log", "--format=%H", "HEAD", "--", orRoot(path))
		if got := collectLog(t, r, pin.Commit, path, false); !reflect.DeepEqual(got, want) {
			t.Errorf("PathLog(%q):\n got %v\nwant %v", path, got, want)
		}
	}
}

func orRoot(p string) string {
	if p == "" {
		return "."
	}
	return p
}

// TestPathLogMatchesGitOnRandomHistory cross-checks Log and PathLog on
// generated histories with merges, renames and mode changes, one of them
// with every commit at the same time.
func TestPathLogMatchesGitOnRandomHistory(t *testing.T) {
	hasGit(t)
	n := 150
	if testing.Short() {
		n = 60
	}
	for _, seed := range []int64{1, 2, 3} {
		g := newHistoryGen(t, seed)
		g.frozen = seed == 3 // all commits at one time: git's tie order
		g.build(n)
		r, pin := openAt(t, g.tr)
		if got, want := collectLog(t, r, pin.Commit, "", true), gitLines(t, g.tr.Dir, "log", "--format=%H", "HEAD"); !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d: Log differs from git log:\n got %v\nwant %v", seed, got, want)
		}
		paths := append(sortedPaths(g.trees[g.tr.Head()]), "src", "src/util", "lib", "README", "src/main.c")
		for _, p := range paths {
			want := gitLines(t, g.tr.Dir, "log", "--format=%H", "HEAD", "--", p)
			if got := collectLog(t, r, pin.Commit, p, false); !reflect.DeepEqual(got, want) {
				t.Errorf("seed %d: PathLog(%q):\n got %v\nwant %v", seed, p, got, want)
			}
		}
	}
}

func TestLogStopsAndCancels(t *testing.T) {
	tr := repotest.New(t)
	var last plumbing.Hash
	for i := 0; i < 5; i++ {
		last = tr.Commit("c", repotest.Tree{"f": {Content: string(rune('a' + i))}})
	}
	r, _ := openAt(t, tr)
	n := 0
	err := r.Log(context.Background(), Hash(last), func(Commit) error {
		n++
		if n == 2 {
			return ErrStopWalk
		}
		return nil
	})
	if err != nil || n != 2 {
		t.Errorf("stop: err %v after %d commits, want nil after 2", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := r.PathLog(ctx, Hash(last), "f", func(Commit) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled PathLog: err %v", err)
	}
	if err := r.Log(context.Background(), Hash(tr.Blob("x")), func(Commit) error { return nil }); err == nil {
		t.Error("Log from a blob id succeeded")
	}
}

// TestHistoryStopsAtShallowBoundary: in a shallow clone the boundary
// commits' parents are absent, and git treats those commits as roots.
func TestHistoryStopsAtShallowBoundary(t *testing.T) {
	hasGit(t)
	tr := repotest.New(t)
	c1 := tr.Commit("one", repotest.Tree{"f": {Content: "1\n2\n"}})
	c2 := tr.Commit("two", tr.Edit(c1, repotest.Tree{"f": {Content: "1\n2\n3\n"}}))
	tr.Commit("three", tr.Edit(c2, repotest.Tree{"f": {Content: "0\n1\n2\n3\n"}}))
	if err := os.WriteFile(filepath.Join(tr.Dir, ".git", "shallow"), []byte(c2.String()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(tr.ObjectPath(c1)); err != nil { // the clone never had it
		t.Fatal(err)
	}
	r, pin := openAt(t, tr)
	if got, want := collectLog(t, r, pin.Commit, "", true), gitLines(t, tr.Dir, "log", "--format=%H"); !reflect.DeepEqual(got, want) || len(got) != 2 {
		t.Errorf("Log: got %v, want %v", got, want)
	}
	if got, want := collectLog(t, r, pin.Commit, "f", false), gitLines(t, tr.Dir, "log", "--format=%H", "--", "f"); !reflect.DeepEqual(got, want) {
		t.Errorf("PathLog: got %v, want %v", got, want)
	}
	if got, want := ourBlame(t, r, plumbing.Hash(pin.Commit), "f"), gitBlame(t, tr.Dir, "HEAD", "f"); !reflect.DeepEqual(got, want) {
		t.Errorf("Blame: got %v, want %v", got, want)
	}
}

func TestFindRawEntry(t *testing.T) {
	h := Hash{1, 2, 3}
	tree := []byte("100644 a.txt\x00" + string(h[:]) + "40000 dir\x00" + string(h[:]))
	if e, ok, err := findRawEntry(tree, "dir"); err != nil || !ok || e.mode != 0o40000 || e.hash != h {
		t.Errorf("dir: %+v %v %v", e, ok, err)
	}
	if _, ok, err := findRawEntry(tree, "b.txt"); err != nil || ok {
		t.Errorf("missing name: %v %v", ok, err)
	}
	if _, _, err := findRawEntry(tree[:20], "dir"); err == nil {
		t.Error("a truncated tree hid the name without an error")
	}
	if _, _, err := findRawEntry([]byte("x9 a\x00"+string(h[:])), "a"); err == nil {
		t.Error("a bad mode was accepted")
	}
}
