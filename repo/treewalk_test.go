package repo

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"

	"sightline/repo/internal/commitgraph"
	"sightline/repo/repotest"
)

// walkHistory builds a history whose commits exercise every kind of
// tree change the diff and the history index both walk: renames (a file
// and a whole directory), mode and kind changes, files becoming
// directories and back beside names that sort between "x" and "x/",
// deep directories, merges, and diffs at, just over and far over the
// 512-path limit of a filter. It returns the commits, oldest first.
func walkHistory(t *testing.T) (*repotest.Repo, []plumbing.Hash) {
	tr := repotest.New(t)
	deep := strings.Repeat("d/", 60) + "leaf.c"
	root := tr.Commit("root", repotest.Tree{
		"README":       {Content: "readme\n"},
		"src/a.c":      {Content: numbered("a", 20)},
		"src/b.c":      {Content: numbered("b", 20)},
		"src/lib/x.h":  {Content: "x\n"},
		"src/lib/y.h":  {Content: "y\n"},
		"run.sh":       {Content: "#!/bin/sh\n"},
		"link":         {Content: "README", Mode: filemode.Symlink},
		"x":            {Content: "file x\n"},
		"x.c":          {Content: "x.c\n"},
		"x0":           {Content: "x0\n"},
		"x-y/z":        {Content: "z\n"},
		"tree/inner.c": {Content: "inner\n"},
		deep:           {Content: "deep\n"},
	})
	renamed := tr.Commit("renames", tr.Edit(root, repotest.Tree{
		"src/a.c":        repotest.Delete,
		"moved/a.c":      {Content: numbered("a", 20) + "one more\n"},
		"src/lib/x.h":    repotest.Delete,
		"src/lib/y.h":    repotest.Delete,
		"src/inc/x.h":    {Content: "x\n"},
		"src/inc/y.h":    {Content: "y\n"},
		"README":         repotest.Delete,
		"docs/README.md": {Content: "readme\n"},
	}))
	modes := tr.Commit("modes", tr.Edit(renamed, repotest.Tree{
		"run.sh":  {Content: "#!/bin/sh\n", Mode: filemode.Executable},
		"link":    {Content: "README"}, // symlink became a file
		"src/b.c": {Content: "src/a.c", Mode: filemode.Symlink},
		"sub":     {Content: "1111111111111111111111111111111111111111", Mode: filemode.Submodule},
	}))
	swaps := tr.Commit("file-dir swaps", tr.Edit(modes, repotest.Tree{
		"x":            repotest.Delete,
		"x/now-a-dir":  {Content: "was a file\n"},
		"x/deeper/q":   {Content: "q\n"},
		"tree/inner.c": repotest.Delete,
		"tree":         {Content: "was a directory\n"},
		deep:           {Content: "deep, edited\n"},
	}))
	back := tr.Commit("swap back", tr.Edit(swaps, repotest.Tree{
		"x/now-a-dir":  repotest.Delete,
		"x/deeper/q":   repotest.Delete,
		"x":            {Content: "file again\n"},
		"tree":         repotest.Delete,
		"tree/inner.c": {Content: "inner\n"},
		"x0":           repotest.Delete,
		"sub":          {Content: "2222222222222222222222222222222222222222", Mode: filemode.Submodule},
	}))
	// 511 files and their directory are 512 paths: the filter still
	// holds them. 512 and a directory are one too many.
	atLimit, overLimit, farOver := repotest.Tree{}, repotest.Tree{}, repotest.Tree{}
	for i := 0; i < 511; i++ {
		atLimit[fmt.Sprintf("gen/f%03d.c", i)] = repotest.File{Content: fmt.Sprint(i)}
	}
	for i := 0; i < 512; i++ {
		overLimit[fmt.Sprintf("gen2/f%03d.c", i)] = repotest.File{Content: fmt.Sprint(i)}
	}
	for i := 0; i < 700; i++ {
		farOver[fmt.Sprintf("big/%d/f%d.c", i%9, i)] = repotest.File{Content: fmt.Sprint(i, "far")}
	}
	at := tr.Commit("511 files", tr.Edit(back, atLimit))
	over := tr.Commit("512 files", tr.Edit(at, overLimit))
	far := tr.Commit("700 files", tr.Edit(over, farOver))
	side := tr.CommitWithParents("side", tr.Edit(far, repotest.Tree{"side.c": {Content: "side\n"}, "src/inc/x.h": repotest.Delete}), far)
	merge := tr.CommitWithParents("merge", tr.Edit(side, repotest.Tree{"moved/a.c": {Content: "merged\n"}}), far, side)
	tr.SetHead(merge)
	return tr, []plumbing.Hash{root, renamed, modes, swaps, back, at, over, far, side, merge}
}

// TestHistoryIndexChangedPathsMatchDiffTrees: for every commit, the files
// the history index records as changed against the first parent are
// exactly the paths of DiffTrees' changes without rename detection, in
// the same order, and git's "diff-tree -r --name-only" where git is
// installed; past the filter's 512-path limit both agree that it is over
// the limit. The index file's filters are the ones those paths make.
func TestHistoryIndexChangedPathsMatchDiffTrees(t *testing.T) {
	tr, commits := walkHistory(t)
	r, pin := openAt(t, tr)
	ctx := context.Background()
	_, gitErr := exec.LookPath("git")
	wantFilters := map[commitgraph.ID][]byte{}
	large := 0
	for i, c := range commits {
		co, err := tr.Git.CommitObject(c)
		if err != nil {
			t.Fatal(err)
		}
		base := ZeroHash // the index diffs against the first parent
		if len(co.ParentHashes) > 0 {
			base = Hash(co.ParentHashes[0])
		}
		baseTree := mustTree(t, r, base)
		changes, err := r.DiffTrees(ctx, base, Hash(c), DiffOptions{NoRenames: true, NamesOnly: true})
		if err != nil {
			t.Fatalf("commit %d: DiffTrees: %v", i, err)
		}
		var diffPaths []string
		for _, ch := range changes {
			diffPaths = append(diffPaths, ch.Path())
		}
		acc := changedAcc{seen: map[string]bool{}}
		err = r.changedPaths(ctx, baseTree, mustTree(t, r, Hash(c)), &acc)
		over := len(commitgraph.LeadingPaths(diffPaths)) > commitgraph.MaxChangedPaths
		switch {
		case over:
			large++
			if !errors.Is(err, errTooManyPaths) {
				t.Errorf("commit %d: %d changed paths, the index's walk says %v, want it over the limit", i, len(diffPaths), err)
			}
			if n := len(acc.files); n == 0 || !reflect.DeepEqual(acc.files, diffPaths[:n]) {
				t.Errorf("commit %d: the index stopped after %d paths that are not the diff's first ones", i, n)
			}
		case err != nil:
			t.Errorf("commit %d: the index's walk: %v", i, err)
		case !reflect.DeepEqual(acc.files, diffPaths):
			t.Errorf("commit %d: the index's changed paths\n%q\ndiff's\n%q", i, acc.files, diffPaths)
		}
		if gitErr == nil {
			if want := gitDiffTreeNames(t, tr.Dir, base, Hash(c)); !reflect.DeepEqual(diffPaths, want) {
				t.Errorf("commit %d: DiffTrees' paths\n%q\ngit diff-tree's\n%q", i, diffPaths, want)
			}
		}
		wantFilters[commitgraph.ID(c)] = commitgraph.Filter(diffPaths, over)
	}
	if large != 2 {
		t.Fatalf("%d commits over the limit, want 2 (the fixture is wrong)", large)
	}
	path := HistoryIndexPath(t.TempDir(), pin.Commit)
	st, err := r.BuildHistoryIndex(ctx, pin.Commit, path)
	if err != nil || st.Commits != len(commits) || st.Large != large {
		t.Fatalf("BuildHistoryIndex: %+v, %v; want %d commits, %d large", st, err, len(commits), large)
	}
	g, err := commitgraph.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range commits {
		pos, ok := g.Lookup(commitgraph.ID(c))
		if !ok {
			t.Fatalf("commit %d not in the index", i)
		}
		if got, want := g.FilterAt(pos), wantFilters[commitgraph.ID(c)]; string(got) != string(want) {
			t.Errorf("commit %d: the index's filter %x, the diff's paths make %x", i, got, want)
		}
	}
}

func mustTree(t *testing.T, r *Repo, c Hash) Hash {
	t.Helper()
	tree, err := r.commitTree(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// gitDiffTreeNames is "git diff-tree -r --name-only" from base (ZeroHash:
// the root commit's diff) to c.
func gitDiffTreeNames(t *testing.T, dir string, base, c Hash) []string {
	args := []string{"diff-tree", "-r", "--name-only", "--no-renames", "--no-commit-id", "-z"}
	if base.IsZero() {
		args = append(args, "--root", c.String())
	} else {
		args = append(args, base.String(), c.String())
	}
	var out []string
	for _, p := range strings.Split(gitOut(t, dir, args...), "\x00") {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// TestTreeWalkGuardsAgree: a tree deeper than the walk's limit and a
// damaged subtree stop the diff and the index's walk with the same error
// naming the directory, and the index marks the deep commit as over its
// filter's limit (git's "maybe" for every path) rather than failing.
func TestTreeWalkGuardsAgree(t *testing.T) {
	tr := repotest.New(t)
	tooDeep := strings.Repeat("d/", maxTreeDepth+5) + "f"
	base := tr.Commit("base", repotest.Tree{"a/b/c.txt": {Content: "c\n"}, "keep": {Content: "k\n"}})
	deep := tr.Commit("too deep", tr.Edit(base, repotest.Tree{tooDeep: {Content: "deep\n"}}))
	r, pin := openAt(t, tr)
	ctx := context.Background()
	walks := func(a, b Hash) (diffErr, indexErr error) {
		_, diffErr = r.DiffTrees(ctx, a, b, DiffOptions{NoRenames: true, NamesOnly: true})
		acc := changedAcc{seen: map[string]bool{}}
		return diffErr, r.changedPaths(ctx, mustTree(t, r, a), mustTree(t, r, b), &acc)
	}
	diffErr, indexErr := walks(Hash(base), Hash(deep))
	if !errors.Is(diffErr, ErrTooDeep) || !errors.Is(indexErr, ErrTooDeep) || diffErr.Error() != indexErr.Error() {
		t.Fatalf("too deep: diff %v, index %v; want the same ErrTooDeep", diffErr, indexErr)
	}
	path := HistoryIndexPath(t.TempDir(), pin.Commit)
	st, err := r.BuildHistoryIndex(ctx, pin.Commit, path)
	if err != nil || st.Large != 1 {
		t.Fatalf("BuildHistoryIndex over a too-deep tree: %+v, %v; want it built with 1 large commit", st, err)
	}

	sub := tr.WriteTree(repotest.Tree{"c.txt": {Content: "c\n"}})
	damaged := tr.Commit("damaged", tr.Edit(base, repotest.Tree{"a/b/c.txt": {Content: "changed\n"}}))
	changedSub := tr.WriteTree(repotest.Tree{"c.txt": {Content: "changed\n"}})
	if sub == changedSub {
		t.Fatal("fixture: subtrees equal")
	}
	tr.RemoveObject(changedSub) // the new side's a/b
	r, _ = openAt(t, tr)
	diffErr, indexErr = walks(Hash(base), Hash(damaged))
	if diffErr == nil || indexErr == nil || diffErr.Error() != indexErr.Error() || !strings.Contains(diffErr.Error(), `"a/b"`) {
		t.Fatalf("damaged subtree: diff %v, index %v; want the same error naming a/b", diffErr, indexErr)
	}
}
