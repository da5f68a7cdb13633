package repotest

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// The builder must produce repositories git itself reads the same way.
func TestBuiltRepositoryReadsBackInGit(t *testing.T) {
	r := New(t)
	c1 := r.Commit("first", Tree{"a.txt": {Content: "a\n"}, "dir/b.sh": {Content: "echo\n", Mode: filemode.Executable}})
	r.Commit("second", r.Edit(c1, Tree{"a.txt": Delete, "dir/c.txt": {Content: "c\n"}}))
	r.Tag("v1", c1, "release one")
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	out, err := exec.Command("git", "-C", r.Dir, "ls-tree", "-r", "main").CombinedOutput()
	if err != nil {
		t.Fatalf("git ls-tree: %v\n%s", err, out)
	}
	got := string(out)
	if !strings.Contains(got, "100755 blob") || !strings.Contains(got, "dir/c.txt") || strings.Contains(got, "a.txt") {
		t.Fatalf("unexpected tree:\n%s", got)
	}
	out, err = exec.Command("git", "-C", r.Dir, "rev-parse", "v1^{commit}").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != c1.String() {
		t.Fatalf("tag v1: %v %s", err, out)
	}
	if err := exec.Command("git", "-C", r.Dir, "fsck", "--strict").Run(); err != nil {
		t.Fatalf("git fsck: %v", err)
	}
}
