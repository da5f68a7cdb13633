package repo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/repotest"
)

// history is four commits on main, a side branch, and both kinds of tag.
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

func TestResolve(t *testing.T) {
	tr := history(t)
	r, _ := openAt(t, tr)
	c := tr.Commits
	for rev, want := range map[string]string{
		"":                                  c[3].String(),
		"HEAD":                              c[3].String(),
		"main":                              c[3].String(),
		"HEAD~3":                            c[0].String(),
		"main~1":                            c[2].String(),
		"HEAD^":                             c[2].String(),
		"v1":                                c[0].String(), // annotated: peeled to the commit
		"refs/tags/v1":                      c[0].String(),
		"light":                             c[1].String(),
		"side":                              c[2].String(),
		c[1].String():                       c[1].String(),
		c[1].String()[:7]:                   c[1].String(),
		strings.ToUpper(c[2].String()[:10]): c[2].String(),
	} {
		pin, err := r.Resolve(rev)
		if err != nil {
			t.Errorf("Resolve(%q): %v", rev, err)
			continue
		}
		if pin.Commit.String() != want {
			t.Errorf("Resolve(%q) = %s, want %s", rev, pin.Commit, want)
		}
	}
	for _, rev := range []string{"nope", "HEAD~9", "HEAD^2", "v2", "0123456", "main:f.txt", "HEAD@{1}", "main@{upstream}"} {
		_, err := r.Resolve(rev)
		if !errors.Is(err, ErrUnknownRevision) || !strings.Contains(err.Error(), rev) || strings.Contains(err.Error(), "\n") ||
			strings.Contains(err.Error(), "EOF") {
			t.Errorf("Resolve(%q) error %v; want ErrUnknownRevision naming it (and no bare EOF)", rev, err)
		}
	}
	// A tree or blob id is not a commit to pin.
	pin, _ := r.Resolve("HEAD")
	if _, err := r.Resolve(pin.Tree.String()); err == nil || !strings.Contains(err.Error(), "not a commit") {
		t.Errorf("Resolve(tree id): %v; want an error saying it is not a commit", err)
	}
	// Nor is a tag of a tree or a blob, and the tag exists: say what it
	// points to rather than "no such tag".
	tr.Tag("treetag", plumbing.NewHash(pin.Tree.String()), "")
	tr.Tag("blobtag", tr.Blob("b\n"), "annotated blob")
	r, _ = openAt(t, tr) // objects written after Open may be unseen
	for rev, want := range map[string]string{"treetag": "points to a tree", "blobtag": "points to a blob"} {
		_, err := r.Resolve(rev)
		if !errors.Is(err, ErrUnknownRevision) || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "no such") {
			t.Errorf("Resolve(%s): %v; want it to say %q", rev, err, want)
		}
	}
}

// A HEAD that names no commit (an empty repository, or a copy whose HEAD
// names a branch never pushed) says so and lists what there is.
func TestResolveUnbornHead(t *testing.T) {
	empty := repotest.New(t)
	r, err := Open(empty.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Resolve("HEAD"); !errors.Is(err, ErrUnknownRevision) || !strings.Contains(err.Error(), "HEAD points to refs/heads/main") ||
		!strings.Contains(err.Error(), "holds no commits") {
		t.Errorf("empty repository: %v", err)
	}
	tr := history(t)
	p := filepath.Join(tr.Dir, ".git", "HEAD")
	if err := os.WriteFile(p, []byte("ref: refs/heads/master\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r2, err := Open(tr.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	if _, err := r2.Resolve(""); !errors.Is(err, ErrUnknownRevision) ||
		!strings.Contains(err.Error(), "HEAD points to refs/heads/master, which does not exist; branches and tags here: light, main, side, v1") {
		t.Errorf("HEAD to a missing branch: %v", err)
	}
}

// A short id shared by two commits is refused, never guessed.
func TestResolveAmbiguousShortHash(t *testing.T) {
	tr := repotest.New(t)
	seen := map[string]string{}
	var prefix string
	tree := repotest.Tree{"f": {Content: "f\n"}}
	tr.Commit("base", tree)
	for i := 0; prefix == "" && i < 5000; i++ {
		h := tr.CommitWithParents(fmt.Sprint("commit ", i), tree).String()
		if _, dup := seen[h[:4]]; dup {
			prefix = h[:4]
		}
		seen[h[:4]] = h
	}
	if prefix == "" {
		t.Fatal("no two commits shared a 4-digit prefix")
	}
	r, _ := openAt(t, tr)
	_, err := r.Resolve(prefix)
	if !errors.Is(err, ErrUnknownRevision) || !strings.Contains(err.Error(), "ambiguous") {
		t.Fatalf("Resolve(%q) = %v; want an ambiguity error", prefix, err)
	}
	if pin, err := r.Resolve(seen[prefix][:12]); err != nil || pin.Commit.String() != seen[prefix] {
		t.Fatalf("Resolve of a longer prefix: %v, %v", pin.Commit, err)
	}
}

func TestOpenForms(t *testing.T) {
	tr := history(t)
	ctx := context.Background()
	head := tr.Commits[3].String()
	bare := filepath.Join(t.TempDir(), "vendor.git")
	if err := os.CopyFS(bare, os.DirFS(filepath.Join(tr.Dir, ".git"))); err != nil {
		t.Fatal(err)
	}
	elsewhere := t.TempDir()
	if err := os.WriteFile(filepath.Join(elsewhere, ".git"), []byte("gitdir: "+filepath.Join(tr.Dir, ".git")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{tr.Dir, filepath.Join(tr.Dir, ".git"), bare, elsewhere, filepath.Join(elsewhere, ".git")} {
		r, err := Open(path)
		if err != nil {
			t.Errorf("Open(%s): %v", path, err)
			continue
		}
		pin, err := r.Resolve("HEAD")
		if err != nil || pin.Commit.String() != head {
			t.Errorf("Open(%s): HEAD %s, %v; want %s", path, pin.Commit, err, head)
		}
		if _, err := r.Lookup(ctx, pin.Tree, "dir/g.txt"); err != nil {
			t.Errorf("Open(%s): %v", path, err)
		}
		_ = r.Close()
	}
	if r, err := Open(bare); err == nil {
		if r.Name() != "vendor" {
			t.Errorf("bare repository name %q, want vendor", r.Name())
		}
		_ = r.Close()
	}
}

func TestOpenRefusals(t *testing.T) {
	notRepo := t.TempDir()
	file := filepath.Join(notRepo, "file.txt")
	_ = os.WriteFile(file, []byte("x"), 0o644)
	danglingDir := t.TempDir()
	_ = os.WriteFile(filepath.Join(danglingDir, ".git"), []byte("gitdir: /nonexistent/x/.git\n"), 0o644)
	garbageDir := t.TempDir()
	_ = os.WriteFile(filepath.Join(garbageDir, ".git"), []byte("not a gitdir line\n"), 0o644)

	withConfig := func(extra string) string {
		tr := repotest.New(t)
		tr.Commit("c", repotest.Tree{"f": {Content: "f"}})
		p := filepath.Join(tr.Dir, ".git", "config")
		b, _ := os.ReadFile(p)
		s := strings.Replace(string(b), "repositoryformatversion = 0", "repositoryformatversion = 1", 1)
		_ = os.WriteFile(p, []byte(s+extra), 0o644)
		return tr.Dir
	}
	alternates := func() string {
		tr := repotest.New(t)
		tr.Commit("c", repotest.Tree{"f": {Content: "f"}})
		p := filepath.Join(tr.Dir, ".git", "objects", "info")
		_ = os.MkdirAll(p, 0o755)
		_ = os.WriteFile(filepath.Join(p, "alternates"), []byte("/elsewhere/objects\n"), 0o644)
		return tr.Dir
	}()
	promisorPack := func() string {
		tr := repotest.New(t)
		tr.Commit("c", repotest.Tree{"f": {Content: "f"}})
		p := filepath.Join(tr.Dir, ".git", "objects", "pack")
		_ = os.MkdirAll(p, 0o755)
		_ = os.WriteFile(filepath.Join(p, "pack-0000.promisor"), nil, 0o644)
		return tr.Dir
	}()
	inside := filepath.Join(repotest.New(t).Dir, "sub", "dir")
	_ = os.MkdirAll(inside, 0o755)
	for _, c := range []struct {
		path string
		is   error
		says []string
	}{
		{inside, ErrNotRepository, []string{"inside the work tree", "give the top of the clone: " + filepath.Dir(filepath.Dir(inside))}},
		{filepath.Join(notRepo, "missing"), nil, []string{"no such file or directory", "give the path of a clone"}},
		{notRepo, ErrNotRepository, []string{"give the "}},
		{file, ErrNotRepository, []string{"a file, not a directory"}},
		{danglingDir, ErrNotRepository, []string{"/nonexistent/x/.git", "holds no repository"}},
		{garbageDir, ErrNotRepository, []string{"without a gitdir: line"}},
		{withConfig("[extensions]\n\tobjectformat = sha256\n"), ErrUnsupportedFormat, []string{"SHA-256", "git bundle"}},
		{withConfig("[extensions]\n\tpartialclone = origin\n"), ErrUnsupportedFormat, []string{"partial clone", "full clone"}},
		{withConfig("[extensions]\n\tworktreeConfig = true\n"), ErrUnsupportedFormat, []string{"worktreeconfig", "git bundle"}},
		{withConfig("[]\n[ ]\n[extensions]\n\tpartialclone = origin\n"), ErrUnsupportedFormat, []string{"partial clone"}},
		{alternates, ErrUnsupportedFormat, []string{"borrows objects from another repository", "self-contained clone"}},
		// Newer git marks a partial clone by a promisor remote only.
		{withConfig("[remote \"origin\"]\n\turl = x\n\tpromisor = true\n"), ErrUnsupportedFormat, []string{"partial clone", "full clone"}},
		{promisorPack, ErrUnsupportedFormat, []string{"partial clone (a promisor pack)"}},
	} {
		r, err := Open(c.path)
		if err == nil {
			_ = r.Close()
			t.Errorf("Open(%s) succeeded", c.path)
			continue
		}
		msg := err.Error()
		if c.is != nil && !errors.Is(err, c.is) || strings.Contains(msg, "\n") {
			t.Errorf("Open(%s) = %v; want %v on one line", c.path, err, c.is)
		}
		for _, s := range c.says {
			if !strings.Contains(msg, s) {
				t.Errorf("Open(%s) = %q; want it to say %q", c.path, msg, s)
			}
		}
	}
}

// A real partial clone made by git (blobs left on the server) is refused
// by name, not opened to fail file by file.
func TestOpenPartialClone(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	src := history(t).Dir
	dst := filepath.Join(t.TempDir(), "partial")
	cmd := exec.Command("git", "-c", "protocol.file.allow=always", "-c", "uploadpack.allowFilter=true",
		"clone", "-q", "--bare", "--no-local", "--filter=blob:none", "file://"+src, dst)
	cmd.Env = append(cmd.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+t.TempDir())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("git cannot make a partial clone here: %v %s", err, out)
	}
	r, err := Open(dst)
	if err == nil {
		_ = r.Close()
		t.Fatal("Open(partial clone) succeeded")
	}
	if !errors.Is(err, ErrUnsupportedFormat) || !strings.Contains(err.Error(), "partial clone") {
		t.Fatalf("Open(partial clone) = %v", err)
	}
}

// A real SHA-256 repository made by git is refused by name.
func TestOpenSHA256Repository(t *testing.T) {
	hasGit(t)
	dir := t.TempDir()
	if out, err := exec.Command("git", "init", "-q", "--object-format=sha256", dir).CombinedOutput(); err != nil {
		t.Skipf("this git cannot make SHA-256 repositories: %v %s", err, out)
	}
	_, err := Open(dir)
	if !errors.Is(err, ErrUnsupportedFormat) || !strings.Contains(err.Error(), "SHA-256") {
		t.Fatalf("Open(sha256 repo) = %v", err)
	}
}

// In a linked worktree HEAD is the worktree's own, objects the main
// repository's.
func TestOpenLinkedWorktree(t *testing.T) {
	hasGit(t)
	tr := history(t)
	wt := filepath.Join(t.TempDir(), "wt")
	if out, err := exec.Command("git", "-C", tr.Dir, "worktree", "add", "-q", wt, "side").CombinedOutput(); err != nil {
		t.Fatalf("git worktree add: %v %s", err, out)
	}
	priv := filepath.Join(tr.Dir, ".git", "worktrees", "wt")
	for _, path := range []string{wt, filepath.Join(wt, ".git"), priv} {
		r, err := Open(path)
		if err != nil {
			t.Fatalf("Open(%s): %v", path, err)
		}
		pin, err := r.Resolve("HEAD")
		if err != nil || pin.Commit != Hash(tr.Commits[2]) {
			t.Errorf("Open(%s): HEAD = %s, %v; want the worktree's %s", path, pin.Commit, err, tr.Commits[2])
		}
		if pin, err := r.Resolve("main"); err != nil || pin.Commit != Hash(tr.Commits[3]) {
			t.Errorf("Open(%s): main = %s, %v", path, pin.Commit, err)
		}
		if r.GitDir() != filepath.Join(tr.Dir, ".git") {
			t.Errorf("Open(%s): GitDir %s", path, r.GitDir())
		}
		_ = r.Close()
	}
	r, _ := openAt(t, tr)
	if pin, _ := r.Resolve("HEAD"); pin.Commit != Hash(tr.Commits[3]) {
		t.Errorf("main work tree HEAD = %s", pin.Commit)
	}
}

// Open, browse, read and verify write nothing under the repository (the
// search package checks the same of grep and its index).
func TestReadingWritesNothing(t *testing.T) {
	tr := history(t)
	tr.Commit("hostile", hostileTree(tr))
	dirs := []string{tr.Dir}
	if _, err := exec.LookPath("git"); err == nil {
		wt := filepath.Join(t.TempDir(), "wt")
		if out, err := exec.Command("git", "-C", tr.Dir, "worktree", "add", "-q", wt, "side").CombinedOutput(); err != nil {
			t.Fatalf("git worktree add: %v %s", err, out)
		}
		dirs = append(dirs, wt)
	}
	before := map[string]map[string]string{}
	for _, d := range dirs {
		before[d] = repotest.SnapshotFiles(t, d)
	}
	ctx := context.Background()
	for _, d := range dirs {
		r, err := Open(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, rev := range []string{"HEAD", "main", "v1", "HEAD~2", tr.Commits[1].String()[:8]} {
			pin, err := r.Resolve(rev)
			if err != nil {
				t.Fatal(err)
			}
			err = r.WalkFiles(ctx, pin.Tree, func(e Entry) error {
				if _, err := r.ReadBlob(ctx, e.Hash, -1); err != nil && e.Kind != KindSubmodule {
					return err
				}
				return r.VerifyObject(ctx, e.Hash)
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		_ = r.Close()
	}
	for _, d := range dirs {
		if after := repotest.SnapshotFiles(t, d); !reflect.DeepEqual(before[d], after) {
			for k := range after {
				if before[d][k] != after[k] {
					t.Errorf("%s changed", k)
				}
			}
			t.Fatalf("reading changed files under %s", d)
		}
	}
}
