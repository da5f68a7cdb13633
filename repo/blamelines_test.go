package repo

import (
	"reflect"
	"sort"
	"sync"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// A second blame takes the versions the first one read from what the
// Repo keeps, reading none from the repository, and gives git's answer;
// a Repo opened afresh reads them all again.
func TestBlameKeepsVersionsBetweenBlames(t *testing.T) {
	hasGit(t)
	g := newHistoryGen(t, 3)
	g.build(80)
	r, pin := openAt(t, g.tr)
	path := mostEditedPath(t, g)
	want := gitBlame(t, g.tr.Dir, "HEAD", path)
	var reads []int
	blameReadsHook = func(n int) { reads = append(reads, n) }
	defer func() { blameReadsHook = nil }()
	fresh, _ := openAt(t, g.tr)
	for i, rr := range []*Repo{r, r, fresh} {
		if got := ourBlame(t, rr, plumbing.Hash(pin.Commit), path); !reflect.DeepEqual(got, want) {
			t.Fatalf("blame %d of %s differs from git's", i+1, path)
		}
	}
	if len(reads) != 3 || reads[0] < 3 || reads[1] != 0 || reads[2] != reads[0] {
		t.Errorf("versions of %s read by a first blame, a second on the same Repo, a first on another: %v; want N, 0, N", path, reads)
	}
	if kept := keptBlobs(r); len(kept) != reads[0] {
		t.Errorf("%d versions kept, %d read", len(kept), reads[0])
	}
}

// A Repo told it serves one blame (the command line's) keeps no version:
// each blame reads them all, and answers as git does.
func TestBlameOnceKeepsNoVersion(t *testing.T) {
	hasGit(t)
	g := newHistoryGen(t, 3)
	g.build(80)
	r, pin := openAt(t, g.tr)
	r.BlameOnce()
	path := mostEditedPath(t, g)
	want := gitBlame(t, g.tr.Dir, "HEAD", path)
	var reads []int
	blameReadsHook = func(n int) { reads = append(reads, n) }
	defer func() { blameReadsHook = nil }()
	for i := range 2 {
		if got := ourBlame(t, r, plumbing.Hash(pin.Commit), path); !reflect.DeepEqual(got, want) {
			t.Fatalf("blame %d of %s differs from git's", i+1, path)
		}
		if kept := keptBlobs(r); len(kept) != 0 {
			t.Fatalf("blame %d kept %d versions", i+1, len(kept))
		}
	}
	if len(reads) != 2 || reads[0] < 3 || reads[1] != reads[0] {
		t.Errorf("versions of %s read by two blames: %v; want N, N", path, reads)
	}
}

// Blames run at once on one Repo (the workbench's gutter and History
// can) each give git's answer: one uses the kept table, the others
// tables of their own.
func TestConcurrentBlamesGiveGitsAnswers(t *testing.T) {
	hasGit(t)
	g := newHistoryGen(t, 4)
	g.build(60)
	r, pin := openAt(t, g.tr)
	var paths []string
	for _, p := range sortedPaths(g.trees[g.tr.Head()]) {
		if len(paths) < 6 && !isBinPath(p) {
			paths = append(paths, p)
		}
	}
	want := map[string][]string{}
	for _, p := range paths {
		want[p] = gitBlame(t, g.tr.Dir, "HEAD", p)
	}
	var wg sync.WaitGroup
	for round := 0; round < 2; round++ {
		for _, p := range paths {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if got := ourBlame(t, r, plumbing.Hash(pin.Commit), p); !reflect.DeepEqual(got, want[p]) {
					t.Errorf("concurrent blame of %s differs from git's", p)
				}
			}()
		}
		wg.Wait()
	}
}

// What the Repo keeps stays within its budget: past it, it is dropped,
// and a blame adds no more than the room left.
func TestBlameLinesStayWithinTheirBudget(t *testing.T) {
	hasGit(t)
	old := blameLinesBytes
	blameLinesBytes = 64 << 10
	defer func() { blameLinesBytes = old }()
	g := newHistoryGen(t, 5)
	g.build(60)
	r, pin := openAt(t, g.tr)
	for _, p := range sortedPaths(g.trees[g.tr.Head()]) {
		if isBinPath(p) {
			continue
		}
		if got, want := ourBlame(t, r, plumbing.Hash(pin.Commit), p), gitBlame(t, g.tr.Dir, "HEAD", p); !reflect.DeepEqual(got, want) {
			t.Errorf("blame of %s differs from git's", p)
		}
		bl := &r.blameLines
		if bl.table != nil && bl.bytes+bl.table.TextBytes() > blameLinesBytes {
			t.Fatalf("after %s: %d bytes kept, over %d", p, bl.bytes+bl.table.TextBytes(), blameLinesBytes)
		}
	}
}

func keptBlobs(r *Repo) []Hash {
	r.blameLines.mu.Lock()
	defer r.blameLines.mu.Unlock()
	var out []Hash
	for h := range r.blameLines.ids {
		out = append(out, h)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

func isBinPath(p string) bool { return len(p) > 4 && p[:4] == "bin/" }

// mostEditedPath is the text file of g's history with the most versions.
func mostEditedPath(t *testing.T, g *historyGen) string {
	t.Helper()
	best, n := "", 0
	for _, p := range sortedPaths(g.trees[g.tr.Head()]) {
		if isBinPath(p) {
			continue
		}
		if k := len(gitLines(t, g.tr.Dir, "log", "--format=%H", "--", p)); k > n {
			best, n = p, k
		}
	}
	return best
}
