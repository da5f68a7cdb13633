package synth

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a, err := Generate(filepath.Join(t.TempDir(), "a"), 300, 200, 7)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(filepath.Join(t.TempDir(), "b"), 300, 200, 7)
	if err != nil {
		t.Fatal(err)
	}
	if a.Head != b.Head || a.Objects != b.Objects {
		t.Fatalf("same seed gave HEAD %s (%d objects) and %s (%d objects)", a.Head, a.Objects, b.Head, b.Objects)
	}
	c, err := Generate(filepath.Join(t.TempDir(), "c"), 300, 200, 8)
	if err != nil {
		t.Fatal(err)
	}
	if c.Head == a.Head {
		t.Fatalf("seeds 7 and 8 gave the same HEAD %s", a.Head)
	}
}

// TestGenerateReadsBackWithGoGit opens the result the way sightline does
// and checks the manifest's promises: file count, commit count, the
// special files and the base tag.
func TestGenerateReadsBackWithGoGit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	m, err := Generate(dir, 400, 150, 3)
	if err != nil {
		t.Fatal(err)
	}
	r, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	head, err := r.Head()
	if err != nil {
		t.Fatal(err)
	}
	if head.Name() != plumbing.NewBranchReferenceName("main") || head.Hash().String() != m.Head {
		t.Fatalf("HEAD is %s at %s, want main at %s", head.Name(), head.Hash(), m.Head)
	}
	c, err := r.CommitObject(head.Hash())
	if err != nil {
		t.Fatal(err)
	}
	tree, err := c.Tree()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	walker := tree.Files()
	for {
		f, err := walker.Next()
		if err != nil {
			break
		}
		n++
		if f.Name == m.BlameFile {
			lines, err := f.Lines()
			if err != nil {
				t.Fatal(err)
			}
			if len(lines) < blameLines-100 || len(lines) > blameLines+100 {
				t.Errorf("%s has %d lines, want about %d", m.BlameFile, len(lines), blameLines)
			}
		}
	}
	if n != 400 {
		t.Errorf("HEAD tree has %d files, want 400", n)
	}
	for _, p := range []string{m.MediumFile, m.MiBFile, m.LongFile} {
		if _, err := tree.File(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	iter, err := r.Log(&git.LogOptions{From: head.Hash()})
	if err != nil {
		t.Fatal(err)
	}
	count := 0
	_ = iter.ForEach(func(*object.Commit) error { count++; return nil })
	if count != 150 {
		t.Errorf("history has %d commits, want 150", count)
	}
	if _, err := r.Tag(BaseTag); err != nil {
		t.Errorf("tag %s: %v", BaseTag, err)
	}
}

// TestGenerateIsCleanForGit cross-checks with the git CLI: fsck finds no
// problem and ls-tree lists the promised number of files.
func TestGenerateIsCleanForGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := filepath.Join(t.TempDir(), "r")
	m, err := Generate(dir, 500, 300, 11)
	if err != nil {
		t.Fatal(err)
	}
	gitOut := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	if out := gitOut("fsck", "--strict", "--no-dangling"); strings.TrimSpace(out) != "" {
		t.Errorf("git fsck reports:\n%s", out)
	}
	if n := len(strings.Split(strings.TrimSpace(gitOut("ls-tree", "-r", "--name-only", "HEAD")), "\n")); n != 500 {
		t.Errorf("git ls-tree -r lists %d files, want 500", n)
	}
	if got := strings.TrimSpace(gitOut("rev-parse", "HEAD")); got != m.Head {
		t.Errorf("git rev-parse HEAD = %s, manifest says %s", got, m.Head)
	}
	if n := len(strings.Split(strings.TrimSpace(gitOut("rev-list", "HEAD")), "\n")); n != 300 {
		t.Errorf("git rev-list HEAD lists %d commits, want 300", n)
	}
	if merges := strings.TrimSpace(gitOut("rev-list", "--merges", "HEAD")); merges == "" {
		t.Error("history has no merge commit")
	}
	if out := gitOut("diff", "--name-status", "-M", BaseTag, "HEAD"); !strings.Contains(out, "\nR") && !strings.HasPrefix(out, "R") {
		t.Errorf("no rename between %s and HEAD:\n%.500s", BaseTag, out)
	}
}
