package repo

import (
	"context"
	"reflect"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// withPrefetch runs f with the history prefetch forced on or off, and
// with the given lookahead.
func withPrefetch(t *testing.T, on bool, ahead int, f func()) {
	t.Helper()
	oldCores, oldAhead := prefetchMinCores, prefetchAhead
	defer func() { prefetchMinCores, prefetchAhead = oldCores, oldAhead }()
	prefetchMinCores, prefetchAhead = 1, ahead
	if !on {
		prefetchMinCores = 1 << 30
	}
	f()
}

// The prefetch reads ahead in its own order (it queues a parent under
// its child's date) and may lag or lead the walk; whatever it does, the
// history and the blame must be the ones the walk gives on its own.
func TestPrefetchChangesNothingButTime(t *testing.T) {
	for _, seed := range []int64{4, 5} {
		g := newHistoryGen(t, seed)
		g.build(120)
		r, pin := openAt(t, g.tr)
		paths := append(sortedPaths(g.trees[g.tr.Head()]), "src", "")
		type result struct {
			logs   map[string][]string
			blames map[string][]BlameLine
		}
		run := func() result {
			res := result{logs: map[string][]string{}, blames: map[string][]BlameLine{}}
			for _, p := range paths {
				res.logs[p] = collectLog(t, r, pin.Commit, p, false)
				if e, err := r.Lookup(context.Background(), pin.Tree, p); err == nil && e.Kind == KindFile {
					b, err := r.Blame(context.Background(), pin.Commit, p, nil)
					if err != nil {
						t.Fatalf("Blame(%q): %v", p, err)
					}
					res.blames[p] = b
				}
			}
			return res
		}
		var alone, ahead, behind result
		withPrefetch(t, false, 0, func() { alone = run() })
		withPrefetch(t, true, 2048, func() { ahead = run() })
		withPrefetch(t, true, 1, func() { behind = run() }) // the walk keeps catching up and waiting
		if len(alone.blames) == 0 {
			t.Fatal("no file was blamed: the test proves nothing")
		}
		if !reflect.DeepEqual(alone, ahead) || !reflect.DeepEqual(alone, behind) {
			t.Fatalf("seed %d: results differ with the prefetch", seed)
		}
	}
}

// A walk stopped early stops its prefetch too: no goroutine outlives it.
func TestPrefetchStopsWithTheWalk(t *testing.T) {
	g := newHistoryGen(t, 6)
	g.build(200)
	r, pin := openAt(t, g.tr)
	withPrefetch(t, true, 2048, func() {
		before := runtime.NumGoroutine()
		for range 20 {
			n := 0
			err := r.PathLog(context.Background(), pin.Commit, "", func(Commit) error {
				if n++; n == 2 {
					return ErrStopWalk
				}
				return nil
			})
			if err != nil || n != 2 {
				t.Fatalf("stop after 2: err %v, n %d", err, n)
			}
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			if _, err := r.Blame(ctx, pin.Commit, "README", nil); err == nil {
				t.Fatal("a cancelled Blame succeeded")
			}
		}
		noGoroutineOutlives(t, before, "the walks")
	})
}

// PathLog reads ahead on another core when it has no Bloom filters to
// ask (every commit's tree is then read), and not when it has them (most
// commits need no read, and a prefetch would read them all). Its answers
// with and without the prefetch are compared above and against git by
// the log tests.
func TestPathLogReadsAheadOnlyWithoutFilters(t *testing.T) {
	// taken counts the commits the walk took from the prefetch; extra the
	// goroutines running beside the walk at its callbacks. Counting
	// goroutines alone cannot show that the prefetch ran: on a loaded
	// machine it may read a short history whole and end before the
	// walk's first callback.
	most := func(t *testing.T, r *Repo, from Hash, path string) (taken, extra int) {
		t.Helper()
		var n atomic.Int64
		prefetchTaken = func() { n.Add(1) }
		defer func() { prefetchTaken = nil }()
		withPrefetch(t, true, 2048, func() {
			before := runtime.NumGoroutine()
			shown := 0
			err := r.PathLog(context.Background(), from, path, func(Commit) error {
				shown++
				extra = max(extra, runtime.NumGoroutine()-before)
				return nil
			})
			if err != nil || shown == 0 {
				t.Fatalf("PathLog: %d commits, %v", shown, err)
			}
		})
		return int(n.Load()), extra
	}
	g := newHistoryGen(t, 7)
	g.build(60)
	r, pin := openAt(t, g.tr)
	if taken, _ := most(t, r, pin.Commit, "src"); taken == 0 {
		t.Error("PathLog without a commit-graph took no commit read ahead")
	}
	tr, head := bloomHistory(t)
	rb, err := Open(tr.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer rb.Close()
	if taken, extra := most(t, rb, Hash(head), "src/a.c"); taken > 0 || extra > 0 {
		t.Errorf("PathLog with Bloom filters took %d commits read ahead, with %d more goroutines: it read ahead", taken, extra)
	}
}

// noGoroutineOutlives fails t unless, within two seconds, no more
// goroutines run than before what was tested.
func noGoroutineOutlives(t *testing.T, before int, what string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines after %s, %d before", n, what, before)
	}
}
