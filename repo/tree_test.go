package repo

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"

	"sightline/repo/repotest"
)

// openAt opens a repository built by repotest and pins its head.
func openAt(t testing.TB, tr *repotest.Repo) (*Repo, Pin) {
	t.Helper()
	r, err := Open(tr.Dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = r.Close() })
	pin, err := r.Resolve("HEAD")
	if err != nil {
		t.Fatalf("Resolve HEAD: %v", err)
	}
	return r, pin
}

func hasGit(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed: cross-check skipped")
	}
}

// hostileTree holds every entry kind and names go-git's walkers stop at.
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

func TestReadTreeListsEveryEntryWithItsKind(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("hostile", hostileTree(tr))
	r, pin := openAt(t, tr)
	got, err := r.ReadTree(context.Background(), pin.Tree, "")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	kinds := map[string]Kind{}
	for _, e := range got {
		names = append(names, e.Name)
		kinds[e.Name] = e.Kind
		if e.Path != e.Name {
			t.Errorf("root entry %q has path %q", e.Name, e.Path)
		}
	}
	want := []string{"a.txt", "bad\xffutf8.txt", "dir.txt", "dir", "esc\x1b[31mred.txt", "link", "new\nline.txt", "run.sh", "vendor", "with space"}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("root names\n got %q\nwant %q", names, want)
	}
	wantKinds := map[string]Kind{"a.txt": KindFile, "run.sh": KindExec, "link": KindSymlink, "dir": KindDir, "vendor": KindDir}
	for n, k := range wantKinds {
		if kinds[n] != k {
			t.Errorf("%s: kind %v, want %v", n, kinds[n], k)
		}
	}
	vendor, err := r.Lookup(context.Background(), pin.Tree, "vendor/lib")
	if err != nil || vendor.Kind != KindSubmodule || vendor.Mode != 0o160000 {
		t.Fatalf("vendor/lib: %+v, %v", vendor, err)
	}
	if vendor.Hash.String() != tr.Commits[0].String() {
		t.Errorf("submodule pins %s, want %s", vendor.Hash, tr.Commits[0])
	}
}

// WalkFiles must list what git lists, in git's order, hostile names,
// symlinks and gitlinks included.
func TestWalkFilesMatchesGitLsTree(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("hostile", hostileTree(tr))
	r, pin := openAt(t, tr)
	var got []string
	err := r.WalkFiles(context.Background(), pin.Tree, func(e Entry) error {
		if e.Kind == KindDir || e.Kind == KindError {
			t.Errorf("WalkFiles gave %s entry %q", e.Kind, e.Path)
		}
		got = append(got, e.Path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 11 {
		t.Errorf("WalkFiles listed %d entries, want 11: %q", len(got), got)
	}
	hasGit(t)
	out, err := exec.Command("git", "-C", tr.Dir, "ls-tree", "-r", "-z", "--name-only", pin.Commit.String()).Output()
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("WalkFiles\n got %q\ngit ls-tree\n     %q", got, want)
	}
}

func TestLookup(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("hostile", hostileTree(tr))
	r, pin := openAt(t, tr)
	ctx := context.Background()
	e, err := r.Lookup(ctx, pin.Tree, "dir/deeper/z.txt")
	if err != nil || e.Kind != KindFile || e.Name != "z.txt" || e.Path != "dir/deeper/z.txt" {
		t.Fatalf("Lookup dir/deeper/z.txt = %+v, %v", e, err)
	}
	if e, err := r.Lookup(ctx, pin.Tree, "esc\x1b[31mred.txt"); err != nil || e.Kind != KindFile {
		t.Fatalf("Lookup of an escape name = %+v, %v", e, err)
	}
	if e, err := r.Lookup(ctx, pin.Tree, ""); err != nil || e.Kind != KindDir || e.Hash != pin.Tree {
		t.Fatalf("Lookup root = %+v, %v", e, err)
	}
	for _, p := range []string{"nope", "dir/nope.go", "a.txt/under-a-file", "dir//inner.go"} {
		_, err := r.Lookup(ctx, pin.Tree, p)
		if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), p) {
			t.Errorf("Lookup(%q) error %v, want ErrNotFound naming the path", p, err)
		}
	}
}

func TestMissingSubtreeIsAnErrorEntryAndSiblingsStay(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("tree", repotest.Tree{
		"a.txt": {Content: "a\n"}, "broken/x.txt": {Content: "x\n"}, "z.txt": {Content: "z\n"},
	})
	r0, pin := openAt(t, tr)
	broken, err := r0.Lookup(context.Background(), pin.Tree, "broken")
	if err != nil {
		t.Fatal(err)
	}
	_ = r0.Close()
	if err := os.Remove(tr.ObjectPath(plumbing.Hash(broken.Hash))); err != nil {
		t.Fatal(err)
	}
	r, _ := openAt(t, tr)
	ctx := context.Background()
	root, err := r.ReadTree(ctx, pin.Tree, "")
	if err != nil || len(root) != 3 {
		t.Fatalf("root listing %+v, %v; want 3 entries", root, err)
	}
	if _, err := r.ReadTree(ctx, broken.Hash, "broken"); !errors.Is(err, ErrMissingObject) || !strings.Contains(err.Error(), broken.Hash.String()) {
		t.Fatalf("ReadTree of the missing tree: %v; want ErrMissingObject naming %s", err, broken.Hash)
	}
	var got []string
	_ = r.WalkFiles(ctx, pin.Tree, func(e Entry) error {
		got = append(got, e.Kind.String()+" "+e.Path)
		if e.Kind == KindError && (e.Err == nil || !errors.Is(e.Err, ErrMissingObject)) {
			t.Errorf("error entry without the cause: %+v", e)
		}
		return nil
	})
	want := []string{"file a.txt", "error broken", "file z.txt"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("WalkFiles = %q, want %q", got, want)
	}
}

// A tree object cut short lists what it holds, then an error entry.
func TestCorruptTreeListsWhatItCan(t *testing.T) {
	tr := repotest.New(t)
	blob := tr.Blob("ok\n")
	raw := append([]byte("100644 ok.txt\x00"), blob[:]...)
	raw = append(raw, []byte("100644 cut.txt\x00\x01\x02")...)
	obj := tr.Git.Storer.NewEncodedObject()
	obj.SetType(plumbing.TreeObject)
	w, _ := obj.Writer()
	_, _ = w.Write(raw)
	_ = w.Close()
	h, err := tr.Git.Storer.SetEncodedObject(obj)
	if err != nil {
		t.Fatal(err)
	}
	tr.Commit("some commit", repotest.Tree{"f": {Content: "f"}})
	r, _ := openAt(t, tr)
	got, err := r.ReadTree(context.Background(), Hash(h), "d")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Path != "d/ok.txt" || got[0].Kind != KindFile || got[1].Kind != KindError || !strings.Contains(got[1].Err.Error(), "corrupt") {
		t.Fatalf("ReadTree of a truncated tree = %+v", got)
	}
}

func TestDepthGuard(t *testing.T) {
	for _, depth := range []int{200, 1100} {
		tr := repotest.New(t)
		path := strings.Repeat("d/", depth) + "leaf.txt"
		tr.Commit("deep", repotest.Tree{path: {Content: "deep\n"}, "top.txt": {Content: "top\n"}})
		r, pin := openAt(t, tr)
		var got []Entry
		if err := r.WalkFiles(context.Background(), pin.Tree, func(e Entry) error { got = append(got, e); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[1].Path != "top.txt" {
			t.Fatalf("depth %d: %d entries, want the deep one and top.txt", depth, len(got))
		}
		deep := got[0]
		if depth == 200 {
			if deep.Kind != KindFile || deep.Path != path {
				t.Errorf("depth 200: got %s %q", deep.Kind, deep.Path)
			}
			continue
		}
		if deep.Kind != KindError || deep.Err == nil || deep.Err.Error() != "tree deeper than 1024 levels: not expanded" {
			t.Fatalf("depth 1100: got %s entry, err %v", deep.Kind, deep.Err)
		}
		if n := strings.Count(deep.Path, "/") + 1; n != maxTreeDepth {
			t.Errorf("depth 1100: error entry at depth %d, want %d", n, maxTreeDepth)
		}
	}
}

func TestKindString(t *testing.T) {
	want := []string{"file", "exec", "symlink", "dir", "submodule", "error", "kind(9)"}
	for i, k := range []Kind{KindFile, KindExec, KindSymlink, KindDir, KindSubmodule, KindError, 9} {
		if k.String() != want[i] {
			t.Errorf("Kind(%d).String() = %q, want %q", k, k, want[i])
		}
	}
}
