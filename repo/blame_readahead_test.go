package repo

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/repotest"
)

// withReadAhead runs f with the versions read ahead (held bytes bounded
// by held) or not, and returns how many versions the walks took from it.
// With lead, each walk waits until the read-ahead is done or waits for
// room: left alone, the walk wins some races for a version and reads it
// itself, and how many it takes is timing.
func withReadAhead(t *testing.T, on, lead bool, held int, f func()) int64 {
	t.Helper()
	var taken atomic.Int64
	oldHeld := readAheadHeld
	readAheadHeld, readAheadTaken = held, func() { taken.Add(1) }
	if lead {
		readAheadStarted = waitUntilIdle
	}
	defer func() { readAheadHeld, readAheadTaken, readAheadStarted = oldHeld, nil, nil }()
	withPrefetch(t, on, 2048, f)
	return taken.Load()
}

// waitUntilIdle holds a blame's walk until its read-ahead has read all
// it will or waits for room.
func waitUntilIdle(v *versionReadAhead) {
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if v.idle() {
			return
		}
	}
}

// With Bloom filters (here sightline's own history index), Blame reads
// the file's versions ahead on another core. Whether it reads far ahead,
// one version at a time (the walk takes each before the next is read),
// racing the walk, or not at all, every blame of every file is the same; and the walk
// does take versions from it, so the comparison is not of one path with
// itself.
func TestVersionReadAheadChangesNothingButTime(t *testing.T) {
	for _, seed := range []int64{4, 7} {
		g := newHistoryGen(t, seed)
		g.build(150)
		r, pin := openAt(t, g.tr)
		index := buildIndex(t, r, pin.Commit)
		paths := sortedPaths(g.trees[g.tr.Head()])
		blameAll := func() map[string][]BlameLine {
			// A fresh Repo each time: one keeps the versions it read for
			// its next blames, which would then read nothing.
			r2, _ := openDir(t, r.GitDir())
			useIndex(t, r2, index, pin.Commit)
			out := map[string][]BlameLine{}
			for _, p := range paths {
				if e, err := r2.Lookup(context.Background(), pin.Tree, p); err != nil || e.Kind != KindFile {
					continue
				}
				b, err := r2.Blame(context.Background(), pin.Commit, p, nil)
				if err != nil {
					t.Fatalf("Blame(%q): %v", p, err)
				}
				out[p] = b
			}
			return out
		}
		var alone, ahead, stepwise, racing map[string][]BlameLine
		withReadAhead(t, false, false, 8<<20, func() { alone = blameAll() })
		takenAhead := withReadAhead(t, true, true, 8<<20, func() { ahead = blameAll() })
		takenStepwise := withReadAhead(t, true, true, 1, func() { stepwise = blameAll() })
		withReadAhead(t, true, false, 8<<20, func() { racing = blameAll() })
		if len(alone) < 3 {
			t.Fatalf("seed %d: %d files blamed: the test proves little", seed, len(alone))
		}
		if !reflect.DeepEqual(alone, ahead) || !reflect.DeepEqual(alone, stepwise) || !reflect.DeepEqual(alone, racing) {
			t.Fatalf("seed %d: blame differs with the versions read ahead", seed)
		}
		if takenAhead == 0 || takenStepwise == 0 {
			t.Fatalf("seed %d: the walks took %d and %d versions read ahead; want some", seed, takenAhead, takenStepwise)
		}
	}
}

// A blame stopped early (cancelled, or failing) stops its read-ahead: no
// goroutine outlives it, even one waiting for room.
func TestVersionReadAheadStopsWithTheBlame(t *testing.T) {
	g := newHistoryGen(t, 6)
	g.build(200)
	r, pin := openAt(t, g.tr)
	index := buildIndex(t, r, pin.Commit)
	var file string
	for _, p := range sortedPaths(g.trees[g.tr.Head()]) {
		if e, err := r.Lookup(context.Background(), pin.Tree, p); err == nil && e.Kind == KindFile {
			file = p
			break
		}
	}
	withReadAhead(t, true, false, 1, func() {
		before := runtime.NumGoroutine()
		for range 20 {
			r2, _ := openDir(t, r.GitDir())
			useIndex(t, r2, index, pin.Commit)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			if _, err := r2.Blame(ctx, pin.Commit, file, nil); err == nil {
				t.Fatal("a cancelled Blame succeeded")
			}
			if _, err := r2.Blame(context.Background(), pin.Commit, file, nil); err != nil {
				t.Fatal(err)
			}
			_ = r2.Close()
		}
		noGoroutineOutlives(t, before, "the blames")
	})
}

// A version of the file that is damaged or missing in the object store
// stops the blame with the walk's own error, read ahead or not: a read
// that fails ahead is left to the walk, which meets it and says so.
func TestVersionReadAheadNeverHidesADamagedVersion(t *testing.T) {
	for _, damage := range []string{"substituted", "missing"} {
		for _, held := range []int{8 << 20, 1} {
			tr := repotest.New(t)
			version := func(i int) string { return fmt.Sprintf("one\ntwo %d\nthree\n", i) }
			tree := repotest.Tree{"src/a.c": {Content: version(0)}, "b.c": {Content: "b\n"}}
			head := tr.Commit("import", tree)
			for i := 1; i <= 12; i++ {
				tree = tr.TreeOf(head)
				tree["b.c"] = repotest.File{Content: fmt.Sprintf("b%d\n", i)}
				if i%3 == 0 {
					tree["src/a.c"] = repotest.File{Content: version(i)}
				}
				head = tr.Commit(fmt.Sprintf("commit %d", i), tree)
			}
			tr.SetHead(head)
			r, pin := openAt(t, tr)
			index := buildIndex(t, r, pin.Commit)
			old := plumbing.ComputeHash(plumbing.BlobObject, []byte(version(6)))
			if damage == "substituted" {
				tr.SubstituteBlob(old, version(7))
			} else {
				tr.RemoveObject(old)
			}
			r2, _ := openDir(t, tr.Dir)
			useIndex(t, r2, index, pin.Commit)
			var err error
			taken := withReadAhead(t, true, true, held, func() { _, err = r2.Blame(context.Background(), pin.Commit, "src/a.c", nil) })
			if err == nil || !strings.Contains(err.Error(), Hash(old).Short()) {
				t.Fatalf("%s version, %d bytes ahead: Blame gave %v; want an error naming %s", damage, held, err, Hash(old).Short())
			}
			if taken == 0 {
				t.Errorf("%s version, %d bytes ahead: no version was taken from the read-ahead", damage, held)
			}
		}
	}
}

// At a merge whose filter clears the file against the first parent, the
// walk gives every line to that parent and never reads the file in the
// others (as git blame does); the read-ahead reads nothing there either.
// Here a side branch changes the file and each merge keeps the main
// line's version: the side's versions are never needed, while the main
// line's all are (the file's first line goes back to the first commit).
func TestVersionReadAheadSkipsMergesTheFiltersClear(t *testing.T) {
	tr := repotest.New(t)
	tree := repotest.Tree{"src/a.c": {Content: "first\nmain 0\n"}, "b.c": {Content: "b\n"}}
	head := tr.Commit("import", tree)
	for i := 1; i <= 6; i++ {
		side := tr.TreeOf(head)
		side["src/a.c"] = repotest.File{Content: fmt.Sprintf("first\nside %d\n", i)}
		sideHead := tr.CommitWithParents(fmt.Sprintf("side %d", i), side, head)
		mainTree := tr.TreeOf(head)
		mainTree["src/a.c"] = repotest.File{Content: fmt.Sprintf("first\nmain %d\n", i)}
		head = tr.Commit(fmt.Sprintf("main %d", i), mainTree)
		merged := tr.TreeOf(head)
		merged["b.c"] = repotest.File{Content: fmt.Sprintf("b %d\n", i)}
		head = tr.CommitWithParents(fmt.Sprintf("merge side %d", i), merged, head, sideHead)
	}
	tr.SetHead(head)
	r, pin := openAt(t, tr)
	index := buildIndex(t, r, pin.Commit)
	want, err := r.Blame(context.Background(), pin.Commit, "src/a.c", nil)
	if err != nil {
		t.Fatal(err)
	}
	var unused int
	readAheadUnused = func(n int) { unused += n }
	defer func() { readAheadUnused = nil }()
	r2, _ := openDir(t, tr.Dir)
	useIndex(t, r2, index, pin.Commit)
	var got []BlameLine
	withReadAhead(t, true, true, 8<<20, func() { got, err = r2.Blame(context.Background(), pin.Commit, "src/a.c", nil) })
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("blame with the read-ahead: %v; want %v", got, want)
	}
	if unused != 0 {
		t.Errorf("the read-ahead read %d versions the walk never took", unused)
	}
}
