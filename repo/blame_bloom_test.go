package repo

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/repotest"
)

// bloomHistory makes a history where the blamed file changes in a few
// commits among many that change only other files, with a merge whose
// second parent edited it, and writes git's commit-graph with
// changed-path Bloom filters.
func bloomHistory(t *testing.T) (*repotest.Repo, plumbing.Hash) {
	t.Helper()
	hasGit(t)
	tr := repotest.New(t)
	lines := []string{"one", "two", "three", "four", "five", "six"}
	file := func() string { return strings.Join(lines, "\n") + "\n" }
	tree := repotest.Tree{"src/a.c": {Content: file()}, "b.c": {Content: "b0\n"}}
	head := tr.Commit("import", tree)
	for i := 1; i <= 40; i++ {
		tree = tr.TreeOf(head)
		tree["b.c"] = repotest.File{Content: fmt.Sprintf("b%d\n", i)}
		if i%10 == 0 {
			lines[i/10] = fmt.Sprintf("edit %d", i)
			tree["src/a.c"] = repotest.File{Content: file()}
		}
		head = tr.Commit(fmt.Sprintf("commit %d", i), tree)
	}
	side := tr.TreeOf(head)
	lines = append(lines, "from the side branch")
	side["src/a.c"] = repotest.File{Content: file()}
	s := tr.CommitWithParents("side", side, head)
	main := tr.TreeOf(head)
	main["b.c"] = repotest.File{Content: "main\n"}
	m := tr.CommitWithParents("main", main, head)
	merged := tr.TreeOf(s)
	merged["b.c"] = main["b.c"]
	head = tr.CommitWithParents("merge", merged, m, s)
	for i := 0; i < 5; i++ {
		tree = tr.TreeOf(head)
		tree["b.c"] = repotest.File{Content: fmt.Sprintf("after %d\n", i)}
		head = tr.Commit("after", tree)
	}
	tr.SetHead(head)
	if out, err := exec.Command("git", "-C", tr.Dir, "commit-graph", "write", "--reachable", "--changed-paths").CombinedOutput(); err != nil {
		t.Fatalf("git commit-graph write: %v\n%s", err, out)
	}
	return tr, head
}

// Blame asks the commit-graph's Bloom filters, as git blame does, before
// it compares a commit's tree with its first parent's, and still gives
// git blame's answer.
func TestBlameUsesBloomFilters(t *testing.T) {
	tr, head := bloomHistory(t)
	r, err := Open(tr.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	skips := -1
	blameSkipsHook = func(n int) { skips = n }
	defer func() { blameSkipsHook = nil }()
	got := ourBlame(t, r, head, "src/a.c")
	want := gitBlame(t, tr.Dir, head.String(), "src/a.c")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("blame with Bloom filters:\n%s\ngit blame:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// 40 of the commits changed only b.c: the filters prove it for most.
	if skips < 30 {
		t.Errorf("the Bloom filters spared %d tree comparisons; want most of the 45 commits that left src/a.c alone", skips)
	}
}
