package search

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// Grep searches a 100 MiB blob in runs of lines, not whole (moved here
// from repo's TestHugeBlobIsNotLoadedWhole).
func TestGrepOfHugeBlobIsNotLoadedWhole(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("writes a 100 MiB object; skipped in -short and -race runs")
	}
	tr := repotest.New(t)
	tr.Commit("one", repotest.Tree{"small": {Content: "s"}})
	const size = 100 << 20
	id := repotest.WriteLooseBlob(t, filepath.Join(tr.Dir, ".git"), size, 'y')
	ctx := context.Background()
	var before, after runtime.MemStats
	raw := append([]byte("100644 big.txt\x00"), id[:]...)
	obj := tr.Git.Storer.NewEncodedObject()
	obj.SetType(plumbing.TreeObject)
	w, _ := obj.Writer()
	_, _ = w.Write(raw)
	_ = w.Close()
	tree, err := tr.Git.Storer.SetEncodedObject(obj)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := pintest.Head(t, tr)
	runtime.ReadMemStats(&before)
	hits := 0
	err = Grep(ctx, r, repo.Hash(tree), regexp.MustCompile("^line two$"), Options{}, func(m Match) error {
		if hits++; m.Line != 2*hits || string(m.Text) != "line two" {
			return fmt.Errorf("match %d: %+v", hits, m)
		}
		return nil
	})
	runtime.ReadMemStats(&after)
	if err != nil || hits != 100 {
		t.Fatalf("grep: %d matches, %v", hits, err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("grep of the 100 MiB blob: %d MiB allocated", alloc>>20)
	if alloc > 64<<20 {
		t.Fatalf("grep of a 100 MiB blob allocated %d MiB: it was loaded whole", alloc>>20)
	}
}

// Real repositories keep objects in packs, where a big blob may be a
// delta; Grep must give the same answers there as on loose objects
// (moved here from repo's TestPackedRepository).
func TestGrepPackedRepository(t *testing.T) {
	hasGit(t)
	tr := repotest.New(t)
	big := strings.Repeat("big line with a needle\n", (3<<20)/23) // above the 1 MiB threshold
	tree := hostileTree(tr)
	tree["big.txt"] = repotest.File{Content: big}
	tr.Commit("one", tree)
	tree["big.txt"] = repotest.File{Content: big + "one more needle\n"} // stored as a delta
	tr.Commit("two", tree)
	if out, err := exec.Command("git", "-C", tr.Dir, "repack", "-a", "-d", "-q").CombinedOutput(); err != nil {
		t.Fatalf("git repack: %v %s", err, out)
	}
	if out, _ := exec.Command("git", "-C", tr.Dir, "count-objects", "-v").Output(); !strings.Contains(string(out), "count: 0\n") {
		t.Fatalf("objects still loose:\n%s", out)
	}
	r, pin := pintest.Head(t, tr)
	var last Match
	count := 0
	err := Grep(context.Background(), r, pin.Tree, regexp.MustCompile("needle"), Options{}, func(m Match) error {
		count, last = count+1, m
		return nil
	})
	if err != nil || count != (3<<20)/23+1 || last.Path != "big.txt" || string(last.Text) != "one more needle" {
		t.Fatalf("grep: %d matches, last %+v, %v", count, last, err)
	}
}

// Grep, and a search through an index kept outside, write nothing under
// the repository (repo's TestReadingWritesNothing covers its readers).
func TestGrepWritesNothing(t *testing.T) {
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
	indexes := t.TempDir()
	for _, d := range dirs {
		r := pintest.Open(t, d)
		for _, rev := range []string{"HEAD", "main", "v1", "HEAD~2", tr.Commits[1].String()[:8]} {
			pin := pintest.Resolve(t, r, rev)
			if err := Grep(ctx, r, pin.Tree, regexp.MustCompile("."), Options{}, func(Match) error { return nil }); err != nil {
				t.Fatal(err)
			}
			if err := BuildIndex(ctx, r, pin.Tree, IndexPath(indexes, pin.Tree)); err != nil {
				t.Fatal(err)
			}
			if _, err := New(r, indexes).GrepCached(ctx, pin.Tree, regexp.MustCompile("."), Options{}, func(Match) error { return nil }); err != nil {
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
