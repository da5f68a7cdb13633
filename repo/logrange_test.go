package repo

import (
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/repotest"
)

func collectRange(t testing.TB, r *Repo, from, hide Hash) []string {
	t.Helper()
	var got []string
	if err := r.RangeLog(context.Background(), from, hide, func(c Commit) error {
		got = append(got, c.Hash.String())
		return nil
	}); err != nil {
		t.Fatalf("RangeLog %s..%s: %v", hide.Short(), from.Short(), err)
	}
	return got
}

// TestRangeLogMatchesGit cross-checks base..pin with "git log
// --format=%H base..HEAD" on generated histories with merges and side
// branches, for bases on main, on unmerged side branches, the pin itself
// and the root; one history has every commit at the same time.
func TestRangeLogMatchesGit(t *testing.T) {
	hasGit(t)
	for _, seed := range []int64{4, 5, 6} {
		g := newHistoryGen(t, seed)
		g.frozen = seed == 6
		g.build(80)
		r, pin := openAt(t, g.tr)
		var commits []plumbing.Hash
		for h := range g.trees {
			commits = append(commits, h)
		}
		sort.Slice(commits, func(i, j int) bool { return commits[i].String() < commits[j].String() })
		rnd := rand.New(rand.NewSource(seed))
		bases := []plumbing.Hash{g.tr.Head()}
		for range 8 {
			bases = append(bases, commits[rnd.Intn(len(commits))])
		}
		bases = append(bases, g.tips...)
		nonEmpty := 0
		for _, base := range bases {
			want := gitLines(t, g.tr.Dir, "log", "--format=%H", base.String()+"..HEAD")
			got := collectRange(t, r, pin.Commit, Hash(base))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("seed %d: RangeLog %s..HEAD:\n got %v\nwant %v", seed, base.String()[:8], got, want)
			}
			if len(want) > 0 {
				nonEmpty++
			}
		}
		if nonEmpty < 3 {
			t.Errorf("seed %d: only %d non-empty ranges: the test checks too little", seed, nonEmpty)
		}
	}
}

// TestRangeLogMergedSideBranch: a side branch forked before the base and
// merged after it is part of the range (its commits are not reachable
// from the base), as git shows it.
func TestRangeLogMergedSideBranch(t *testing.T) {
	hasGit(t)
	tr := repotest.New(t)
	c1 := tr.Commit("one", repotest.Tree{"a": {Content: "1\n"}})
	s1 := tr.CommitWithParents("side", tr.Edit(c1, repotest.Tree{"b": {Content: "b\n"}}), c1)
	c2 := tr.Commit("two (the base)", tr.Edit(c1, repotest.Tree{"a": {Content: "2\n"}}))
	c3 := tr.Commit("three", tr.Edit(c2, repotest.Tree{"a": {Content: "3\n"}}))
	m := tr.CommitWithParents("merge side", tr.Edit(c3, repotest.Tree{"b": {Content: "b\n"}}), c3, s1)
	tr.SetHead(m)
	r, pin := openAt(t, tr)
	got := collectRange(t, r, pin.Commit, Hash(c2))
	want := gitLines(t, tr.Dir, "log", "--format=%H", c2.String()+"..HEAD")
	if !reflect.DeepEqual(got, want) || len(got) != 3 {
		t.Errorf("range: got %v, want git's %v (merge, three, side)", got, want)
	}
	if got := collectRange(t, r, pin.Commit, ZeroHash); len(got) != 5 {
		t.Errorf("zero base: %d commits, want the whole history (5)", len(got))
	}
	// A base from an unrelated history hides nothing.
	orphan := tr.CommitWithParents("orphan", repotest.Tree{"z": {Content: "z\n"}})
	got = collectRange(t, r, pin.Commit, Hash(orphan))
	if want := gitLines(t, tr.Dir, "log", "--format=%H", orphan.String()+"..HEAD"); !reflect.DeepEqual(got, want) || len(got) != 5 {
		t.Errorf("unrelated base: got %v, want git's %v", got, want)
	}
}

func TestDecorations(t *testing.T) {
	tr := repotest.New(t)
	c1 := tr.Commit("one", repotest.Tree{"a": {Content: "1\n"}})
	c2 := tr.Commit("two", tr.Edit(c1, repotest.Tree{"a": {Content: "2\n"}}))
	tr.Tag("v1.0", c1, "release one") // annotated: peeled to c1
	tr.Tag("light", c1, "")
	tr.Branch("feature", c1)
	// A name go-git refuses to write, as a crafted repository holds it.
	if err := os.WriteFile(filepath.Join(tr.Dir, ".git", "refs", "heads", "evil\x1b[2Jname"), []byte(c2.String()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, _ := openAt(t, tr)
	dec, err := r.Decorations()
	if err != nil {
		t.Fatal(err)
	}
	want1 := []Ref{{"light", RefTag}, {"v1.0", RefTag}, {"feature", RefBranch}}
	if got := dec[Hash(c1)]; !reflect.DeepEqual(got, want1) {
		t.Errorf("c1: got %v, want %v", got, want1)
	}
	want2 := []Ref{{"evil\x1b[2Jname", RefBranch}, {"main", RefBranch}}
	if got := dec[Hash(c2)]; !reflect.DeepEqual(got, want2) {
		t.Errorf("c2: got %+v, want %+v (raw: the view sanitizes)", got, want2)
	}
}
