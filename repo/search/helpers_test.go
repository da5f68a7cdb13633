package search

import (
	"os/exec"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/filemode"

	"sightline/repo/repotest"
)

func hasGit(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed: cross-check skipped")
	}
}

// hostileTree holds every entry kind and names go-git's walkers stop at
// (repo's tests use the same tree).
func hostileTree(tr *repotest.Repo) repotest.Tree {
	sub := tr.Commit("submodule target", repotest.Tree{"x": {Content: "x\n"}})
	return repotest.Tree{
		"a.txt":                {Content: "a\n"},
		"esc\x1b[31mred.txt":   {Content: "escape in name\n"},
		"new\nline.txt":        {Content: "newline in name\n"},
		"bad\xffutf8.txt":      {Content: "invalid utf-8 name\n"},
		"run.sh":               {Content: "#!/bin/sh\n", Mode: filemode.Executable},
		"link":                 {Content: "../../etc/passwd", Mode: filemode.Symlink},
		"vendor/lib":           {Content: sub.String(), Mode: filemode.Submodule},
		"dir/inner.go":         {Content: "package dir\n"},
		"dir/deeper/z.txt":     {Content: "z\n"},
		"dir.txt":              {Content: "sorts before dir/\n"},
		"with space/file a.md": {Content: "spaces\n"},
	}
}

// history is four commits on main, a side branch, and both kinds of tag
// (repo's tests use the same history).
func history(t *testing.T) *repotest.Repo {
	t.Helper()
	tr := repotest.New(t)
	c1 := tr.Commit("one", repotest.Tree{"f.txt": {Content: "1\n"}})
	tr.Commit("two", repotest.Tree{"f.txt": {Content: "2\n"}})
	tr.Commit("three", repotest.Tree{"f.txt": {Content: "3\n"}})
	tr.Commit("four", repotest.Tree{"f.txt": {Content: "4\n"}, "dir/g.txt": {Content: "g\n"}})
	tr.Tag("v1", c1, "annotated release one")
	tr.Tag("light", tr.Commits[1], "")
	tr.Branch("side", tr.Commits[2])
	return tr
}
