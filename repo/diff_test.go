package repo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"

	"sightline/repo/repotest"
)

func numbered(prefix string, n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(prefix)
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(" line ")
		b.WriteString(string(rune('a' + i%26)))
		b.WriteString("\n")
	}
	return b.String()
}

// diffFixture builds base and head commits covering every kind of change
// git's -M reports.
func diffFixture(t *testing.T) (*repotest.Repo, plumbing.Hash, plumbing.Hash, plumbing.Hash) {
	tr := repotest.New(t)
	body := numbered("", 30)
	edited := strings.Replace(body, "xxx line d\n", "changed\n", 1)
	edited = strings.Replace(edited, "x line b\n", "", 1)
	base := tr.Commit("base", repotest.Tree{
		"keep.txt":           {Content: "same\n"},
		"mod.txt":            {Content: "1\n2\n3\n4\n5\n"},
		"del.txt":            {Content: "gone\n"},
		"old/pure.txt":       {Content: numbered("p", 12)},
		"old/edited.txt":     {Content: body},
		"mostly.txt":         {Content: numbered("m", 10)},
		"img.bin":            {Content: "\x89PNG\x00\x01\x02"},
		"run.sh":             {Content: "#!/bin/sh\necho hi\n"},
		"link":               {Content: "target-a"},
		"tolink":             {Content: "plain\n"},
		"empty-old":          {Content: ""},
		"dir-becomes-file/x": {Content: "x\n"},
		"noeol.txt":          {Content: "a\nb"},
		"tab\there.txt":      {Content: "t\n"},
		"sub":                {Content: "1111111111111111111111111111111111111111", Mode: filemode.Submodule},
		"sub-moved":          {Content: "3333333333333333333333333333333333333333", Mode: filemode.Submodule},
		"ln-old":             {Content: "target", Mode: filemode.Symlink},
		"x/a.txt":            {Content: "same content\n"},
		"y/b.txt":            {Content: "same content\n"},
	})
	mostly := strings.SplitAfter(numbered("m", 10), "\n")
	mostly[2], mostly[5], mostly[8] = "new 2\n", "new 5\n", "new 8\n"
	head := tr.Commit("head", repotest.Tree{
		"keep.txt":         {Content: "same\n"},
		"mod.txt":          {Content: "1\n2\nthree\n4\n5\n6\n"},
		"added.txt":        {Content: "new\nfile\n"},
		"new/pure.txt":     {Content: numbered("p", 12)},
		"new/edited.md":    {Content: edited},
		"moved/mostly.txt": {Content: strings.Join(mostly, "")},
		"img.bin":          {Content: "\x89PNG\x00\x01\x03\x04"},
		"run.sh":           {Content: "#!/bin/sh\necho hi\n", Mode: filemode.Executable},
		"link":             {Content: "target-b", Mode: filemode.Symlink},
		"tolink":           {Content: "plain\n", Mode: filemode.Symlink},
		"empty-new":        {Content: ""},
		"dir-becomes-file": {Content: "now a file\n"},
		"noeol.txt":        {Content: "a\nb\n"},
		"tab\there.txt":    {Content: "t\nu\n"},
		"esc\x1b[31m.txt":  {Content: numbered("p", 12) + "more\n"},
		"sub":              {Content: "2222222222222222222222222222222222222222", Mode: filemode.Submodule},
		"sub-new":          {Content: "4444444444444444444444444444444444444444", Mode: filemode.Submodule},
		"moved/sub":        {Content: "3333333333333333333333333333333333333333", Mode: filemode.Submodule},
		"ln-new":           {Content: "target", Mode: filemode.Symlink},
		"w/b.txt":          {Content: "same content\n"},
		"z/a.txt":          {Content: "same content\n"},
	})
	later := tr.Commit("later", tr.Edit(head, repotest.Tree{"mod.txt": repotest.Delete, "mod2.txt": {Content: "1\n2\nthree\n4\n5\n6\n7\n"}}))
	return tr, base, head, later
}

func diffLines(t *testing.T, r *Repo, a, b plumbing.Hash, names bool) ([]string, []string) {
	t.Helper()
	changes, err := r.DiffTrees(context.Background(), Hash(a), Hash(b), DiffOptions{NamesOnly: names})
	if err != nil {
		t.Fatal(err)
	}
	var num, ns []string
	for _, c := range changes {
		num = append(num, c.NumstatLine())
		ns = append(ns, c.NameStatusLine())
	}
	return num, ns
}

func TestDiffTreesMatchesGit(t *testing.T) {
	hasGit(t)
	tr, base, head, later := diffFixture(t)
	r, _ := openAt(t, tr)
	for _, p := range [][2]plumbing.Hash{{base, head}, {head, base}, {base, later}, {head, later}} {
		a, b := p[0].String(), p[1].String()
		num, ns := diffLines(t, r, p[0], p[1], false)
		if want := gitLines(t, tr.Dir, "diff", "--numstat", "-M", a, b); !reflect.DeepEqual(num, want) {
			t.Errorf("numstat %s..%s:\n got %q\nwant %q", a[:7], b[:7], num, want)
		}
		if want := gitLines(t, tr.Dir, "diff", "--name-status", "-M", a, b); !reflect.DeepEqual(ns, want) {
			t.Errorf("name-status %s..%s:\n got %q\nwant %q", a[:7], b[:7], ns, want)
		}
	}
}

// WriteStat prints what "git diff --stat -M" prints at 80 columns (and
// at 40):
// renames, binaries, long paths shortened with "...", the histogram and
// the summary line.
func TestWriteStatMatchesGit(t *testing.T) {
	hasGit(t)
	tr, base, head, later := diffFixture(t)
	r, _ := openAt(t, tr)
	ctx := context.Background()
	for _, p := range [][2]plumbing.Hash{{base, head}, {head, base}, {base, later}, {head, later}} {
		a, b := p[0].String(), p[1].String()
		changes, err := r.DiffTrees(ctx, Hash(p[0]), Hash(p[1]), DiffOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, width := range []int{80, 40} { // 40: names shortened, graph scaled
			var got strings.Builder
			if err := r.WriteStat(ctx, &got, changes, width); err != nil {
				t.Fatal(err)
			}
			if want := gitOut(t, tr.Dir, "diff", fmt.Sprintf("--stat=%d", width), "-M", a, b); got.String() != want {
				t.Errorf("stat=%d %s..%s:\n got:\n%s\nwant:\n%s", width, a[:7], b[:7], got.String(), want)
			}
		}
	}
}

func TestDiffTreesReportsKinds(t *testing.T) {
	tr, base, head, _ := diffFixture(t)
	r, _ := openAt(t, tr)
	changes, err := r.DiffTrees(context.Background(), Hash(base), Hash(head), DiffOptions{})
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]FileChange{}
	for _, c := range changes {
		byPath[c.Path()] = c
	}
	if c := byPath["new/pure.txt"]; c.Status != 'R' || c.Similarity != 100 || c.OldPath != "old/pure.txt" || c.Added+c.Removed != 0 {
		t.Errorf("pure rename: %+v", c)
	}
	if c := byPath["new/edited.md"]; c.Status != 'R' || c.Similarity < 50 || c.Similarity == 100 || c.Added != 1 || c.Removed != 2 {
		t.Errorf("rename with edits: %+v", c)
	}
	if c := byPath["img.bin"]; !c.Binary || c.Status != 'M' || c.Added != 0 {
		t.Errorf("binary: %+v", c)
	}
	if c := byPath["run.sh"]; c.Status != 'M' || c.OldMode != 0o100644 || c.NewMode != 0o100755 {
		t.Errorf("mode change: %+v", c)
	}
	if c := byPath["tolink"]; c.Status != 'T' {
		t.Errorf("type change: %+v", c)
	}
	names, err := r.DiffTrees(context.Background(), Hash(base), Hash(head), DiffOptions{NamesOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	if err := r.CountChanges(context.Background(), names, func(done, total int) { calls++ }); err != nil || !reflect.DeepEqual(names, changes) || calls != len(changes) {
		t.Errorf("names then CountChanges (%d progress calls, %v) differs from DiffTrees:\n%+v\n%+v", calls, err, names, changes)
	}
	if _, err := r.DiffTrees(context.Background(), Hash(base), Hash(tr.Blob("x")), DiffOptions{}); err == nil {
		t.Error("DiffTrees against a blob id succeeded")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.DiffTrees(ctx, Hash(base), Hash(head), DiffOptions{}); err == nil {
		t.Error("cancelled DiffTrees succeeded")
	}
}

func TestDiffBlobs(t *testing.T) {
	tr := repotest.New(t)
	a, b := tr.Blob("1\n2\n3\n"), tr.Blob("1\ntwo\n3\n")
	tr.Commit("c", repotest.Tree{"f": {Content: "x"}})
	r, _ := openAt(t, tr)
	hs, err := r.DiffBlobs(context.Background(), Hash(a), Hash(b), 1)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range hs[0].Lines {
		got = append(got, string(l.Kind)+string(l.Text))
	}
	if len(hs) != 1 || !reflect.DeepEqual(got, []string{" 1", "-2", "+two", " 3"}) {
		t.Errorf("hunks %+v lines %q", hs, got)
	}
	hs, err = r.DiffBlobs(context.Background(), ZeroHash, Hash(a), 3)
	if err != nil || len(hs) != 1 || hs[0].NewLines != 3 || hs[0].OldLines != 0 {
		t.Errorf("added blob: %+v %v", hs, err)
	}
}

// TestDiffTreesMatchesGitOnRandomHistory cross-checks numstat and
// name-status on a 200-commit generated history with renames (with and
// without edits), content swaps, binaries and mode changes, between
// neighbouring and far-apart commits.
func TestDiffTreesMatchesGitOnRandomHistory(t *testing.T) {
	hasGit(t)
	n := 200
	if testing.Short() {
		n = 80
	}
	g := newHistoryGen(t, 42)
	g.build(n)
	r, _ := openAt(t, g.tr)
	commits := gitLines(t, g.tr.Dir, "rev-list", "HEAD")
	last := len(commits) - 1
	pairs := [][2]int{{last, 0}, {last / 2, 0}, {last, last / 2}, {1, 0}, {3, 2}, {0, last}, {last / 3, last / 4}}
	for k := 5; k < last; k += 17 {
		pairs = append(pairs, [2]int{k, k - 5})
	}
	for _, p := range pairs {
		a, b := commits[p[0]], commits[p[1]]
		ha, _ := ParseHash(a)
		hb, _ := ParseHash(b)
		num, ns := diffLines(t, r, plumbing.Hash(ha), plumbing.Hash(hb), false)
		if want := gitLines(t, g.tr.Dir, "diff", "--numstat", "-M", a, b); !reflect.DeepEqual(num, want) {
			t.Errorf("numstat %s..%s:\n got %q\nwant %q", a[:7], b[:7], num, want)
		}
		if want := gitLines(t, g.tr.Dir, "diff", "--name-status", "-M", a, b); !reflect.DeepEqual(ns, want) {
			t.Errorf("name-status %s..%s:\n got %q\nwant %q", a[:7], b[:7], ns, want)
		}
	}
}

// TestDiffTreesParallelCountsMatchGit changes enough files that every
// counting goroutine gets work.
func TestDiffTreesParallelCountsMatchGit(t *testing.T) {
	hasGit(t)
	tr := repotest.New(t)
	before, after := repotest.Tree{}, repotest.Tree{}
	for i := 0; i < 128; i++ {
		p := fmt.Sprintf("d%d/f%03d.txt", i%7, i)
		before[p] = repotest.File{Content: numbered("x", 10+i%13)}
		after[p] = repotest.File{Content: strings.Replace(numbered("x", 12+i%11), "xx line c\n", "changed\n", 1)}
	}
	a, b := tr.Commit("a", before), tr.Commit("b", after)
	r, _ := openAt(t, tr)
	num, _ := diffLines(t, r, a, b, false)
	if want := gitLines(t, tr.Dir, "diff", "--numstat", "-M", a.String(), b.String()); !reflect.DeepEqual(num, want) || len(num) < 128 {
		t.Errorf("numstat:\n got %q\nwant %q", num, want)
	}
}

// TestHistoryFailsOnMissingObjects: a damaged repository makes diff, path
// history and blame fail loudly, never return a shorter answer.
func TestHistoryFailsOnMissingObjects(t *testing.T) {
	tr := repotest.New(t)
	a := tr.Commit("a", repotest.Tree{"d/f.txt": {Content: "1\n"}, "g.txt": {Content: "g\n"}})
	b := tr.Commit("b", tr.Edit(a, repotest.Tree{"d/f.txt": {Content: "1\n2\n"}, "g.txt": {Content: "g2\n"}}))
	cb, err := tr.Git.CommitObject(b)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := cb.Tree()
	if err != nil {
		t.Fatal(err)
	}
	dEntry, err := sub.FindEntry("d")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(tr.ObjectPath(dEntry.Hash)); err != nil {
		t.Fatal(err)
	}
	r, pin := openAt(t, tr)
	if _, err := r.DiffTrees(context.Background(), Hash(a), Hash(b), DiffOptions{}); !errors.Is(err, ErrMissingObject) {
		t.Errorf("DiffTrees over a missing subtree: %v", err)
	}
	if err := r.PathLog(context.Background(), pin.Commit, "d/f.txt", func(Commit) error { return nil }); !errors.Is(err, ErrMissingObject) {
		t.Errorf("PathLog through a missing subtree: %v", err)
	}
	if _, err := r.Blame(context.Background(), pin.Commit, "d/f.txt", nil); !errors.Is(err, ErrMissingObject) {
		t.Errorf("Blame of a file under a missing subtree: %v", err)
	}
}
