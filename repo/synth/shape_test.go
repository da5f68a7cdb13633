package synth

import (
	"path"
	"path/filepath"
	"sort"
	"testing"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// RealShape's history has what it promises: in its merge stretch a fifth
// of the commits are merges against a few in a hundred outside it, the
// blame file changes in a fifth of the commits, and one directory holds
// a twentieth of the files. The plain shape has none of these.
func TestRealShapeHasMergeStretchesAHotFileAndABigDirectory(t *testing.T) {
	const files, commits = 2000, 2200
	for _, tc := range []struct {
		name string
		real bool
	}{{"plain", false}, {"real", true}} {
		var shape Shape
		if tc.real {
			shape = RealShape(files)
		}
		dir := filepath.Join(t.TempDir(), tc.name)
		m, err := GenerateShape(dir, files, commits, 5, shape)
		if err != nil {
			t.Fatal(err)
		}
		st := historyStats(t, dir)
		if st.commits != m.Commits {
			t.Fatalf("%s: %d commits read back, the manifest says %d", tc.name, st.commits, m.Commits)
		}
		// Commits are numbered from the first: 1-999 plain, 1000-1999 a
		// merge stretch (in the real shape), 2000- plain again.
		inStretch := float64(st.mergesIn[1]) / float64(st.commitsIn[1])
		outside := float64(st.mergesIn[0]+st.mergesIn[2]) / float64(st.commitsIn[0]+st.commitsIn[2])
		hot := float64(st.hotEdits) / float64(st.commits)
		t.Logf("%s: merges %.3f in the stretch, %.3f outside; blame file changed by %.3f of commits; %d files in %s",
			tc.name, inStretch, outside, hot, st.bigDir, bigDirPath)
		if outside > 0.04 {
			t.Errorf("%s: %.3f of the commits outside the stretch are merges; want about 0.02", tc.name, outside)
		}
		if tc.real {
			if inStretch < 0.15 {
				t.Errorf("real: %.3f of the stretch's commits are merges; want about a fifth", inStretch)
			}
			if hot < 0.12 {
				t.Errorf("real: the blame file changed in %.3f of the commits; want about a fifth", hot)
			}
			if st.bigDir < files/20*9/10 {
				t.Errorf("real: %s holds %d files; want about %d", bigDirPath, st.bigDir, files/20)
			}
			continue
		}
		if inStretch > 0.04 || hot > 0.09 || st.bigDir > 0 {
			t.Errorf("plain: merges %.3f in the stretch, blame file in %.3f of commits, %d files in %s: the plain shape changed",
				inStretch, hot, st.bigDir, bigDirPath)
		}
	}
}

type shapeStats struct {
	commits, hotEdits   int
	commitsIn, mergesIn [3]int // by stretch: commits 1-999, 1000-1999, the rest
	bigDir              int    // files directly in bigDirPath at HEAD
}

// historyStats reads a generated repository back with go-git.
func historyStats(t *testing.T, dir string) shapeStats {
	t.Helper()
	r, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	head, err := r.Head()
	if err != nil {
		t.Fatal(err)
	}
	iter, err := r.CommitObjects()
	if err != nil {
		t.Fatal(err)
	}
	var all []*object.Commit
	if err := iter.ForEach(func(c *object.Commit) error { all = append(all, c); return nil }); err != nil {
		t.Fatal(err)
	}
	// The generator's clock moves forward a step each commit, so commit
	// time gives the order they were made in.
	sort.SliceStable(all, func(i, j int) bool { return all[i].Committer.When.Before(all[j].Committer.When) })
	blob := func(c *object.Commit) string {
		f, err := c.File(BlameFile)
		if err != nil {
			return ""
		}
		return f.Hash.String()
	}
	st := shapeStats{commits: len(all)}
	for i, c := range all {
		stretch := min((i+1)/mergeStretch, 2)
		st.commitsIn[stretch]++
		switch c.NumParents() {
		case 1:
			p, err := c.Parent(0)
			if err != nil {
				t.Fatal(err)
			}
			if blob(c) != blob(p) {
				st.hotEdits++
			}
		case 2:
			st.mergesIn[stretch]++
		}
	}
	hc, err := r.CommitObject(head.Hash())
	if err != nil {
		t.Fatal(err)
	}
	tree, err := hc.Tree()
	if err != nil {
		t.Fatal(err)
	}
	if err := tree.Files().ForEach(func(f *object.File) error {
		if path.Dir(f.Name) == bigDirPath {
			st.bigDir++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return st
}
