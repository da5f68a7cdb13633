package repo

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// RefuseInside catches paths in the work tree and the git directory,
// through symlinks and below directories that do not exist yet, and lets
// everything else through.
func TestRefuseInside(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("one", repotest.Tree{"a.txt": {Content: "a\n"}})
	outside := t.TempDir()
	link := filepath.Join(outside, "link-to-repo")
	if err := os.Symlink(tr.Dir, link); err != nil {
		t.Fatal(err)
	}
	gitDir := filepath.Join(tr.Dir, ".git")
	for _, opened := range []string{tr.Dir, gitDir, link} {
		r, err := Open(opened)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{
			tr.Dir,
			filepath.Join(tr.Dir, "review"),
			filepath.Join(tr.Dir, "not", "yet", "there"),
			gitDir,
			filepath.Join(gitDir, "objects", "x"),
			filepath.Join(link, "ws"),
			filepath.Join(link, "new", "deeper"),
		} {
			if err := r.RefuseInside(p); err == nil || !strings.Contains(err.Error(), "inside the repository under review") {
				t.Errorf("opened %s: RefuseInside(%s) = %v, want refused", opened, p, err)
			}
		}
		for _, p := range []string{outside, filepath.Join(outside, "ws"), filepath.Dir(tr.Dir), tr.Dir + "-sibling"} {
			if err := r.RefuseInside(p); err != nil {
				t.Errorf("opened %s: RefuseInside(%s) = %v, want nil", opened, p, err)
			}
		}
		_ = r.Close()
	}
}

// A linked worktree's work tree and its own git directory are both
// inside; so is the main clone's, which holds the objects.
func TestRefuseInsideLinkedWorktree(t *testing.T) {
	hasGit(t)
	tr := repotest.New(t)
	tr.Commit("one", repotest.Tree{"a.txt": {Content: "a\n"}})
	tr.Branch("side", tr.Commits[0])
	wt := filepath.Join(t.TempDir(), "wt")
	if out, err := exec.Command("git", "-C", tr.Dir, "worktree", "add", "-q", wt, "side").CombinedOutput(); err != nil {
		t.Fatalf("git worktree add: %v %s", err, out)
	}
	r, err := Open(wt)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, p := range []string{filepath.Join(wt, "ws"), filepath.Join(tr.Dir, ".git", "ws"), filepath.Join(tr.Dir, ".git", "worktrees", "wt", "x")} {
		if err := r.RefuseInside(p); err == nil {
			t.Errorf("RefuseInside(%s) = nil, want refused", p)
		}
	}
	if err := r.RefuseInside(filepath.Join(filepath.Dir(wt), "elsewhere")); err != nil {
		t.Errorf("outside: %v", err)
	}
}
